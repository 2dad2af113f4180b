"""Job: one job of the DRM system, as submitted by a JobSession or found by a
MonitoringSession."""
from drmaa2 import _arguments
from drmaa2._drm_object import DrmObject
from drmaa2.constants import INFINITE_TIME

__all__ = ["Job"]


class Job(DrmObject):
    """One job in the DRM system: control it, ask its state and information, wait for it.

    Get jobs from ``JobSession.run_job``, ``JobSession.get_jobs``, ``JobArray.jobs`` or
    ``MonitoringSession.get_all_jobs``.  Two Job objects are equal (and hash alike) when
    they have the same ``job_id`` in the same session.
    """

    _kind = "Job"
    _id_attribute = "job_id"
    _find_again = "find the job again in open_job_session(session_name).get_jobs()"

    def __init__(self, backend, handle):
        self._backend = backend
        self._handle = handle
        # Asked when first needed (a session's list of 100,000 jobs asks none); reap()
        # asks it before reaping, so comparing a job works even after it was reaped.
        self._job_id = None
        self._session_name = None
        self._session_name_known = False

    @property
    def job_id(self):
        """The DRM system's id of the job (a string)."""
        if self._job_id is None:
            self._job_id = self._backend.j_get_id(self._handle)
        return self._job_id

    @property
    def session_name(self):
        """The name of the job session the job belongs to (None for a job submitted
        outside of DRMAA)."""
        if not self._session_name_known:
            self._session_name = self._backend.j_get_session_name(self._handle)
            self._session_name_known = True
        return self._session_name

    @property
    def job_template(self):
        """The JobTemplate the job was submitted with."""
        return self._backend.j_get_jtemplate(self._handle)

    def suspend(self):
        """Suspend the running job (its state becomes SUSPENDED)."""
        self._backend.j_suspend(self._handle)

    def resume(self):
        """Resume the suspended job (its state becomes RUNNING again)."""
        self._backend.j_resume(self._handle)

    def hold(self):
        """Hold the queued job: it does not start until released (QUEUED_HELD)."""
        self._backend.j_hold(self._handle)

    def release(self):
        """Release the held job: it may start again (QUEUED)."""
        self._backend.j_release(self._handle)

    def terminate(self):
        """End the job, whatever its state (it becomes FAILED)."""
        self._backend.j_terminate(self._handle)

    def reap(self):
        """Let the DRM system forget the terminated job.

        Any later use of the job raises ``InvalidArgumentException``.  Only jobs in a
        terminated state (DONE, FAILED) can be reaped.
        """
        self.job_id, self.session_name  # asked while the DRM still knows the job
        self._backend.j_reap(self._handle)

    def get_state(self):
        """Return ``(JobState, substate)``: the state of the job in the DRMAA2 state model
        and the DRM system's own sub-state (a string, or None)."""
        return self._backend.j_get_state(self._handle)

    def get_info(self):
        """Return a JobInfo: exit status, signal, times, machines and more of the job."""
        return self._backend.j_get_info(self._handle)

    def wait_started(self, timeout=INFINITE_TIME):
        """Block until the job has started (or already ended).

        ``timeout`` is the longest wait in seconds (int or float), ``INFINITE_TIME`` (the
        default) or ``ZERO_TIME`` (do not wait).  Raises ``TimeoutException`` when the time
        is up.  Ctrl-C interrupts the wait.
        """
        seconds = _arguments.timeout(timeout)
        self._backend.j_wait_started(self._handle, seconds, self.job_id)

    def wait_terminated(self, timeout=INFINITE_TIME):
        """Block until the job has ended (DONE or FAILED).

        ``timeout`` is the longest wait in seconds (int or float), ``INFINITE_TIME`` (the
        default) or ``ZERO_TIME`` (do not wait).  Raises ``TimeoutException`` when the time
        is up.  Ctrl-C interrupts the wait.
        """
        seconds = _arguments.timeout(timeout)
        self._backend.j_wait_terminated(self._handle, seconds, self.job_id)
