"""Advance reservations: request, look up, inspect and end them."""


class ReservationsMixin(object):
    """Everything a reservation session does, over the DRMAA2 C library."""

    def request_reservation(self, session, template):
        """Ask the DRM for a reservation as ``template`` says; return its handle."""
        return self.library.rsession_request_reservation(session, template)

    def session_reservation(self, session, reservation_id):
        """The handle of the reservation ``reservation_id`` of a session."""
        return self.library.rsession_get_reservation(session, reservation_id)

    def session_reservations(self, session):
        """Handles of every reservation of a session."""
        return self.library.rsession_get_reservations(session)

    def reservation_id(self, reservation):
        """The DRM's id of a reservation."""
        return self.library.r_get_id(reservation)

    def reservation_session_name_of(self, reservation):
        """The name of the session a reservation belongs to."""
        return self.library.r_get_session_name(reservation)

    def reservation_template(self, reservation):
        """The template a reservation was requested with."""
        return self.library.r_get_rtemplate(reservation)

    def reservation_info(self, reservation):
        """What the DRM granted: a ReservationInfo."""
        return self.library.r_get_info(reservation)

    def terminate_reservation(self, reservation):
        """End a reservation."""
        self.library.r_terminate(reservation)
