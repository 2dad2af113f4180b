"""MonitoringSession: what the DRM system shows this user of its jobs, queues, machines
and reservations."""
from drmaa2 import _arguments
from drmaa2._session import Session
from drmaa2.job import Job
from drmaa2.reservation import Reservation
from drmaa2.types import JobInfo

__all__ = ["MonitoringSession"]


class MonitoringSession(Session):
    """A read-only view of the DRM system, not tied to one job session.

    Get one with ``drmaa2.open_monitoring_session()``.  A context manager; after
    :meth:`close` every method raises ``InvalidSessionException``.
    """

    _kind = "monitoring session"

    def __init__(self, backend, handle, contact=None):
        Session.__init__(self, backend, handle)
        self._contact = contact

    @property
    def contact(self):
        """The contact string the session was opened with (None: the default)."""
        return self._contact

    def get_all_jobs(self, filter=None):  # noqa: A002 (the reference interface's name)
        """Return every job the user may see (a list of Job), also jobs submitted outside
        DRMAA.

        ``filter``, a JobInfo (or a dict of its fields), keeps only jobs matching every
        field set in it; None: all jobs.
        """
        job_filter = _arguments.data_type(filter, JobInfo, "filter", optional=True)
        handle = self._live_handle()
        return [Job(self._backend, job)
                for job in self._backend.msession_get_all_jobs(handle, job_filter)]

    def get_all_queues(self, names=None):
        """Return a QueueInfo for each queue of the DRM system (only those named in
        ``names``, a list of strings, unless it is None)."""
        names = _arguments.text_list(names, "names", optional=True)
        handle = self._live_handle()
        return self._backend.msession_get_all_queues(handle, names)

    def get_all_machines(self, names=None):
        """Return a MachineInfo for each execution machine of the DRM system (only those
        named in ``names``, a list of strings, unless it is None)."""
        names = _arguments.text_list(names, "names", optional=True)
        handle = self._live_handle()
        return self._backend.msession_get_all_machines(handle, names)

    def get_all_reservations(self):
        """Return every Reservation the user may see, also reservations made outside
        DRMAA."""
        handle = self._live_handle()
        return [Reservation(self._backend, reservation)
                for reservation in self._backend.msession_get_all_reservations(handle)]

    def _label(self):
        return repr(self._contact) if self._contact is not None else "(default)"

    def _close_handle(self, handle):
        self._backend.close_msession(handle)
