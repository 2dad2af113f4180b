"""Monitoring: every job, queue, machine and reservation the DRM shows this user."""


class MonitoringMixin(object):
    """The monitoring session's queries, over the DRMAA2 C library."""

    def all_jobs(self, session, job_filter):
        """Handles of every job visible to the user that matches ``job_filter``."""
        return self.library.msession_get_all_jobs(session, job_filter)

    def all_queues(self, session, names):
        """QueueInfo of the DRM's queues (only those named in ``names`` unless None)."""
        return self.library.msession_get_all_queues(session, names)

    def all_machines(self, session, names):
        """MachineInfo of the DRM's machines (only those named in ``names`` unless None)."""
        return self.library.msession_get_all_machines(session, names)

    def all_reservations(self, session):
        """Handles of every reservation visible to the user."""
        return self.library.msession_get_all_reservations(session)
