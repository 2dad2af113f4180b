"""The public API end to end, once per backend named in DRMAA2_TEST_BACKENDS (see
tests/backends.py, which also declares where backends differ): jobs, files, environment,
states and control, waits, arrays, sessions shared between processes, capabilities.

``make test`` runs it over the DRMAA2 stub library; ``make test-sge`` over Debian's Grid
Engine DRMAA v1 library on a real single-host cell.
"""
import datetime
import getpass
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import backends
import drmaa2
import drmaa2.backend
from conftest import ROOT
from drmaa2 import INFINITE_TIME, PARAMETRIC_INDEX, Capability, JobState, JobTemplate
from drmaa2.types import UTC, register_implementation_specific

ENDED = (JobState.DONE, JobState.FAILED)


@pytest.fixture(params=backends.selected())
def backend(request, monkeypatch, tmp_path):
    """The backend under test, made current for this test (each test gets a fresh one
    and, for the DRMAA v1 backend, its own store)."""
    name = request.param
    monkeypatch.setenv("DRMAA2_BACKEND", name)
    monkeypatch.setenv("DRMAA2_DRMAA1_STATE_DIR", str(tmp_path / "drmaa1-state"))
    previous = register_implementation_specific(None)
    register_implementation_specific(previous)
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    drmaa2.backend.current()
    yield name
    if name != "libdrmaa2":
        register_implementation_specific(previous)


@pytest.fixture
def session(backend):
    job_session = drmaa2.create_job_session()
    yield job_session
    if not job_session.closed:
        for job in job_session.get_jobs():
            if job.get_state()[0] not in ENDED:
                try:
                    job.terminate()
                except drmaa2.InvalidStateException:
                    pass  # it ended meanwhile
        job_session.close()
    drmaa2.destroy_job_session(job_session.session_name)


def template(tmp_path, *command, **fields):
    """A JobTemplate of ``command``; output and error go to files in ``tmp_path`` unless
    the test says otherwise (a DRM's default would write into the home directory)."""
    fields.setdefault("output_path", str(tmp_path / "job.out"))
    if not fields.get("join_files"):
        fields.setdefault("error_path", str(tmp_path / "job.err"))
    return JobTemplate(remote_command=command[0], args=list(command[1:]), **fields)


def run(session, tmp_path, *command, **fields):
    return session.run_job(template(tmp_path, *command, **fields))


def finished_info(job):
    job.wait_terminated(60)
    return job.get_info()


def ended_states(backend):
    """The states of a job that ended in another process: a backend that learns only its
    own jobs' ends may answer UNDETERMINED (see tests/backends.py)."""
    if backends.feature(backend, "others_exit_status"):
        return ENDED
    return ENDED + (JobState.UNDETERMINED,)


def state_becomes(job, *wanted):
    """Poll the job (for at most a minute) until its state is one of ``wanted`` (DRMs
    apply control asynchronously); returns the last state seen."""
    deadline = time.time() + 60
    state = job.get_state()[0]
    while state not in wanted and time.time() < deadline:
        time.sleep(0.1)
        state = job.get_state()[0]
    return state


