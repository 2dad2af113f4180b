"""JobArray: the jobs of one ``JobSession.run_bulk_jobs`` call, controlled together."""
from drmaa2.job import Job

__all__ = ["JobArray"]


class JobArray(object):
    """A set of jobs submitted by one ``JobSession.run_bulk_jobs`` call.

    ``jobs`` lists them; the control methods act on every job of the array, as the
    methods of the same name of :class:`Job` do on one.  Two JobArray objects are equal
    when they have the same ``job_array_id`` in the same session.
    """

    def __init__(self, backend, handle):
        self._backend = backend
        self._handle = handle
        self._job_array_id = None
        self._session_name = None

    @property
    def job_array_id(self):
        """The DRM system's id of the job array (a string)."""
        if self._job_array_id is None:
            self._job_array_id = self._backend.array_id(self._handle)
        return self._job_array_id

    @property
    def jobs(self):
        """The jobs of the array, a list of Job in index order."""
        return [Job(self._backend, handle) for handle in self._backend.array_jobs(self._handle)]

    @property
    def session_name(self):
        """The name of the job session the array belongs to."""
        if self._session_name is None:
            self._session_name = self._backend.array_session_name(self._handle)
        return self._session_name

    @property
    def job_template(self):
        """The JobTemplate the array was submitted with."""
        return self._backend.array_template(self._handle)

    def suspend(self):
        """Suspend every running job of the array."""
        self._backend.array_control(self._handle, "suspend")

    def resume(self):
        """Resume every suspended job of the array."""
        self._backend.array_control(self._handle, "resume")

    def hold(self):
        """Hold every queued job of the array."""
        self._backend.array_control(self._handle, "hold")

    def release(self):
        """Release every held job of the array."""
        self._backend.array_control(self._handle, "release")

    def terminate(self):
        """End every job of the array."""
        self._backend.array_control(self._handle, "terminate")

    def reap(self):
        """Let the DRM system forget every (terminated) job of the array, as ``Job.reap``."""
        self._backend.array_control(self._handle, "reap")

    def __eq__(self, other):
        if not isinstance(other, JobArray):
            return NotImplemented
        return (self.job_array_id == other.job_array_id
                and self.session_name == other.session_name)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return hash((self.job_array_id, self.session_name))

    def __repr__(self):
        return "<JobArray %r of session %r>" % (self.job_array_id, self.session_name)

    def __reduce_ex__(self, protocol):
        # Pickling would otherwise fail deep inside ctypes with an AttributeError.
        raise TypeError("a JobArray cannot be pickled: it belongs to the DRMAA2 library "
                        "loaded in this process; pickle its job_array_id and session_name, "
                        "and find it again with open_job_session(session_name)"
                        ".get_job_array(job_array_id)")

    def __copy__(self):
        return self  # one object of the DRM system: a copy is the same reference

    def __deepcopy__(self, memo):
        return self
