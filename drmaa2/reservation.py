"""Reservation: an advance reservation of slots granted by the DRM system."""

__all__ = ["Reservation"]


class Reservation(object):
    """An advance reservation in the DRM system.

    Get one from ``ReservationSession.request_reservation``, ``get_reservation``,
    ``get_reservations`` or ``MonitoringSession.get_all_reservations``.  Jobs run in it
    when their template's ``reservation_id`` is its ``reservation_id``.  Two Reservation
    objects are equal when they have the same id in the same session.
    """

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
            self._reservation_id = self._backend.reservation_id(self._handle)
        return self._reservation_id

    @property
    def session_name(self):
        """The name of the reservation session it belongs to (None if made outside
        DRMAA)."""
        if not self._session_name_known:
            self._session_name = self._backend.reservation_session_name_of(self._handle)
            self._session_name_known = True
        return self._session_name

    @property
    def reservation_template(self):
        """The ReservationTemplate the reservation was requested with."""
        return self._backend.reservation_template(self._handle)

    def get_info(self):
        """Return a ReservationInfo: the granted start and end time, slots and machines."""
        return self._backend.reservation_info(self._handle)

    def terminate(self):
        """End the reservation; its slots are free for others again."""
        self._backend.terminate_reservation(self._handle)

    def __eq__(self, other):
        if not isinstance(other, Reservation):
            return NotImplemented
        return (self.reservation_id == other.reservation_id
                and self.session_name == other.session_name)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return hash((self.reservation_id, self.session_name))

    def __repr__(self):
        return "<Reservation %r of session %r>" % (self.reservation_id, self.session_name)

    def __reduce_ex__(self, protocol):
        # Pickling would otherwise fail deep inside ctypes with an AttributeError.
        raise TypeError("a Reservation cannot be pickled: it belongs to the DRMAA2 library "
                        "loaded in this process; pickle its reservation_id and session_name, "
                        "and find it again with open_reservation_session(session_name)"
                        ".get_reservation(reservation_id)")

    def __copy__(self):
        return self  # one object of the DRM system: a copy is the same reference

    def __deepcopy__(self, memo):
        return self
