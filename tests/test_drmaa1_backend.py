"""The DRMAA v1 backend's semantics over a fake DRMAA v1 library (no Grid Engine): a fake
DRM shared by two backends stands for two processes, each with its own DRMAA v1 session,
so that what DRMAA v1 tells only the submitting process can be checked exactly."""
import subprocess
import threading
import time

import pytest

from drmaa2 import INFINITE_TIME, JobInfo, JobState, JobTemplate
from drmaa2._c.drmaa1 import errors, names, profiles
from drmaa2._c.drmaa1.library import WaitResult
from drmaa2.backend.drmaa1 import Drmaa1Backend, NO_JOB, intents, jobs, master, states
from drmaa2.backend.drmaa1.jobs import array_id_of
from drmaa2.backend.drmaa1.store import STATE_DIR_VARIABLE, Store
from drmaa2.backend.drmaa1.system import split_drm_system
from drmaa2.enums import Capability
from drmaa2.exceptions import (DeniedByDrmsException, DrmCommunicationException,
                               InvalidArgumentException, InvalidSessionException,
                               InvalidStateException, TimeoutException,
                               UnsupportedOperationException)


class FakeDrm(object):
    """The cluster: job states by id, the ends not yet collected, and the submission tag
    (qsub -ac DRMAA2_SUBMISSION=) of each job number."""

    def __init__(self):
        self.states = {}
        self.results = {}
        self.next_id = 100
        self.controls = []
        self.tags = {}
        self.failures = {}
        self.master_down = False

    def end(self, job_id, exit_status=None, signal=None):
        self.states[job_id] = names.PS_DONE if signal is None else names.PS_FAILED
        self.results[job_id] = WaitResult(
            job_id=job_id, exited=signal is None, exit_status=exit_status,
            signaled=signal is not None, signal=signal, core_dumped=False, aborted=False,
            rusage={}, cpu_time=1.5, wallclock_time=2.0, submission_time=None,
            dispatch_time=1000.0, finish_time=1002.0)

    def forget(self, job_id):
        del self.states[job_id]

    def abort(self, job_id):
        """The job never ran (drmaa_wifaborted)."""
        self.states[job_id] = names.PS_FAILED
        self.results[job_id] = WaitResult(
            job_id=job_id, exited=False, exit_status=None, signaled=False, signal=None,
            core_dumped=False, aborted=True, rusage={}, cpu_time=0.0, wallclock_time=0.0,
            submission_time=None, dispatch_time=None, finish_time=None)


class FakeGridEngine(profiles.GridEngine):
    """Grid Engine's profile, asking the fake DRM instead of qstat and qacct."""

    def __init__(self, drm):
        profiles.GridEngine.__init__(self, {})
        self.drm = drm

    def find_tagged(self, tag):
        for number, (found, tasks) in self.drm.tags.items():
            if found == tag:
                return number, tasks
        return None, None

    def failure_reason(self, job_id):
        return self.drm.failures.get(job_id)


def invalid_job(function):
    return errors.exception_for(errors.INVALID_JOB, function, "no such job")