def run_python(script, *args):
    child = subprocess.Popen([sys.executable, "-c", script] + list(args), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    assert child.returncode == 0, err.decode("utf-8", "replace")
    return out.decode("utf-8")


# ------------------------------------------------------------------ the backend itself

def test_the_selected_backend_is_in_use_and_tells_its_library_and_drm(backend):
    current = drmaa2.backend.current()
    assert current.name == backend
    assert os.path.isfile(current.library_path)
    assert drmaa2.library_path() == current.library_path
    assert drmaa2.get_drms_name() == backends.feature(backend, "drms_name")
    assert drmaa2.get_drmaa_version().major == backends.feature(backend, "drmaa_major")


def test_supports_tells_the_truth_about_job_template_capabilities(session, backend, tmp_path):
    soon = datetime.datetime.fromtimestamp(time.time() + 3600, UTC)
    fields = {
        Capability.JT_EMAIL: {"email": [getpass.getuser() + "@localhost"]},
        Capability.JT_DEADLINE: {"deadline_time": soon},
        Capability.JT_MAXSLOTS: {"min_slots": 1, "max_slots": 2},
        Capability.JT_ACCOUNTINGID: {"accounting_id": "drmaa2-tests"},
        Capability.JT_STAGING: {"stage_in_files": {str(tmp_path / "in"): "in"}},
    }
    claimed = backends.feature(backend, "capabilities")
    for capability, extra in sorted(fields.items(), key=lambda item: item[0].value):
        assert drmaa2.supports(capability) == (capability.name in claimed), capability
        jt = template(tmp_path, "/bin/true", **extra)
        if capability.name in claimed:
            assert finished_info(session.run_job(jt)).job_state == JobState.DONE, capability
        else:
            with pytest.raises(drmaa2.UnsupportedAttributeException):
                session.run_job(jt)


def test_operations_the_backend_lacks_raise_unsupported_operation(backend):
    if backends.feature(backend, "reservations"):
        drmaa2.create_reservation_session("e2e-reservations").close()
        drmaa2.destroy_reservation_session("e2e-reservations")
    else:
        assert not drmaa2.supports(Capability.ADVANCE_RESERVATION)
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.create_reservation_session("e2e-reservations")
    if backends.feature(backend, "monitoring"):
        drmaa2.open_monitoring_session().close()
    else:
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.open_monitoring_session()
    if backends.feature(backend, "events"):
        drmaa2.register_event_notification(None)
    else:
        assert not drmaa2.supports(Capability.CALLBACK)
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.register_event_notification(lambda notification: None)


def test_the_native_specification_attribute_reaches_the_drm(session, backend, tmp_path):
    option = backends.feature(backend, "native_option")
    names = drmaa2.get_job_template_impl_spec()
    if option is None:
        assert "native_specification" not in names
        return
    assert "native_specification" in names
    out = tmp_path / "native.out"
    jt = template(tmp_path, "/bin/sh", "-c", "echo $DRMAA2_NATIVE", output_path=str(out))
    jt.native_specification = option
    assert finished_info(session.run_job(jt)).exit_status == 0
    assert out.read_text() == u"yes\n"


# ------------------------------------------------------------------ jobs

def test_a_job_runs_to_done_with_exit_status_zero(session, tmp_path):
    job = run(session, tmp_path, "/bin/true")
    info = finished_info(job)
    assert job.get_state()[0] == JobState.DONE
    assert info.job_state == JobState.DONE
    assert info.exit_status == 0
    assert info.job_id == job.job_id
    assert job.session_name == session.session_name


def test_the_exit_status_of_a_failing_command_is_reported(session, tmp_path):
    info = finished_info(run(session, tmp_path, "/bin/sh", "-c", "exit 3"))
    assert info.job_state == JobState.DONE
    assert info.exit_status == 3


def test_a_job_killed_by_a_signal_is_failed_with_that_signal(session, backend, tmp_path):
    info = finished_info(run(session, tmp_path, "/bin/sh", "-c", "kill -KILL $$"))
    assert info.job_state == JobState.FAILED
    assert info.terminating_signal in backends.feature(backend, "signal_name")


def test_output_error_and_input_files_are_used(session, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(u"from-input\n")
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    job = run(session, tmp_path, "/bin/sh", "-c", "cat; echo to-err >&2",
              input_path=str(source), output_path=str(out), error_path=str(err))
    assert finished_info(job).exit_status == 0
    assert out.read_text() == u"from-input\n"
    assert err.read_text() == u"to-err\n"


def test_join_files_sends_errors_to_the_output_file(session, tmp_path):
    out = tmp_path / "joined.txt"
    job = run(session, tmp_path, "/bin/sh", "-c", "echo one; sleep 0.1; echo two >&2",
              output_path=str(out), join_files=True)
    finished_info(job)
    assert out.read_text() == u"one\ntwo\n"


def test_arguments_reach_the_program_untouched_by_any_shell(session, tmp_path):
    out = tmp_path / "args.txt"
    arguments = ["$HOME", "a;b", "it's", "*", "two words"]
    job = run(session, tmp_path, "/usr/bin/printf", "[%s]\\n", *arguments,
              output_path=str(out))
    assert finished_info(job).exit_status == 0
    assert out.read_text() == u"".join(u"[%s]\n" % a for a in arguments)


def test_environment_and_working_directory_reach_the_job(session, tmp_path):
    out = tmp_path / "env.txt"
    workdir = tmp_path / "work"
    workdir.mkdir()
    job = run(session, tmp_path, "/bin/sh", "-c", 'echo "$DRMAA2_E2E"; pwd',
              job_environment={"DRMAA2_E2E": "value with spaces"},
              working_directory=str(workdir), output_path=str(out))
    assert finished_info(job).exit_status == 0
    lines = out.read_text().splitlines()
    assert lines[0] == u"value with spaces"
    assert os.path.realpath(lines[1]) == os.path.realpath(str(workdir))


def test_the_job_name_and_queue_are_used(session, backend, tmp_path):
    job = run(session, tmp_path, "/bin/true", job_name="e2e-named",
              queue_name=backends.feature(backend, "queue"))
    info = finished_info(job)
    assert info.job_state == JobState.DONE
    assert info.job_name == "e2e-named"


def test_a_job_submitted_on_hold_waits_for_its_release(session, tmp_path):
    job = run(session, tmp_path, "/bin/true", submit_as_hold=True)
    assert job.get_state()[0] == JobState.QUEUED_HELD
    with pytest.raises(drmaa2.TimeoutException):
        job.wait_started(0.5)
    job.release()
    assert finished_info(job).job_state == JobState.DONE


def test_a_running_job_is_suspended_resumed_and_terminated(session, tmp_path):
    job = run(session, tmp_path, "/bin/sleep", "60")
    job.wait_started(60)
    job.suspend()
    assert state_becomes(job, JobState.SUSPENDED) == JobState.SUSPENDED
    job.resume()
    assert state_becomes(job, JobState.RUNNING) == JobState.RUNNING
    job.terminate()
    assert finished_info(job).job_state == JobState.FAILED
    with pytest.raises(drmaa2.InvalidStateException):
        job.suspend()


def test_a_held_job_can_be_terminated(session, tmp_path):
    job = run(session, tmp_path, "/bin/true", submit_as_hold=True)
    job.terminate()
    assert finished_info(job).job_state == JobState.FAILED


def test_a_job_without_remote_command_is_refused(session):
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        session.run_job(JobTemplate(args=["x"]))
    assert "remote" in str(caught.value).lower()


def test_staging_files_is_refused_naming_the_attribute(session, tmp_path):
    jt = template(tmp_path, "/bin/true", stage_out_files={"out": str(tmp_path / "o")})
    with pytest.raises(drmaa2.UnsupportedAttributeException) as caught:
        session.run_job(jt)
    assert "stage" in str(caught.value).lower()


def test_get_jobs_filters_by_state(session, tmp_path):
    done = run(session, tmp_path, "/bin/true")
    held = run(session, tmp_path, "/bin/true", submit_as_hold=True)
    done.wait_terminated(60)
    assert session.get_jobs(drmaa2.JobInfo(job_state=JobState.QUEUED_HELD)) == [held]
    assert session.get_jobs({"jobState": JobState.DONE}) == [done]
    assert sorted(job.job_id for job in session.get_jobs()) == sorted([done.job_id,
                                                                       held.job_id])


def test_a_reaped_job_is_forgotten_and_only_ended_jobs_can_be_reaped(session, tmp_path):
    job = run(session, tmp_path, "/bin/sleep", "60")
    with pytest.raises(drmaa2.InvalidStateException):
        job.reap()
    job.terminate()
    job.wait_terminated(60)
    job.reap()
    assert session.get_jobs() == []
    with pytest.raises(drmaa2.InvalidArgumentException):
        job.get_state()


# ------------------------------------------------------------------ waits

def test_a_wait_that_times_out_raises_timeout_exception(session, tmp_path):
    job = run(session, tmp_path, "/bin/sleep", "60")
    job.wait_started(60)
    with pytest.raises(drmaa2.TimeoutException) as caught:
        job.wait_terminated(0.5)
    assert job.job_id in str(caught.value)
    assert job.get_state()[0] == JobState.RUNNING


def test_wait_any_returns_the_job_that_ended(session, tmp_path):
    slow = run(session, tmp_path, "/bin/sleep", "60")
    quick = run(session, tmp_path, "/bin/true")
    assert session.wait_any_terminated([slow, quick], 60) is quick
    assert session.wait_any_started([slow], 60) is slow
    with pytest.raises(drmaa2.TimeoutException):
        session.wait_any_terminated([slow], 0.3)


def test_ctrl_c_interrupts_an_infinite_wait(session, backend, tmp_path):
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "job = session.run_job(drmaa2.JobTemplate(remote_command='/bin/sleep', args=['60'],\n"
        "                      output_path='/dev/null', error_path='/dev/null'))\n"
        "job.wait_started(60)\n"
        "try:\n"
        "    sys.stdout.write('waiting\\n'); sys.stdout.flush()\n"
        "    job.wait_terminated(drmaa2.INFINITE_TIME)\n"
        "    sys.stdout.write('wait ended\\n')\n"
        "except KeyboardInterrupt:\n"
        "    sys.stdout.write('interrupted\\n')\n"
        "    job.terminate()\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, session.session_name], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    guard = threading.Timer(60, child.kill)  # never hang the suite on a broken wait
    guard.start()
    try:
        assert child.stdout.readline() == b"waiting\n"
        threading.Event().wait(0.3)  # let the child enter the wait
        child.send_signal(signal.SIGINT)
        out, err = child.communicate()
    finally:
        guard.cancel()
    assert out == b"interrupted\n", err.decode("utf-8", "replace")
    assert child.returncode == 0
    job, = session.get_jobs()
    assert state_becomes(job, *ended_states(backend)) in ended_states(backend)


# ------------------------------------------------------------------ job arrays

def test_a_job_array_runs_every_index_with_its_placeholder(session, tmp_path):
    out = str(tmp_path / ("out." + PARAMETRIC_INDEX))
    array = session.run_bulk_jobs(
        template(tmp_path, "/bin/sh", "-c", "echo ran", output_path=out, join_files=True),
        1, 5, 2, max_parallel=2)
    jobs = array.jobs
    assert len(jobs) == 3
    for job in jobs:
        assert finished_info(job).exit_status == 0
    for index in (1, 3, 5):
        assert (tmp_path / ("out.%d" % index)).read_text() == u"ran\n"
    assert session.get_job_array(array.job_array_id) == array
    assert array.job_template.remote_command == "/bin/sh"


def test_a_job_array_is_terminated_as_a_whole(session, tmp_path):
    array = session.run_bulk_jobs(template(tmp_path, "/bin/sleep", "60"), 1, 2, 1)
    array.terminate()
    for job in array.jobs:
        assert finished_info(job).job_state == JobState.FAILED


# ------------------------------------------------------------------ sessions

def test_a_named_session_is_listed_reopened_with_its_jobs_and_destroyed(backend, tmp_path):
    with drmaa2.create_job_session("e2e-named") as session:
        job = run(session, tmp_path, "/bin/sh", "-c", "exit 7")
    assert "e2e-named" in drmaa2.get_job_session_names()
    with pytest.raises(drmaa2.Drmaa2Exception):
        drmaa2.create_job_session("e2e-named")
    with drmaa2.open_job_session("e2e-named") as again:
        found, = again.get_jobs()
        assert found == job
        assert finished_info(found).exit_status == 7
        assert found.job_template.args == ["-c", "exit 7"]
    drmaa2.destroy_job_session("e2e-named")
    assert "e2e-named" not in drmaa2.get_job_session_names()
    with pytest.raises(drmaa2.Drmaa2Exception):
        drmaa2.open_job_session("e2e-named")


def test_a_second_process_waits_for_the_jobs_of_a_session(backend, tmp_path):
    with drmaa2.create_job_session("e2e-shared") as session:
        jobs = [run(session, tmp_path, "/bin/sh", "-c", "sleep 0.5; exit %d" % code)
                for code in (4, 5)]
        script = (
            "import sys, drmaa2\n"
            "with drmaa2.open_job_session(sys.argv[1]) as session:\n"
            "    for job in sorted(session.get_jobs(), key=lambda job: job.job_id):\n"
            "        job.wait_terminated(drmaa2.INFINITE_TIME)\n"
            "        print('%s %s' % (job.job_id, job.get_info().exit_status))\n"
        )
        lines = sorted(run_python(script, "e2e-shared").splitlines())
        if backends.feature(backend, "others_exit_status"):
            expected = sorted("%s %d" % (job.job_id, code) for job, code in zip(jobs, (4, 5)))
        else:
            expected = sorted("%s None" % job.job_id for job in jobs)
        assert lines == expected
        # The submitting process still knows the real exit statuses.
        assert [finished_info(job).exit_status for job in jobs] == [4, 5]
    drmaa2.destroy_job_session("e2e-shared")


def test_a_job_whose_submitter_exited_is_seen_with_an_honest_answer(backend, tmp_path):
    drmaa2.create_job_session("e2e-from-child").close()
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "job = session.run_job(drmaa2.JobTemplate(remote_command='/bin/sh',\n"
        "                      args=['-c', 'sleep 1; exit 9'], output_path='/dev/null',\n"
        "                      error_path='/dev/null'))\n"
        "print(job.job_id)\n"
    )
    job_id = run_python(script, "e2e-from-child").strip()
    with drmaa2.open_job_session("e2e-from-child") as session:
        job, = session.get_jobs()
        assert job.job_id == job_id
        info = finished_info(job)
        if backends.feature(backend, "others_exit_status"):
            assert info.exit_status == 9
            assert info.job_state == JobState.DONE
        else:
            assert info.exit_status is None
            assert info.job_state in (JobState.UNDETERMINED, JobState.DONE)
            assert "exit status" in info.annotation
    drmaa2.destroy_job_session("e2e-from-child")


def test_a_closed_session_refuses_calls(backend, tmp_path):
    session = drmaa2.create_job_session()
    session.close()
    with pytest.raises(drmaa2.InvalidSessionException):
        session.run_job(template(tmp_path, "/bin/true"))
    with pytest.raises(drmaa2.InvalidSessionException):
        session.get_jobs()
    drmaa2.destroy_job_session(session.session_name)


def test_infinite_time_waits_until_the_end(session, tmp_path):
    job = run(session, tmp_path, "/bin/sh", "-c", "sleep 0.3")
    job.wait_terminated(INFINITE_TIME)
    assert job.get_state()[0] == JobState.DONE
