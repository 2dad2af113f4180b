"""Job, reservation and monitoring sessions: create, open, close, destroy, list."""


class SessionsMixin(object):
    """The session manager of the DRMAA2 C library."""

    # Job sessions

    def create_job_session(self, name, contact):
        """Create a persistent job session; return its handle."""
        return self.library.create_jsession(name, contact)

    def open_job_session(self, name):
        """Open the existing job session ``name``; return its handle."""
        return self.library.open_jsession(name)

    def close_job_session(self, handle):
        """Disengage from a job session.

        The handle stays valid for calls still running in other threads (they get the
        library's InvalidSessionException); it is freed when the last of them drops it.
        """
        self.library.close_jsession(handle)

    def destroy_job_session(self, name):
        """Remove the job session ``name`` and everything the DRM keeps of it."""
        self.library.destroy_jsession(name)

    def job_session_names(self):
        """The names of the job sessions that can be opened."""
        return self.library.get_jsession_names()

    def job_session_contact(self, handle):
        """The contact string of a job session (None if the library has none)."""
        return self.library.jsession_get_contact(handle)

    def job_session_name(self, handle):
        """The name of a job session."""
        return self.library.jsession_get_session_name(handle)

    def job_categories(self, handle):
        """The job categories the DRM offers in a job session."""
        return self.library.jsession_get_job_categories(handle)

    # Reservation sessions

    def create_reservation_session(self, name, contact):
        """Create a persistent reservation session; return its handle."""
        return self.library.create_rsession(name, contact)

    def open_reservation_session(self, name):
        """Open the existing reservation session ``name``; return its handle."""
        return self.library.open_rsession(name)

    def close_reservation_session(self, handle):
        """Disengage from a reservation session.

        The handle stays valid for calls still running in other threads (they get the
        library's InvalidSessionException); it is freed when the last of them drops it.
        """
        self.library.close_rsession(handle)

    def destroy_reservation_session(self, name):
        """Remove the reservation session ``name`` and its reservations' bookkeeping."""
        self.library.destroy_rsession(name)

    def reservation_session_names(self):
        """The names of the reservation sessions that can be opened."""
        return self.library.get_rsession_names()

    def reservation_session_contact(self, handle):
        """The contact string of a reservation session (None if the library has none)."""
        return self.library.rsession_get_contact(handle)

    def reservation_session_name(self, handle):
        """The name of a reservation session."""
        return self.library.rsession_get_session_name(handle)

    # Monitoring sessions

    def open_monitoring_session(self, contact):
        """Open a monitoring session; return its handle."""
        return self.library.open_msession(contact)

    def close_monitoring_session(self, handle):
        """Disengage from a monitoring session.

        The handle stays valid for calls still running in other threads (they get the
        library's InvalidSessionException); it is freed when the last of them drops it.
        """
        self.library.close_msession(handle)