class FakeLibrary(object):
    """One process's DRMAA v1 library: drmaa_wait answers only for its own jobs."""

    path = "/fake/libdrmaa.so"
    found_by = "DRMAA_LIBRARY_PATH"

    def __init__(self, drm, drm_system="SGE 8.1.9"):
        self.drm = drm
        self.system = drm_system
        self.own = set()
        self.active = False
        self.profile = None
        self.submitted = []

    def init(self, contact=None):
        self.active = True
        self.profile = profiles.choose_profile(self.system, {})
        if isinstance(self.profile, profiles.GridEngine):
            self.profile = FakeGridEngine(self.drm)

    def exit(self):
        self.active = False

    def drm_system(self):
        return self.system

    def drmaa_implementation(self):
        return self.system

    def version(self):
        return 1, 0

    def attribute_names(self):
        return [names.REMOTE_COMMAND, names.JS_STATE, names.NATIVE_SPECIFICATION,
                names.OUTPUT_PATH, names.JOIN_FILES]

    def _submit(self, attributes, vectors):
        job_id = str(self.drm.next_id)
        self.drm.next_id += 1
        held = attributes.get(names.JS_STATE) == names.SUBMISSION_STATE_HOLD
        self.drm.states[job_id] = names.PS_USER_ON_HOLD if held else names.PS_QUEUED_ACTIVE
        self.own.add(job_id)
        self.submitted.append((attributes, vectors))
        native = attributes.get(names.NATIVE_SPECIFICATION, "").split()
        if "-ac" in native:
            tag = native[native.index("-ac") + 1].split("=", 1)[1]
            self.drm.tags[job_id] = (tag, None)
        return job_id

    def run_job(self, attributes, vectors):
        return self._submit(attributes, vectors)

    def run_bulk_jobs(self, attributes, vectors, start, end, step):
        first = self._submit(attributes, vectors)
        ids = ["%s.%d" % (first, index) for index in range(start, end + 1, step)]
        for job_id in ids:
            self.drm.states[job_id] = names.PS_QUEUED_ACTIVE
            self.own.add(job_id)
        del self.drm.states[first]
        if first in self.drm.tags:
            self.drm.tags[first] = (self.drm.tags[first][0], list(range(start, end + 1, step)))
        return ids

    def job_ps(self, job_id):
        if self.drm.master_down:
            raise errors.exception_for(errors.DRM_COMMUNICATION_FAILURE, "drmaa_job_ps",
                                       "unable to contact qmaster")
        if job_id not in self.drm.states:
            raise invalid_job("drmaa_job_ps")
        return self.drm.states[job_id]

    def wait(self, job_id, timeout=0):
        if job_id == names.JOB_IDS_SESSION_ANY:  # the first own job that ended, waiting
            self.any_waits = getattr(self, "any_waits", 0) + 1
            deadline = time.time() + timeout
            while True:
                if not self.own:
                    raise invalid_job("drmaa_wait")
                ended = sorted(j for j in self.own if j in self.drm.results)
                if ended:
                    job_id = ended[0]
                    break
                if time.time() >= deadline:
                    raise errors.exception_for(errors.EXIT_TIMEOUT, "drmaa_wait", "")
                time.sleep(0.01)
        if job_id not in self.own:
            raise invalid_job("drmaa_wait")
        if job_id not in self.drm.results:
            raise errors.exception_for(errors.EXIT_TIMEOUT, "drmaa_wait", "")
        self.own.discard(job_id)
        return self.drm.results[job_id]

    def control(self, job_id, action):
        if job_id not in self.drm.states:
            raise invalid_job("drmaa_control")
        self.drm.controls.append((job_id, action))
        if action == "release":
            self.drm.states[job_id] = names.PS_QUEUED_ACTIVE


@pytest.fixture
def drm():
    return FakeDrm()


@pytest.fixture
def environ(tmp_path):
    return {STATE_DIR_VARIABLE: str(tmp_path / "store")}


@pytest.fixture
def process(drm, environ):
    """The backend of one process: a new one per call."""
    def make(drm_system="SGE 8.1.9"):
        return Drmaa1Backend(FakeLibrary(drm, drm_system), Store(environ))
    return make


def submit(backend, session, **fields):
    fields.setdefault("remote_command", "/bin/true")
    return backend.jsession_run_job(session, JobTemplate(**fields))


