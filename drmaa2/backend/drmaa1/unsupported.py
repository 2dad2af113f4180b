"""What DRMAA version 1 has no way to do: reservations, monitoring and event
notification.  Each raises UnsupportedOperationException saying so."""
from drmaa2.exceptions import UnsupportedOperationException


def _unsupported(what):
    def method(self, *args):
        raise UnsupportedOperationException(
            "%s: DRMAA v1 has no way to do this (the DRMAA v1 backend is in use, on %s)"
            % (what, self.library.path))
    method.__name__ = str(what)
    method.__doc__ = "Raises UnsupportedOperationException: DRMAA v1 has no %s." % (
        what.replace("_", " "),)
    return method


class UnsupportedMixin(object):
    """Reservation sessions, reservations and monitoring sessions: not in DRMAA v1."""

    create_reservation_session = _unsupported("create_reservation_session")
    open_reservation_session = _unsupported("open_reservation_session")
    close_reservation_session = _unsupported("close_reservation_session")
    destroy_reservation_session = _unsupported("destroy_reservation_session")
    reservation_session_names = _unsupported("reservation_session_names")
    reservation_session_contact = _unsupported("reservation_session_contact")
    reservation_session_name = _unsupported("reservation_session_name")
    request_reservation = _unsupported("request_reservation")
    session_reservation = _unsupported("session_reservation")
    session_reservations = _unsupported("session_reservations")
    reservation_id = _unsupported("reservation_id")
    reservation_session_name_of = _unsupported("reservation_session_name_of")
    reservation_template = _unsupported("reservation_template")
    reservation_info = _unsupported("reservation_info")
    terminate_reservation = _unsupported("terminate_reservation")
    open_monitoring_session = _unsupported("open_monitoring_session")
    close_monitoring_session = _unsupported("close_monitoring_session")
    all_jobs = _unsupported("all_jobs")
    all_queues = _unsupported("all_queues")
    all_machines = _unsupported("all_machines")
    all_reservations = _unsupported("all_reservations")
    register_event_notification = _unsupported("register_event_notification")


__all__ = ["UnsupportedMixin"]
