"""Jobs and job arrays over DRMAA version 1: submission, control, states, information and
waits, with the store keeping what DRMAA v1 forgets.

A job's end is learnt in one of two ways (see ``states``): the process that submitted it
asks ``drmaa_wait`` without waiting (which also reaps it in the library) and stores the
answer; any other process asks ``drmaa_job_ps`` and, once the DRM has forgotten the job,
stores an unobserved end.  Waits run through ``drmaa2.backend.waiting`` (interruptible,
float seconds): in a helper thread, the submitting process waits in ``drmaa_wait`` on any
job of its session with a real timeout; any other process asks ``drmaa_job_ps``, at most
PS_PER_SECOND times a second in all.
"""
import datetime
import getpass
import math
import os
import socket
import threading
import time

from drmaa2._c.drmaa1 import errors as drmaa1_errors
from drmaa2._c.drmaa1.names import JOB_IDS_SESSION_ANY
from drmaa2.backend.drmaa1 import intents, states
from drmaa2.backend.drmaa1.handles import ArrayHandle, JobHandle
from drmaa2.backend.drmaa1.templates import from_json, to_json, translate
from drmaa2.backend.waiting import Watch, nudge, wait_until
from drmaa2.enums import JobState
from drmaa2.exceptions import (Drmaa2Exception, InvalidArgumentException,
                               InvalidSessionException, InvalidStateException,
                               TimeoutException)
from drmaa2.types import JobInfo

#: The most questions a second of this process's waits to the DRM's master about jobs it
#: did not submit (drmaa_job_ps is a round trip to the master, one job per call).
PS_PER_SECOND = 20
#: The shortest time in seconds between two questions of a wait about one job.
PROBE_INTERVAL = 0.5

#: The shortest time in seconds between two questions to the DRM's accounting about why
#: one failed job failed (Grid Engine: qacct, whose file lags up to its flush_time).
REASON_INTERVAL = 2.0

try:
    _clock = time.monotonic
except AttributeError:  # Python 2
    _clock = time.time


def _owner():
    try:
        return getpass.getuser()
    except Exception:  # no user name for this uid (containers)
        return str(os.getuid())


def _is_invalid_job(error):
    return drmaa1_errors.drmaa1_code(error) == drmaa1_errors.INVALID_JOB


def array_id_of(job_ids):
    """The id of a job array from its jobs' ids: the part before the last '.' when all
    share it (Grid Engine's ``6.1``, ``6.2``), else the first job's id."""
    prefixes = set(job_id.rsplit(".", 1)[0] for job_id in job_ids if "." in job_id)
    if len(prefixes) == 1 and all("." in job_id for job_id in job_ids):
        return prefixes.pop()
    return job_ids[0]


def _job_control(operation):
    """The operation ``j_<operation>``: the DRMAA v1 control action ``operation``."""
    def control(self, job):
        self._control(job, operation)
    control.__name__ = str("j_" + operation)
    control.__doc__ = "%s a job that has not ended (drmaa_control)." % operation.capitalize()
    return control


def _array_control_of(operation):
    """The operation ``jarray_<operation>``: ``operation`` applied to every job of an array."""
    def control(self, array):
        self._array_control(array, operation)
    control.__name__ = str("jarray_" + operation)
    control.__doc__ = ("%s every job of an array that it applies to; the first failure is "
                       "raised after all were tried." % operation.capitalize())
    return control