def test_the_submitting_process_reports_the_exit_status_from_drmaa_wait(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    assert backend.j_get_state(job) == (JobState.QUEUED, "DRMAA_PS_QUEUED_ACTIVE")
    drm.states[job.job_id] = names.PS_RUNNING
    assert backend.j_get_state(job)[0] == JobState.RUNNING
    drm.end(job.job_id, exit_status=3)
    info = backend.j_get_info(job)
    assert (info.job_state, info.exit_status) == (JobState.DONE, 3)
    assert info.cpu_time.total_seconds() == 1.5
    assert info.finish_time is not None


def test_a_signal_makes_the_job_failed_with_the_signal(process, drm):
    backend = process()
    job = submit(backend, backend.create_jsession("s", None))
    drm.end(job.job_id, signal="SIGKILL")
    info = backend.j_get_info(job)
    assert (info.job_state, info.terminating_signal, info.exit_status) == (
        JobState.FAILED, "SIGKILL", None)


def test_another_process_gets_an_honest_unknown_when_the_drm_forgot_the_job(process, drm):
    submitter, other = process(), process()
    job = submit(submitter, submitter.create_jsession("s", None))
    other.open_jsession("s")
    drm.end(job.job_id, exit_status=0)
    drm.forget(job.job_id)
    info = other.j_get_info(job)
    assert info.job_state == JobState.UNDETERMINED
    assert info.job_sub_state == states.ENDED_UNOBSERVED
    assert info.exit_status is None
    assert "exit status" in info.annotation
    # The submitting process still has drmaa_wait's answer, which replaces the guess.
    assert submitter.j_get_info(job).exit_status == 0
    assert other.j_get_info(job).exit_status == 0


def test_another_process_keeps_the_drms_done_state_without_an_exit_status(process, drm):
    submitter, other = process(), process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.end(job.job_id, exit_status=5)
    state, sub_state = other.j_get_state(job)
    assert (state, sub_state) == (JobState.DONE, "DRMAA_PS_DONE")
    assert other.j_get_info(job).exit_status is None


def test_a_job_whose_submitter_exited_early_stays_unknown(process, drm):
    submitter = process()
    job = submit(submitter, submitter.create_jsession("s", None))
    submitter.shutdown()
    drm.end(job.job_id, exit_status=9)
    drm.forget(job.job_id)
    later = process()
    later.j_wait_terminated(job, 5, job.job_id)
    assert later.j_get_info(job).exit_status is None


def test_shutdown_stores_the_ends_this_process_saw(process, drm):
    submitter = process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.end(job.job_id, exit_status=4)
    submitter.shutdown()
    assert not submitter.library.active
    drm.forget(job.job_id)
    assert process().j_get_info(job).exit_status == 4


def test_at_exit_the_session_stays_open_while_another_thread_lives(process, drm):
    # That thread may sit in drmaa_wait: the session is not closed under it.
    submitter = process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.end(job.job_id, exit_status=4)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        submitter._shutdown_at_exit()
    finally:
        stop.set()
        other.join()
    assert submitter.library.active
    drm.forget(job.job_id)
    assert process().j_get_info(job).exit_status == 4  # the ends seen are still stored


def test_with_the_master_down_shutdown_stores_the_ends_and_leaves_drmaa_exit(process, drm):
    # Grid Engine's drmaa_exit waits for the master (2 to 8 s while it is down) and ends
    # no job: the process's end closes the session then.
    submitter = process()
    session = submitter.create_jsession("s", None)
    ended, running = submit(submitter, session), submit(submitter, session)
    drm.end(ended.job_id, exit_status=4)
    drm.master_down = True
    exits, asked, waits = [_counting(submitter.library, name)
                           for name in ("exit", "job_ps", "wait")]
    submitter.shutdown()
    assert exits == [] and submitter.library.active
    assert asked == [(running.job_id,)]  # one question: whether the master answers
    assert sorted(waits) == [(ended.job_id,), (running.job_id,)]  # without waiting
    drm.master_down = False
    later = process()
    assert later.j_get_info(ended).exit_status == 4
    listed = later.jsession_get_jobs(later.open_jsession("s"), None)
    assert sorted(job.job_id for job in listed) == [ended.job_id, running.job_id]


def test_shutdown_does_not_ask_again_a_master_a_wait_just_found_unreachable(process, drm):
    submitter = process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.master_down = True
    with pytest.raises(DrmCommunicationException):
        submitter._master.check(job.job_id)
    exits, asked = [_counting(submitter.library, name) for name in ("exit", "job_ps")]
    submitter.shutdown()
    assert exits == [] and asked == []
    drm.master_down = False  # it answers again, the next process closes its session
    later = process()
    later.j_get_state(job)
    later.shutdown()
    assert not later.library.active


def test_shutdown_with_no_job_of_its_own_asks_the_master_about_a_job_no_drm_has(process,
                                                                                 drm):
    backend = process()
    backend.create_jsession("s", None)
    asked = _counting(backend.library, "job_ps")
    backend.shutdown()
    assert asked == [(NO_JOB,)] and not backend.library.active


def test_waits_time_out_and_return_once_the_job_ended(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    with pytest.raises(TimeoutException):
        backend.j_wait_started(job, 0.05, job.job_id)
    drm.states[job.job_id] = names.PS_RUNNING
    backend.j_wait_started(job, 0, job.job_id)
    with pytest.raises(TimeoutException):
        backend.j_wait_terminated(job, 0.05, job.job_id)
    other = submit(backend, session)
    drm.end(other.job_id, exit_status=0)
    assert backend.jsession_wait_any_terminated(session, [job, other], 1) == other


def test_control_goes_to_the_drm_and_an_ended_job_refuses_it(process, drm):
    backend = process()
    job = submit(backend, backend.create_jsession("s", None), submit_as_hold=True)
    assert backend.j_get_state(job)[0] == JobState.QUEUED_HELD
    backend.j_release(job)
    assert drm.controls == [(job.job_id, "release")]
    drm.end(job.job_id, exit_status=0)
    with pytest.raises(InvalidStateException):
        backend.j_terminate(job)


def test_control_of_a_job_the_drm_forgot_is_an_invalid_state(process, drm):
    submitter, other = process(), process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.forget(job.job_id)
    with pytest.raises(InvalidStateException):
        other.j_suspend(job)
    assert other.j_get_state(job)[0] == JobState.UNDETERMINED


def test_only_ended_jobs_are_reaped_and_then_forgotten(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    with pytest.raises(InvalidStateException):
        backend.j_reap(job)
    drm.end(job.job_id, exit_status=0)
    backend.j_reap(job)
    assert backend.jsession_get_jobs(session, None) == []
    with pytest.raises(InvalidArgumentException):
        backend.j_get_state(job)


def test_sessions_persist_for_other_processes_and_refuse_when_closed(process):
    first = process()
    session = first.create_jsession(None, None)
    assert session.name.startswith("drmaa2-")
    job = submit(first, session, job_name="named")
    second = process()
    reopened = second.open_jsession(session.name)
    assert second.jsession_get_jobs(reopened, None) == [job]
    assert second.j_get_jtemplate(job).job_name == "named"
    with pytest.raises(InvalidArgumentException):
        second.create_jsession(session.name, None)
    second.close_jsession(reopened)
    with pytest.raises(InvalidSessionException):
        second.jsession_run_job(reopened, JobTemplate(remote_command="/bin/true"))
    second.destroy_jsession(session.name)
    with pytest.raises(InvalidSessionException):
        first.jsession_get_jobs(session, None)
    with pytest.raises(InvalidArgumentException):
        second.open_jsession(session.name)


@pytest.mark.parametrize("name", ["", "a/b", "tab\there", "x" * 256])
def test_bad_session_names_are_refused(process, name):
    with pytest.raises(InvalidArgumentException):
        process().create_jsession(name, None)


def test_get_jobs_filters_on_the_fields_set(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    held = submit(backend, session, submit_as_hold=True)
    done = submit(backend, session)
    drm.end(done.job_id, exit_status=0)
    assert backend.jsession_get_jobs(session, JobInfo(job_state=JobState.QUEUED_HELD)) == [held]
    assert backend.jsession_get_jobs(session, JobInfo(exit_status=0)) == [done]


def test_job_arrays_are_kept_with_their_jobs_and_controlled_together(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    array = backend.jsession_run_bulk_jobs(session, JobTemplate(remote_command="/bin/true"),
                                           1, 5, 2, 3)
    jobs = backend.jarray_get_jobs(array)
    assert [job.job_id for job in jobs] == ["100.1", "100.3", "100.5"]
    assert array.array_id == "100"
    assert backend.jsession_get_job_array(session, "100").array_id == "100"
    attributes, _ = backend.library.submitted[0]
    # -tc 3, then the tag of the submission (see the tests of killed submitters below)
    assert attributes[names.NATIVE_SPECIFICATION].split(" -ac ")[0] == "-tc 3"
    drm.end("100.1", exit_status=0)
    backend.j_get_state(jobs[0])
    backend.jarray_terminate(array)
    assert [job_id for job_id, _ in drm.controls] == ["100.3", "100.5"]
    with pytest.raises(InvalidArgumentException):
        backend.jsession_get_job_array(session, "101")


def test_array_ids_come_from_the_common_prefix():
    assert array_id_of(["6.1", "6.2"]) == "6"
    assert array_id_of(["17_1", "17_2"]) == "17_1"


def test_capabilities_follow_the_drm_profile(process):
    grid_engine, other = process(), process("SLURM 23.02")
    assert grid_engine.supports(Capability.JT_MAXSLOTS)
    assert grid_engine.supports(Capability.BULK_JOBS_MAXPARALLEL)
    assert not other.supports(Capability.JT_MAXSLOTS)
    assert not other.supports(Capability.BULK_JOBS_MAXPARALLEL)
    for backend in (grid_engine, other):
        assert backend.supports(Capability.JT_EMAIL)
        assert not backend.supports(Capability.ADVANCE_RESERVATION)
        assert not backend.supports(Capability.CALLBACK)


def test_reservations_monitoring_and_events_are_unsupported(process):
    backend = process()
    for call in (lambda: backend.create_rsession("r", None),
                 lambda: backend.open_msession(None),
                 lambda: backend.register_event_notification(lambda notification: None)):
        with pytest.raises(UnsupportedOperationException) as caught:
            call()
        assert "DRMAA v1" in str(caught.value)


def test_the_drm_name_and_version_are_split():
    name, version = split_drm_system("SGE 8.1.9")
    assert (name, version.major, version.minor) == ("SGE", "8", "1.9")
    name, version = split_drm_system("Son of Grid Engine v8.1.9")
    assert (name, version.major, version.minor) == ("Son of Grid Engine", "8", "1.9")
    assert split_drm_system("PBS Professional") == ("PBS Professional", None)
    assert split_drm_system("") == (None, None)


def test_drmaa_version_and_names_come_from_the_library(process):
    backend = process()
    assert backend.get_drms_name() == "SGE"
    assert (backend.get_drmaa_version().major, backend.get_drmaa_version().minor) == ("1", "0")
    assert backend.library_path == "/fake/libdrmaa.so"
    assert backend.impl_spec("jtemplate") == ["native_specification"]
    assert backend.impl_spec("jinfo") == []
    assert backend.resource_limit_names()["CPU_TIME"] == "CPU_TIME"


def test_a_wait_asks_the_drm_about_a_job_at_most_twice_a_second(process, drm):
    submitter, waiter = process(), process()
    job = submit(submitter, submitter.create_jsession("s", None))
    asked = []
    job_ps = waiter.library.job_ps

    def counting_job_ps(job_id):
        asked.append(job_id)
        return job_ps(job_id)
    waiter.library.job_ps = counting_job_ps
    with pytest.raises(TimeoutException):
        waiter.j_wait_terminated(job, 0.3, job.job_id)
    assert asked == [job.job_id]


def test_a_library_that_names_its_drm_only_in_a_session_is_asked_again_in_one(process):
    backend = process()
    answer = backend.library.drm_system

    def only_when_active():
        if not backend.library.active:
            raise errors.exception_for(errors.NO_ACTIVE_SESSION, "drmaa_get_DRM_system", "")
        return answer()
    backend.library.drm_system = only_when_active
    assert backend.get_drms_name() == "SGE"
    assert backend.library.active


def _counting(library, name):
    calls = []
    original = getattr(library, name)

    def counted(*args):
        calls.append(args)
        return original(*args)
    setattr(library, name, counted)
    return calls


def test_the_submitter_waits_in_drmaa_wait_on_any_job_with_a_real_timeout(process, drm):
    backend = process()
    session = backend.create_jsession("s", None)
    jobs = [submit(backend, session) for _ in range(5)]
    waits = _counting(backend.library, "wait")
    ender = threading.Timer(1.5, drm.end, (jobs[3].job_id,), {"exit_status": 4})
    ender.start()
    try:
        found = backend.jsession_wait_any_terminated(session, jobs, 30)
    finally:
        ender.cancel()
    assert found == jobs[3]
    assert backend.j_get_info(jobs[3]).exit_status == 4
    waited = [args for args in waits if args[0] == names.JOB_IDS_SESSION_ANY]
    assert waited and all(args[1] >= 1 for args in waited)   # it waited in C
    # a few looks of one job at a time, not a poll of every job every few ms
    assert len(waits) - len(waited) <= 6 * (len(waited) + 1) * len(jobs)


def test_another_process_asks_the_drm_about_many_jobs_within_one_budget(process, drm):
    from drmaa2.backend.drmaa1 import jobs as jobs_module
    submitter, waiter = process(), process()
    session = submitter.create_jsession("s", None)
    jobs = [submit(submitter, session) for _ in range(40)]
    asked = _counting(waiter.library, "job_ps")
    seen = waiter.open_jsession("s")
    start = time.time()
    with pytest.raises(TimeoutException):
        waiter.jsession_wait_any_terminated(seen, jobs, 2)
    elapsed = time.time() - start + 1.5  # a helper's last question may come after
    assert len(asked) <= jobs_module.PS_PER_SECOND * elapsed + 2 * len(jobs)
    assert len(set(job_id for job_id, in asked)) == len(jobs)  # every job is asked about


def test_a_watch_in_another_process_asks_about_a_job_once_per_probe_interval(
        process, drm, monkeypatch):
    # The full looks of a watch go on while they find ended jobs: the jobs that run on
    # must not be asked about again at each of them.
    from drmaa2.backend import waiting
    monkeypatch.setattr(jobs, "PROBE_INTERVAL", 60.0)
    monkeypatch.setattr(waiting.Watch, "WINDOW", 2)
    submitter, waiter = process(), process()
    session = submitter.create_jsession("s", None)
    running = [submit(submitter, session) for _ in range(2)]
    ended = [submit(submitter, session) for _ in range(5)]
    for job in ended:
        drm.end(job.job_id, exit_status=0)
    seen = waiter.open_jsession("s")
    watch = waiter.jsession_watch_terminated(seen)
    watch.add(running + ended)
    asked = _counting(waiter.library, "job_ps")
    taken = set(watch.take(30) for _ in ended)
    assert taken == set(ended)
    assert sorted(job_id for job_id, in asked) == sorted(
        job.job_id for job in running + ended)
    watch.close()


def test_the_store_keeps_one_connection(environ, monkeypatch):
    import sqlite3
    opened = []
    connect = sqlite3.connect

    def counting_connect(*args, **kwargs):
        opened.append(args)
        return connect(*args, **kwargs)
    monkeypatch.setattr(sqlite3, "connect", counting_connect)
    store = Store(environ)
    store.create_session("s", None)
    store.add_jobs("s", ["1", "2"], "{}", None, "me", "host")
    for _ in range(50):
        assert store.job("s", "1").job_id == "1"
    assert len(opened) == 1
    store.close()


# ---------------------------------------------------------------- killed submitters

class Killed(BaseException):
    """Stands for SIGKILL between the DRM accepting a job and the store recording it."""


def killed_after_the_c_call(backend, monkeypatch):
    """Make the next store.add_jobs of ``backend`` die as a killed process would, and
    mark the submission as coming from a process that has ended."""
    def die(*args, **kwargs):
        raise Killed()
    monkeypatch.setattr(backend.store, "add_jobs", die)
    ended = subprocess.Popen(["true"])
    ended.wait()
    monkeypatch.setattr(intents.os, "getpid", lambda: ended.pid)


def test_a_job_accepted_before_the_submitter_was_killed_joins_the_reopened_session(
        process, drm, monkeypatch):
    submitter = process()
    session = submitter.create_jsession("s", None)
    submit(submitter, session)
    killed_after_the_c_call(submitter, monkeypatch)
    with pytest.raises(Killed):
        submit(submitter, session, job_name="second")
    monkeypatch.undo()
    other = process()
    reopened = other.open_jsession("s")
    jobs = other.jsession_get_jobs(reopened, None)
    assert [job.job_id for job in jobs] == ["100", "101"]
    assert other.j_get_info(jobs[1]).job_name == "second"
    assert other.store.intents("s") == []


def test_a_job_array_accepted_before_the_submitter_was_killed_joins_the_reopened_session(
        process, drm, monkeypatch):
    submitter = process()
    session = submitter.create_jsession("s", None)
    killed_after_the_c_call(submitter, monkeypatch)
    with pytest.raises(Killed):
        submitter.jsession_run_bulk_jobs(session, JobTemplate(remote_command="/bin/true"),
                                         1, 7, 3, None)
    monkeypatch.undo()
    other = process()
    reopened = other.open_jsession("s")
    array = other.jsession_get_job_array(reopened, "100")
    assert [job.job_id for job in other.jarray_get_jobs(array)] == ["100.1", "100.4",
                                                                    "100.7"]


def test_a_submission_the_drm_never_got_is_reported_with_a_warning(process, drm,
                                                                   monkeypatch):
    submitter = process()
    session = submitter.create_jsession("s", None)
    killed_after_the_c_call(submitter, monkeypatch)
    monkeypatch.setattr(submitter.library, "run_job", lambda *args: (_ for _ in ()).throw(
        Killed()))  # killed inside the C call, before the DRM accepted anything
    with pytest.raises(Killed):
        submit(submitter, session, remote_command="/bin/lost")
    monkeypatch.undo()
    tag = Store(submitter.store._environ).intents("s")[0].tag
    other = process()
    with pytest.warns(RuntimeWarning) as caught:
        reopened = other.open_jsession("s")
    message = str(caught[0].message)
    assert tag in message and "/bin/lost" in message and "no job tagged" in message
    assert other.jsession_get_jobs(reopened, None) == []
    assert other.store.intents("s") == []  # reported once


def test_a_drm_that_cannot_be_asked_reports_the_unconfirmed_submission(process, drm,
                                                                       monkeypatch):
    submitter = process("SomeDRM 1.0")
    session = submitter.create_jsession("s", None)
    killed_after_the_c_call(submitter, monkeypatch)
    with pytest.raises(Killed):
        submit(submitter, session)
    monkeypatch.undo()
    assert names.NATIVE_SPECIFICATION not in submitter.library.submitted[0][0]
    other = process("SomeDRM 1.0")
    with pytest.warns(RuntimeWarning) as caught:
        other.open_jsession("s")
    assert "cannot ask this DRM" in str(caught[0].message)


def test_a_submission_still_under_way_in_a_living_process_is_left_alone(process, drm,
                                                                        monkeypatch):
    submitter = process()
    session = submitter.create_jsession("s", None)
    living = subprocess.Popen(["sleep", "30"])
    try:
        monkeypatch.setattr(submitter.store, "add_jobs", lambda *a, **k: (_ for _ in ()).throw(
            Killed()))
        monkeypatch.setattr(intents.os, "getpid", lambda: living.pid)
        with pytest.raises(Killed):
            submit(submitter, session)
        monkeypatch.undo()
        other = process()
        other.open_jsession("s")
        assert len(other.store.intents("s")) == 1
    finally:
        living.kill()
        living.wait()


def test_a_submission_the_drm_refused_leaves_no_intent(process, drm, monkeypatch):
    submitter = process()
    session = submitter.create_jsession("s", None)
    monkeypatch.setattr(submitter.library, "run_job", lambda *args: (_ for _ in ()).throw(
        errors.exception_for(errors.DENIED_BY_DRM, "drmaa_run_job", "denied")))
    with pytest.raises(DeniedByDrmsException):
        submit(submitter, session)
    assert submitter.store.intents("s") == []


# ---------------------------------------------------------------- why a job failed

def test_a_job_that_never_ran_is_failed_with_what_drmaa1_tells(process, drm):
    backend = process("SomeDRM 1.0")
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    drm.abort(job.job_id)
    info = backend.j_get_info(job)
    assert info.job_state == JobState.FAILED and info.exit_status is None
    assert info.annotation == states.ABORTED_ANNOTATION


def test_a_failed_job_gains_the_reason_from_the_drms_accounting_once_it_has_it(
        process, drm, monkeypatch):
    backend = process()
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    drm.abort(job.job_id)
    monkeypatch.setattr(jobs, "REASON_INTERVAL", 0.0)
    first = backend.j_get_info(job)  # the accounting does not know the job yet
    assert first.annotation == states.ABORTED_ANNOTATION
    drm.failures[job.job_id] = ("failed 28: changing into working directory (qacct -j 100)",
                                None)
    info = backend.j_get_info(job)
    assert info.annotation == states.with_reason(states.ABORTED_ANNOTATION,
                                                 drm.failures[job.job_id][0])
    # stored: another process reads it without asking
    del drm.failures[job.job_id]
    other = process()
    assert other.j_get_info(job).annotation == info.annotation


def test_the_reason_is_read_from_qaccts_failed_line():
    output = ("qname        all.q\njobnumber    12\nfailed       26  : opening input/output "
              "file\nexit_status  0\n")
    assert profiles._accounting_failure(output, "12") == (
        "failed 26: opening input/output file (qacct -j 12)", None)
    assert profiles._accounting_failure("failed       0\nexit_status  7\n", "12") == (
        "it ran and exited with status 7 (qacct -j 12)", 7)


def test_tagged_jobs_are_found_in_qstats_listing():
    listing = ("=====\njob_number:   7\ncontext:   A=1,DRMAA2_SUBMISSION=t1\n"
               "=====\njob_number:   8\njob-array tasks:   2-8:3\n"
               "context:   DRMAA2_SUBMISSION=t2\n")
    assert profiles._tagged_job(listing, "DRMAA2_SUBMISSION=t1") == ("7", None)
    assert profiles._tagged_job(listing, "DRMAA2_SUBMISSION=t2") == ("8", [2, 5, 8])
    assert profiles._tagged_job(listing, "DRMAA2_SUBMISSION=t3") == (None, None)


# ---------------------------------------------------------------- the master's faults

def test_the_submitters_observed_end_replaces_the_unobserved_end_of_another_process(
        process, drm):
    submitter, other = process(), process()
    session = submitter.create_jsession("s", None)
    job = submit(submitter, session)
    # The master forgot the job (restarted) before the submitter's library told its end:
    # the other process stores an unobserved end.
    drm.forget(job.job_id)
    other.open_jsession("s")
    assert other.j_get_state(job)[0] == JobState.UNDETERMINED
    with pytest.raises(TimeoutException):  # drmaa_wait has not told the end yet
        submitter.j_wait_terminated(job, 1.5, job.job_id)
    drm.end(job.job_id, exit_status=7)
    drm.forget(job.job_id)
    submitter.j_wait_terminated(job, 30, job.job_id)
    assert submitter.j_get_info(job).exit_status == 7
    assert other.j_get_info(job).exit_status == 7


def test_a_look_at_a_job_whose_end_a_wait_on_any_job_just_took_gets_that_end(
        process, drm, monkeypatch):
    # Grid Engine's drmaa_wait on any job hands a job's end to one caller only; a look at
    # the job in the moment before that wait has stored it must not guess an end.
    backend = process()
    session = backend.create_jsession("s", None)
    job = submit(backend, session)
    waiting, taken, stored = threading.Event(), threading.Event(), threading.Event()
    wait = backend.library.wait

    def wait_then_pause(job_id, timeout=0):
        if job_id != names.JOB_IDS_SESSION_ANY:
            return wait(job_id, timeout)
        waiting.set()
        result = wait(job_id, timeout)
        taken.set()
        stored.wait(30)
        return result
    monkeypatch.setattr(backend.library, "wait", wait_then_pause)
    waiter = threading.Thread(target=backend.jsession_wait_any_terminated,
                              args=(session, [job], 30))
    waiter.start()
    assert waiting.wait(30)
    drm.end(job.job_id, exit_status=3)
    drm.forget(job.job_id)  # as Grid Engine's master does once a job ended
    assert taken.wait(30)
    looks = []
    look = threading.Thread(target=lambda: looks.append(backend.j_get_info(job)))
    look.start()
    look.join(0.5)
    stored.set()
    look.join(30)
    waiter.join(30)
    assert not look.is_alive() and not waiter.is_alive()
    assert looks[0].job_state == JobState.DONE
    assert looks[0].exit_status == 3


def test_shutdown_replaces_an_unobserved_end_with_the_one_drmaa_wait_tells(process, drm):
    submitter, other = process(), process()
    job = submit(submitter, submitter.create_jsession("s", None))
    drm.forget(job.job_id)
    assert other.j_get_state(job)[0] == JobState.UNDETERMINED
    drm.end(job.job_id, exit_status=7)
    drm.forget(job.job_id)
    submitter.shutdown()
    assert process().j_get_info(job).exit_status == 7


def test_a_wait_in_the_submitter_learns_that_the_master_is_unreachable(process, drm,
                                                                       monkeypatch):
    monkeypatch.setattr(master, "INTERVAL", 0.2)
    submitter = process()
    session = submitter.create_jsession("s", None)
    job = submit(submitter, session)
    drm.master_down = True
    with pytest.raises(DrmCommunicationException) as caught:
        submitter.j_wait_terminated(job, INFINITE_TIME, job.job_id)
    assert "master does not answer" in str(caught.value)
    with pytest.raises(TimeoutException) as timed_out:
        submitter.jsession_wait_any_terminated(session, [job], 0.5)
    assert "master was unreachable" in str(timed_out.value)
    drm.master_down = False
    with pytest.raises(TimeoutException) as timed_out:  # it answers again
        submitter.j_wait_terminated(job, 1.5, job.job_id)
    assert "unreachable" not in str(timed_out.value)
    drm.end(job.job_id, exit_status=0)
    submitter.j_wait_terminated(job, 30, job.job_id)


def test_an_aborted_end_is_corrected_by_the_accounting_of_a_job_that_ran(process, drm,
                                                                         monkeypatch):
    """Grid Engine's library says 'aborted' of a job whose end came while the master
    restarted; its accounting knows the exit status."""
    backend = process()
    job = submit(backend, backend.create_jsession("s", None))
    drm.abort(job.job_id)
    monkeypatch.setattr(jobs, "REASON_INTERVAL", 0.0)
    assert backend.j_get_info(job).job_state == JobState.FAILED
    drm.failures[job.job_id] = ("it ran and exited with status 7 (qacct -j 100)", 7)
    info = backend.j_get_info(job)
    assert (info.job_state, info.exit_status) == (JobState.DONE, 7)
    assert "exited with status 7" in info.annotation
    assert process().j_get_info(job).exit_status == 7
