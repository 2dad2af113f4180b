"""ReservationSession: request advance reservations and find them again."""
from drmaa2 import _arguments
from drmaa2._session import Session
from drmaa2.reservation import Reservation
from drmaa2.types import ReservationTemplate

__all__ = ["ReservationSession"]


class ReservationSession(Session):
    """A named, persistent container of advance reservations.

    Get one with ``drmaa2.create_reservation_session()`` or
    ``drmaa2.open_reservation_session(name)``.  A context manager; after :meth:`close`
    every method raises ``InvalidSessionException``, while ``session_name`` and ``contact``
    stay readable.  Needs ``Capability.ADVANCE_RESERVATION``.
    """

    _kind = "reservation session"

    def __init__(self, backend, handle):
        Session.__init__(self, backend, handle)
        self._session_name = backend.rsession_get_session_name(handle)
        self._contact = backend.rsession_get_contact(handle)

    @property
    def session_name(self):
        """The name of the session, for ``open_reservation_session`` and
        ``destroy_reservation_session``."""
        return self._session_name

    @property
    def contact(self):
        """The contact string of the DRM system the session uses (None: the default)."""
        return self._contact

    def request_reservation(self, reservation_template):
        """Ask the DRM system for a reservation as ``reservation_template`` (a
        ReservationTemplate, or a dict of its fields) says; return the Reservation.

        A request the DRM system cannot grant raises (e.g. ``OutOfResourceException``).
        """
        template = _arguments.reservation_request(reservation_template, ReservationTemplate,
                                                  "reservation_template")
        handle = self._live_handle()
        return Reservation(self._backend,
                           self._backend.rsession_request_reservation(handle, template))

    def get_reservation(self, reservation_id):
        """Return the Reservation of the session with id ``reservation_id``."""
        reservation_id = _arguments.text(reservation_id, "reservation_id")
        handle = self._live_handle()
        return Reservation(self._backend,
                           self._backend.rsession_get_reservation(handle, reservation_id))

    def get_reservations(self):
        """Return every Reservation of the session, whatever its start and end time."""
        handle = self._live_handle()
        return [Reservation(self._backend, reservation)
                for reservation in self._backend.rsession_get_reservations(handle)]

    def _close_handle(self, handle):
        self._backend.close_rsession(handle)
