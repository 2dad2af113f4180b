"""JobArray: the jobs of one ``JobSession.run_bulk_jobs`` call, controlled together."""
from drmaa2._drm_object import DrmObject
from drmaa2.job import Job

__all__ = ["JobArray"]


class JobArray(DrmObject):
    """A set of jobs submitted by one ``JobSession.run_bulk_jobs`` call.

    ``jobs`` lists them; the control methods act on every job of the array, as the
    methods of the same name of :class:`Job` do on one.  Two JobArray objects are equal
    when they have the same ``job_array_id`` in the same session.
    """

    _kind = "JobArray"
    _id_attribute = "job_array_id"
    _find_again = ("find it again with open_job_session(session_name)"
                   ".get_job_array(job_array_id)")

    def __init__(self, backend, handle):
        self._backend = backend
        self._handle = handle
        self._job_array_id = None
        self._session_name = None

    @property
    def job_array_id(self):
        """The DRM system's id of the job array (a string)."""
        if self._job_array_id is None:
            self._job_array_id = self._backend.jarray_get_id(self._handle)
        return self._job_array_id

    @property
    def jobs(self):
        """The jobs of the array, a list of Job in index order."""
        return [Job(self._backend, handle)
                for handle in self._backend.jarray_get_jobs(self._handle)]

    @property
    def session_name(self):
        """The name of the job session the array belongs to."""
        if self._session_name is None:
            self._session_name = self._backend.jarray_get_session_name(self._handle)
        return self._session_name

    @property
    def job_template(self):
        """The JobTemplate the array was submitted with."""
        return self._backend.jarray_get_jtemplate(self._handle)

    def suspend(self):
        """Suspend every running job of the array."""
        self._backend.jarray_suspend(self._handle)

    def resume(self):
        """Resume every suspended job of the array."""
        self._backend.jarray_resume(self._handle)

    def hold(self):
        """Hold every queued job of the array."""
        self._backend.jarray_hold(self._handle)

    def release(self):
        """Release every held job of the array."""
        self._backend.jarray_release(self._handle)

    def terminate(self):
        """End every job of the array."""
        self._backend.jarray_terminate(self._handle)

    def reap(self):
        """Let the DRM system forget every (terminated) job of the array, as ``Job.reap``."""
        self._backend.jarray_reap(self._handle)
