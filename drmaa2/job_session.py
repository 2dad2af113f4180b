"""JobSession: submit jobs and job arrays, find them again, wait for any of them."""
from drmaa2 import _arguments
from drmaa2._session import Session
from drmaa2.constants import INFINITE_TIME
from drmaa2.exceptions import InvalidArgumentException
from drmaa2.job import Job
from drmaa2.job_array import JobArray
from drmaa2.types import JobInfo, JobTemplate

__all__ = ["JobSession"]


class JobSession(Session):
    """A named, persistent container of the jobs submitted through DRMAA.

    Get one with ``drmaa2.create_job_session()`` or ``drmaa2.open_job_session(name)``;
    another process may open the same session and see all its jobs.  A context manager:
    ``with drmaa2.create_job_session() as session:`` closes it at the end of the block.
    After :meth:`close` every method raises ``InvalidSessionException``; ``session_name``
    and ``contact`` stay readable.
    """

    _kind = "job session"

    def __init__(self, backend, handle):
        Session.__init__(self, backend, handle)
        self._session_name = backend.jsession_get_session_name(handle)
        self._contact = backend.jsession_get_contact(handle)

    @property
    def session_name(self):
        """The name of the session, for ``open_job_session`` and ``destroy_job_session``."""
        return self._session_name

    @property
    def contact(self):
        """The contact string of the DRM system the session uses (None: the default)."""
        return self._contact

    @property
    def job_categories(self):
        """The job categories the DRM system offers (a list of strings) for
        ``JobTemplate.job_category``."""
        return self._backend.jsession_get_job_categories(self._live_handle())

    def run_job(self, job_template):
        """Submit a job as ``job_template`` (a JobTemplate, or a dict of its fields) says;
        return its Job."""
        template = _arguments.data_type(job_template, JobTemplate, "job_template")
        handle = self._live_handle()
        return Job(self._backend, self._backend.jsession_run_job(handle, template))

    def run_bulk_jobs(self, job_template, begin_index, end_index, step, max_parallel=None):
        """Submit a job array: one job per index ``begin_index``, ``begin_index + step``,
        ... up to ``end_index``; return its JobArray.

        Every job has the attributes of ``job_template``, with ``PARAMETRIC_INDEX``
        replaced by its index in the working directory and the input, output and error
        paths.  ``begin_index`` is at least 1 and at most ``end_index``, ``step`` at least
        1.  ``max_parallel`` limits how many jobs of the array run at once (None: no limit;
        needs ``Capability.BULK_JOBS_MAXPARALLEL``).
        """
        template = _arguments.data_type(job_template, JobTemplate, "job_template")
        begin = _arguments.integer(begin_index, "begin_index", minimum=1)
        end = _arguments.integer(end_index, "end_index", minimum=1)
        if end < begin:
            raise InvalidArgumentException("end_index (%d) must not be less than begin_index "
                                           "(%d)" % (end, begin))
        step = _arguments.integer(step, "step", minimum=1)
        max_parallel = _arguments.integer(max_parallel, "max_parallel", minimum=1,
                                          optional=True)
        handle = self._live_handle()
        return JobArray(self._backend, self._backend.jsession_run_bulk_jobs(
            handle, template, begin, end, step, max_parallel))

    def get_jobs(self, filter=None):  # noqa: A002 (the reference interface's name)
        """Return the session's jobs (a list of Job).

        ``filter``, a JobInfo (or a dict of its fields), keeps only jobs matching every
        field set in it (e.g. ``JobInfo(job_state=JobState.RUNNING)``); None: all jobs.
        """
        job_filter = _arguments.data_type(filter, JobInfo, "filter", optional=True)
        handle = self._live_handle()
        return [Job(self._backend, job)
                for job in self._backend.jsession_get_jobs(handle, job_filter)]

    def get_job_array(self, job_array_id):
        """Return the JobArray of the session with id ``job_array_id``."""
        array_id = _arguments.text(job_array_id, "job_array_id")
        handle = self._live_handle()
        return JobArray(self._backend, self._backend.jsession_get_job_array(handle, array_id))

    def wait_any_started(self, jobs, timeout=INFINITE_TIME):
        """Block until one of ``jobs`` (Job objects) has started; return that Job.

        ``timeout`` is seconds (int or float), ``INFINITE_TIME`` (the default) or
        ``ZERO_TIME``.  Raises ``TimeoutException`` when the time is up.  Ctrl-C
        interrupts the wait.
        """
        return self._wait_any(jobs, timeout, self._backend.jsession_wait_any_started)

    def wait_any_terminated(self, jobs, timeout=INFINITE_TIME):
        """Block until one of ``jobs`` (Job objects) has ended; return that Job.

        ``timeout`` is seconds (int or float), ``INFINITE_TIME`` (the default) or
        ``ZERO_TIME``.  Raises ``TimeoutException`` when the time is up.  Ctrl-C
        interrupts the wait.
        """
        return self._wait_any(jobs, timeout, self._backend.jsession_wait_any_terminated)

    def _wait_any(self, jobs, timeout, wait):
        if isinstance(jobs, Job):
            raise TypeError("jobs must be a list of Job, not one Job (use [job])")
        jobs = list(_arguments.instance(jobs, (list, tuple, set, frozenset), "jobs"))
        if not jobs:
            raise InvalidArgumentException("jobs must name at least one Job, not none")
        for index, job in enumerate(jobs):
            _arguments.instance(job, Job, "jobs[%d]" % index)
        seconds = _arguments.timeout(timeout)
        handle = self._live_handle()
        found = Job(self._backend, wait(handle, [job._handle for job in jobs], seconds))
        for job in jobs:
            if job == found:
                return job
        return found

    def _close_handle(self, handle):
        self._backend.close_jsession(handle)