class JobsMixin(object):
    """Everything a job session does with jobs, over a DRMAA v1 library."""

    # ---------------------------------------------------------------- submission

    def _translate(self, template, max_parallel=None):
        self._ensure_drmaa_session()
        return translate(template, self._supported_attributes(), self.library.profile,
                         max_parallel)

    def jsession_run_job(self, session, template):
        """Submit one job from ``template``; return the job's handle."""
        self._check_open(session)
        attributes, vectors = self._translate(template)
        encoded, owner = to_json(template), _owner()
        job_id, tag = intents.submit(self.store, self.library.profile, session.name,
                                     encoded, template.job_name, owner, attributes, vectors,
                                     self.library.run_job)
        self._own[job_id] = session.name
        self.store.add_jobs(session.name, [job_id], encoded, template.job_name, owner,
                            socket.gethostname(), intent=tag)
        return JobHandle(session.name, job_id)

    def jsession_run_bulk_jobs(self, session, template, begin, end, step, max_parallel):
        """Submit a job array; return its handle (``max_parallel`` None: no limit)."""
        self._check_open(session)
        attributes, vectors = self._translate(template, max_parallel)
        encoded, owner = to_json(template), _owner()
        job_ids, tag = intents.submit(
            self.store, self.library.profile, session.name, encoded, template.job_name,
            owner, attributes, vectors,
            lambda attributes, vectors: self.library.run_bulk_jobs(attributes, vectors,
                                                                   begin, end, step),
            bulk=(begin, end, step))
        indices = list(range(begin, end + 1, step))
        if len(indices) != len(job_ids):
            indices = None
        self._own.update((job_id, session.name) for job_id in job_ids)
        array_id = array_id_of(job_ids)
        self.store.add_jobs(session.name, job_ids, encoded, template.job_name, owner,
                            socket.gethostname(), array_id, indices, intent=tag)
        return ArrayHandle(session.name, array_id)

    def jsession_get_jobs(self, session, job_filter):
        """Handles of the session's jobs that match ``job_filter`` (a JobInfo or None)."""
        self._check_open(session)
        handles = [JobHandle(record.session, record.job_id)
                   for record in self.store.jobs(session.name)]
        if job_filter is None:
            return handles
        wanted = dict((field, value) for field, value in job_filter._asdict().items()
                      if value is not None)
        return [handle for handle in handles
                if _matches(self.j_get_info(handle), wanted)]

    def jsession_get_job_array(self, session, array_id):
        """The handle of the job array ``array_id`` of a session."""
        self._check_open(session)
        if self.store.array(session.name, array_id) is None:
            raise InvalidArgumentException("the job session %r has no job array %r"
                                           % (session.name, array_id))
        return ArrayHandle(session.name, array_id)

    # ---------------------------------------------------------------- one job

    def j_get_id(self, job):
        """The DRM's id of a job."""
        return job.job_id

    def j_get_session_name(self, job):
        """The name of the session a job belongs to."""
        return job.session

    def j_get_jtemplate(self, job):
        """The job template a job was submitted with."""
        return from_json(self._record(job).template)

    def _record(self, job):
        record = self.store.job(job.session, job.job_id)
        if record is None:
            raise InvalidArgumentException(
                "job %s is not (or no longer) a job of the session %r (reaped, or its "
                "session destroyed)" % (job.job_id, job.session))
        return record

    def _harvest(self, record):
        """The stored record after asking drmaa_wait (not waiting) about a job this
        process submitted; unchanged while the job has not ended."""
        with self._harvest_lock:
            if record.job_id not in self._own:
                return self.store.job(record.session, record.job_id) or record
            try:
                result = self.library.wait(record.job_id)
            except TimeoutException:
                return record
            except Drmaa2Exception as error:
                if not _is_invalid_job(error):
                    raise
                # A wait on any job of the session, in another thread, may have taken
                # this job's end from drmaa_wait: it is stored before that wait leaves.
                under_way = set(self._any_waits)
                while record.job_id in self._own and under_way & self._any_waits:
                    self._harvested.wait()
                self._own.pop(record.job_id, None)
                return self.store.job(record.session, record.job_id) or record
            self._own.pop(record.job_id, None)
            return self.store.finish(record.session, record.job_id,
                                     states.observed_end(result)) or record

    def _current(self, record):
        """``(record, JobState, sub-state)`` of a job now, recording its end if it ended."""
        if record.job_id in self._own and not record.observed:
            # Another process may have stored an unobserved end; drmaa_wait knows better.
            record = self._harvest(record)
        if record.ended and not self._awaits_own_end(record):
            return record, JobState(record.state), record.sub_state
        try:
            state, sub_state = states.from_drmaa1(self.library.job_ps(record.job_id))
        except Drmaa2Exception as error:
            if not _is_invalid_job(error):
                raise
            record = self._harvest(record)
            if not record.ended:
                record = self.store.finish(record.session, record.job_id,
                                           states.unobserved_end()) or record
            return record, JobState(record.state), record.sub_state
        if state in states.TERMINAL:
            record = self._harvest(record)
            if not record.ended:
                record = self.store.finish(record.session, record.job_id,
                                           states.unobserved_end(state)) or record
            return record, JobState(record.state), record.sub_state
        return record, state, sub_state

    def j_get_state(self, job):
        """The job's ``(JobState, sub-state)``."""
        _, state, sub_state = self._current(self._record(job))
        return state, sub_state

    def _with_failure_reason(self, record):
        """``record`` with the DRM's reason for its failure added to the annotation, where
        the profile can ask the DRM's accounting (asked at most every REASON_INTERVAL
        seconds per job: the accounting may lag behind the job's end)."""
        if (not record.observed or record.state != JobState.FAILED.value
                or states.has_reason(record.annotation) or not self.library.profile):
            return record
        now = _clock()
        if now - self._reasons_asked.get(record.job_id, -REASON_INTERVAL) < REASON_INTERVAL:
            return record
        self._reasons_asked[record.job_id] = now
        account = self.library.profile.failure_reason(record.job_id)
        if account is None:
            return record
        self._reasons_asked.pop(record.job_id, None)
        reason, exit_status = account
        annotation = states.with_reason(record.annotation, reason)
        if exit_status is not None:
            # DRMAA v1 said aborted (Grid Engine's library does, for a job whose end came
            # while its master restarted), but the job ran and exited: DONE, its status
            return self.store.correct(record.session, record.job_id, JobState.DONE.value,
                                      "DRMAA_PS_DONE", exit_status, annotation) or record
        return self.store.annotate(record.session, record.job_id, annotation) or record

    def j_get_info(self, job):
        """The job's JobInfo (for a failed job, the annotation says what DRMAA v1 and,
        where the profile can ask, the DRM's accounting tell of why)."""
        record, state, sub_state = self._current(self._record(job))
        if record.ended:
            record = self._with_failure_reason(record)
            state, sub_state = JobState(record.state), record.sub_state
        info = JobInfo(job_id=record.job_id, job_name=record.job_name, job_state=state,
                       job_sub_state=sub_state, job_owner=record.owner,
                       submission_machine=record.submission_machine,
                       submission_time=record.submission_time)
        if record.ended:
            info.exit_status = record.exit_status
            info.terminating_signal = record.terminating_signal
            info.annotation = record.annotation
            if record.cpu_time is not None:
                info.cpu_time = datetime.timedelta(seconds=record.cpu_time)
            if record.wallclock_time is not None:
                info.wallclock_time = datetime.timedelta(seconds=record.wallclock_time)
            if record.dispatch_time:
                info.dispatch_time = record.dispatch_time
            if record.finish_time:
                info.finish_time = record.finish_time
        return info

    def _control(self, job, operation):
        """Apply the DRMAA v1 control action ``operation`` (suspend, resume, hold, release,
        terminate) to a job that has not ended."""
        record = self._current(self._record(job))[0]
        if record.ended:
            raise InvalidStateException("job %s has ended (%s); it cannot %s"
                                        % (job.job_id, JobState(record.state).name, operation))
        try:
            self.library.control(job.job_id, operation)
        except Drmaa2Exception as error:
            if not _is_invalid_job(error):
                raise
            self._current(record)
            raise InvalidStateException("job %s has ended; it cannot %s"
                                        % (job.job_id, operation))

    j_suspend = _job_control("suspend")
    j_resume = _job_control("resume")
    j_hold = _job_control("hold")
    j_release = _job_control("release")
    j_terminate = _job_control("terminate")

    def j_reap(self, job):
        """Let the DRM forget an ended job: the store forgets it (DRMAA v1 has no reap)."""
        self._reap(self._record(job))

    def _reap(self, record):
        record, state, _ = self._current(record)
        if not record.ended:
            raise InvalidStateException("job %s has not ended (%s): only ended jobs can be "
                                        "reaped" % (record.job_id, state.name))
        self._own.pop(record.job_id, None)
        self.store.forget_job(record.session, record.job_id)

    # ---------------------------------------------------------------- waits

    def _started(self, job, throttle):
        record = self._record(job)
        if record.ended:
            return True
        if not throttle.due(job.job_id):
            return False
        record, state, _ = self._current(record)
        return record.ended or state in states.STARTED

    def _awaits_own_end(self, record):
        """Whether this process submitted the job and drmaa_wait has not told its end yet:
        an unobserved end another process stored meanwhile is then not the job's end
        here, since drmaa_wait will tell the real one."""
        return record.job_id in self._own and not record.observed

    def _ended(self, job, throttle):
        record = self._record(job)
        if record.job_id in self._own and not record.observed:
            record = self._harvest(record)  # drmaa_wait asks the library, not the DRM
            if self._awaits_own_end(record):
                return False
        if record.ended:
            return True
        if not throttle.due(job.job_id):
            return False
        return self._current(record)[0].ended

    def _wait(self, jobs, started, timeout, what):
        """wait_until for ``jobs``; a timeout in the submitting process says whether the
        DRM's master was unreachable (see ``master``)."""
        try:
            return wait_until(self._attempt(jobs, started), timeout, what)
        except TimeoutException as timeout_error:
            own = self._own_job_id(jobs)
            if own is None:
                raise
            raise self._master.explain(timeout_error, own)

    def _own_job_id(self, jobs):
        """The id of a job of ``jobs`` this process submitted whose end it has not seen
        (None if there is none)."""
        for job in jobs:
            if job.job_id in self._own:
                return job.job_id
        return None

    def j_wait_started(self, job, timeout, job_id):
        """Wait until the job has started (or ended)."""
        self._wait([job], True, timeout, "the start of job %s" % (job_id,))

    def j_wait_terminated(self, job, timeout, job_id):
        """Wait until the job has ended."""
        self._wait([job], False, timeout, "the end of job %s" % (job_id,))

    def jsession_wait_any_started(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has started; return its handle."""
        self._check_open(session)
        return self._wait(jobs, True, timeout, "the start of any job of %d" % len(jobs))

    def jsession_wait_any_terminated(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has ended; return its handle."""
        self._check_open(session)
        return self._wait(jobs, False, timeout, "the end of any job of %d" % len(jobs))

    def jsession_watch_terminated(self, session):
        """A Watch of job handles of ``session``: each that ends is taken once.  Its
        questions share one throttle: a look at all its jobs, again and again while it
        finds ended ones, asks the DRM about a job at most once per PROBE_INTERVAL."""
        self._check_open(session)
        throttle = _Throttle()
        return Watch(lambda jobs, seconds: self._attempt(jobs, False, throttle)(seconds),
                     list, lambda jobs, job: jobs.append(job),
                     lambda jobs, position: jobs.pop(position), lambda job: job.job_id,
                     "end")

    def _attempt(self, jobs, started, throttle=None):
        """One question of a wait for ``jobs`` (see drmaa2.backend.waiting), up to
        ``seconds``: this process's own jobs end in ``drmaa_wait`` on any job of the
        session, with a real timeout, and the master is probed beside it (see
        ``master``); about the others the DRM's master is asked, at most PS_PER_SECOND
        times a second in all (drmaa_job_ps, one job per call), and about each job at
        most once per PROBE_INTERVAL by the questions sharing ``throttle`` (a _Throttle;
        by default the attempt's own)."""
        test = self._started if started else self._ended
        rotation = [0]
        throttle = throttle if throttle is not None else _Throttle()

        def first(forced):
            throttle.forced = forced
            count = len(jobs)
            start = rotation[0] % count if count else 0
            rotation[0] += 1   # the next question begins with another job
            for index in range(count):
                job = jobs[(start + index) % count]
                if test(job, throttle):
                    return job
            return None

        def one(forced):
            throttle.forced = forced
            job = jobs[rotation[0] % len(jobs)]
            rotation[0] += 1
            return job if test(job, throttle) else None

        def attempt(seconds):
            # a look without waiting (the caller's own) asks about every job
            found = first(not seconds)
            if found is not None:
                return found
            if seconds != 0:
                deadline = _clock() + seconds
                own = None if started else self._own_job_id(jobs)
                if own is not None:
                    self._harvest_any(seconds)
                    found = first(False)
                    if found is None:
                        # drmaa_wait keeps still while the master is unreachable
                        self._master.check(own)
                else:
                    # one job per question due, in turn: the store is read no more often
                    # than the master is asked
                    while found is None and _clock() < deadline:
                        _BUDGET.pause(deadline, PROBE_INTERVAL / len(jobs))
                        found = one(False)
                if found is not None:
                    return found
            raise TimeoutException("no job has %s yet" % ("started" if started else "ended"))
        return attempt

    def _harvest_any(self, seconds):
        """drmaa_wait up to ``seconds`` for any job of this process's DRMAA v1 session;
        store the end of the job it reports."""
        under_way = object()
        with self._harvest_lock:
            self._any_waits.add(under_way)
        try:
            result = self.library.wait(JOB_IDS_SESSION_ANY, int(math.ceil(seconds)))
        except TimeoutException:
            return
        except Drmaa2Exception as error:
            if not _is_invalid_job(error):
                raise
            result = None
        else:
            with self._harvest_lock:
                session = self._own.pop(result.job_id, None)
                if session is not None:
                    self.store.finish(session, result.job_id, states.observed_end(result))
        finally:
            with self._harvest_lock:
                self._any_waits.discard(under_way)
                self._harvested.notify_all()
        if result is None:
            # no job of the session is left to wait for: the ends are all stored
            threading.Event().wait(min(seconds, 0.5))
            return
        nudge()  # the job may be another wait's

    @staticmethod
    def _reached(reached, job, what):
        if not reached:
            raise TimeoutException("job %s has not %s yet" % (job.job_id, what))

    # ---------------------------------------------------------------- job arrays

    def _array(self, array):
        found = self.store.array(array.session, array.array_id)
        if found is None:
            raise InvalidArgumentException("the job array %r of session %r is unknown (reaped, "
                                           "or its session destroyed)"
                                           % (array.array_id, array.session))
        return found

    def jarray_get_id(self, array):
        """The id of a job array."""
        return array.array_id

    def jarray_get_jobs(self, array):
        """Handles of the jobs of a job array, in index order."""
        return [JobHandle(record.session, record.job_id) for record in self._array(array)[1]]

    def jarray_get_session_name(self, array):
        """The name of the session a job array belongs to."""
        return array.session

    def jarray_get_jtemplate(self, array):
        """The job template a job array was submitted with."""
        return from_json(self._array(array)[0])

    def _array_control(self, array, operation):
        """Apply ``operation`` to every job of an array that it applies to (ended jobs are
        left alone, except by reap); the first failure is raised after all were tried."""
        failure = None
        for record in self._array(array)[1]:
            if record.ended and operation != "reap":
                continue
            job = JobHandle(record.session, record.job_id)
            try:
                if operation == "reap":
                    self.j_reap(job)
                else:
                    self._control(job, operation)
            except InvalidStateException as error:
                if operation == "terminate":
                    continue  # it ended meanwhile: nothing left to terminate
                failure = failure or error
            except Drmaa2Exception as error:
                failure = failure or error
        if failure is not None:
            raise failure

    jarray_suspend = _array_control_of("suspend")
    jarray_resume = _array_control_of("resume")
    jarray_hold = _array_control_of("hold")
    jarray_release = _array_control_of("release")
    jarray_terminate = _array_control_of("terminate")
    jarray_reap = _array_control_of("reap")

    # ---------------------------------------------------------------- helpers

    def _check_open(self, session):
        if session.closed:
            raise InvalidSessionException("the job session %r is closed" % (session.name,))
        if not self.store.session_contact(session.name)[0]:
            raise InvalidSessionException("the job session %r no longer exists (it was "
                                          "destroyed)" % (session.name,))


class _Budget(object):
    """The questions of this process's waits to the DRM's master (drmaa_job_ps): at most
    ``rate`` a second in all, whatever the number of waits and jobs, with a burst of
    ``rate`` (so that the first look of a wait asks about every job at once)."""

    def __init__(self, rate):
        self._rate = float(rate)
        self._tokens = float(rate)
        self._last = _clock()
        self._lock = threading.Lock()

    def _refill(self):
        now = _clock()
        self._tokens = min(self._rate, self._tokens + (now - self._last) * self._rate)
        self._last = now

    def due(self, job_id):
        """Whether a wait may ask the DRM about ``job_id`` now (and note that it does)."""
        with self._lock:
            self._refill()
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True

    def spend(self):
        """Count a question asked without asking the budget."""
        with self._lock:
            self._refill()
            self._tokens -= 1

    def pause(self, deadline, at_least=0.0):
        """Sleep until the next question is due (``at_least`` seconds), or until
        ``deadline``."""
        with self._lock:
            self._refill()
            wait = max(at_least, 0.0 if self._tokens >= 1 else (1 - self._tokens) / self._rate)
        threading.Event().wait(max(0.0, min(wait, deadline - _clock())))


class _Throttle(object):
    """The questions one wait asks the DRM: about each job at most once per
    PROBE_INTERVAL (the first question is always due), and within the process's _BUDGET,
    which a look of the caller's own (``forced``) does not wait for but counts in."""

    def __init__(self):
        self._last = {}
        self.forced = False

    def due(self, job_id):
        """Whether the wait may ask the DRM about ``job_id`` now (and note that it does)."""
        now = _clock()
        last = self._last.get(job_id)
        if last is not None and now - last < PROBE_INTERVAL:
            return False
        if self.forced:
            _BUDGET.spend()
        elif not _BUDGET.due(job_id):
            return False
        self._last[job_id] = now
        return True


#: The questions to the DRM's master of every wait of this process.
_BUDGET = _Budget(PS_PER_SECOND)


def _matches(info, wanted):
    for field, value in wanted.items():
        if getattr(info, field) != value:
            return False
    return True


__all__ = ["JobsMixin", "array_id_of"]
