"""Waiting for many jobs: ``as_completed`` yields each job as it ends."""
from drmaa2 import _arguments
from drmaa2.backend.waiting import clock, take_first
from drmaa2.constants import INFINITE_TIME
from drmaa2.exceptions import InvalidArgumentException, TimeoutException
from drmaa2.job import Job

__all__ = ["as_completed"]


def as_completed(jobs, timeout=INFINITE_TIME):
    """Return an iterator that yields each of ``jobs`` (Job objects) once, as it ends.

    Like ``concurrent.futures.as_completed``: the jobs that have already ended come
    first, then each as it ends, DONE or FAILED (ask ``job.get_state()`` or
    ``job.get_info()`` what happened).  A job given twice (the same ``job_id`` in the same
    session) is yielded once; jobs of several job sessions may be mixed; no job yields
    nothing.  ``timeout`` bounds the whole iteration, counted from this call: seconds (int,
    float or timedelta), ``INFINITE_TIME`` (the default) or None (no limit, as in
    ``concurrent.futures``); when it is up, the iterator raises ``TimeoutException``.
    Ctrl-C interrupts it; the jobs go on.  The whole iteration costs O(n) for n jobs.

    Each job session of the jobs is opened once more for the iteration (and closed at its
    end), so a job whose session was destroyed raises the error of opening it.
    """
    if isinstance(jobs, Job):
        raise TypeError("jobs must be an iterable of Job, not one Job (use [job])")
    try:
        jobs = list(jobs)
    except TypeError:
        raise TypeError("jobs must be an iterable of Job, not %s" % type(jobs).__name__)
    for index, job in enumerate(jobs):
        _arguments.instance(job, Job, "jobs[%d]" % index)
    seconds = INFINITE_TIME if timeout is None else _arguments.timeout(timeout)
    return _iterate(jobs, _Deadline(seconds))


class _Deadline(object):
    """What is left of a timeout counted from its start."""

    def __init__(self, seconds):
        self._clock = clock
        self.seconds = seconds
        self.end = None if seconds == INFINITE_TIME else clock() + seconds

    def remaining(self):
        """Seconds left (>= 0), or INFINITE_TIME."""
        if self.end is None:
            return INFINITE_TIME
        return max(0, self.end - self._clock())


def _iterate(jobs, deadline):
    unique = {}
    for job in jobs:
        unique.setdefault(job, job)
    if not unique:
        return
    groups = {}     # (backend, session name) -> [jobs]
    for job in unique:
        name = job.session_name
        if name is None:
            raise InvalidArgumentException(
                "as_completed waits for jobs of job sessions; job %s belongs to none"
                % (job.job_id,))
        groups.setdefault((job._backend, name), []).append(job)
    opened, watches, owners = [], [], {}
    try:
        for (backend, name), members in groups.items():
            session = backend.open_jsession(name)
            opened.append((backend, session))
            watch = backend.jsession_watch_terminated(session)
            watches.append(watch)
            watch.add([job._handle for job in members])
            for job in members:
                owners[(id(watch), id(job._handle))] = job
        while any(len(watch) for watch in watches):
            left = deadline.remaining()
            try:
                watch, handle = take_first(watches, left)
            except TimeoutException:
                raise TimeoutException("%d of the %d jobs did not end within %g seconds"
                                       % (sum(len(w) for w in watches), len(unique),
                                          deadline.seconds))
            yield owners.pop((id(watch), id(handle)))
    finally:
        for watch in watches:
            watch.close()
        for backend, session in opened:
            try:
                backend.close_jsession(session)
            except Exception:  # the iteration's own error matters more
                pass
