"""Reservation: an advance reservation of slots granted by the DRM system."""

from drmaa2._drm_object import DrmObject

__all__ = ["Reservation"]


class Reservation(DrmObject):
    """An advance reservation in the DRM system.

    Get one from ``ReservationSession.request_reservation``, ``get_reservation``,
    ``get_reservations`` or ``MonitoringSession.get_all_reservations``.  Jobs run in it
    when their template's ``reservation_id`` is its ``reservation_id``.  Two Reservation
    objects are equal when they have the same id in the same session.
    """

    _kind = "Reservation"
    _id_attribute = "reservation_id"
    _find_again = ("find it again with open_reservation_session(session_name)"
                   ".get_reservation(reservation_id)")

    def __init__(self, backend, handle):
        self._backend = backend
        self._handle = handle
        self._reservation_id = None
        self._session_name = None
        self._session_name_known = False

    @property
    def reservation_id(self):
        """The DRM system's id of the reservation (a string)."""
        if self._reservation_id is None:
            self._reservation_id = self._backend.r_get_id(self._handle)
        return self._reservation_id

    @property
    def session_name(self):
        """The name of the reservation session it belongs to (None if made outside
        DRMAA)."""
        if not self._session_name_known:
            self._session_name = self._backend.r_get_session_name(self._handle)
            self._session_name_known = True
        return self._session_name

    @property
    def reservation_template(self):
        """The ReservationTemplate the reservation was requested with."""
        return self._backend.r_get_reservation_template(self._handle)

    def get_info(self):
        """Return a ReservationInfo: the granted start and end time, slots and machines."""
        return self._backend.r_get_info(self._handle)

    def terminate(self):
        """End the reservation; its slots are free for others again."""
        self._backend.r_terminate(self._handle)
