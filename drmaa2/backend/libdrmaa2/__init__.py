"""The backend over a DRMAA2 C library (``libdrmaa2.so``), through ``drmaa2._c``.

It turns the public API's requests into calls of the loaded library and adds the
behaviour the C API leaves to the binding: interruptible waits with seconds as floats,
event callbacks that cannot crash the process, sessions that know they were closed.
Handles it returns are opaque to the public layer.
"""
from drmaa2.backend.libdrmaa2.jobs import JobsMixin
from drmaa2.backend.libdrmaa2.monitoring import MonitoringMixin
from drmaa2.backend.libdrmaa2.reservations import ReservationsMixin
from drmaa2.backend.libdrmaa2.sessions import SessionsMixin
from drmaa2.backend.libdrmaa2.system import SystemMixin

__all__ = ["Libdrmaa2Backend", "create"]


class Libdrmaa2Backend(SessionsMixin, JobsMixin, ReservationsMixin, MonitoringMixin,
                       SystemMixin):
    """The public API's behaviour over a loaded DRMAA2 C library (a ``drmaa2._c`` Library)."""

    name = "libdrmaa2"

    def __init__(self, library):
        self.library = library

    def __repr__(self):
        return "<Libdrmaa2Backend %s>" % (getattr(self.library, "path", None),)


def create():
    """The backend over the DRMAA2 C library that ``drmaa2._c`` finds and loads."""
    from drmaa2 import _c
    return Libdrmaa2Backend(_c.library())
