"""The thin ctypes layer over the DRMAA2 C library: the only place that speaks C.

``library()`` returns the loaded :class:`Library` (found, loaded and set up on the first
call, once, thread-safely); its methods take and return Python values.  Nothing of ctypes
leaves this package.
"""
import threading

from drmaa2._c.handles import (JobArrayHandle, JobHandle, JobSessionHandle,
                               MonitoringSessionHandle, ReservationHandle,
                               ReservationSessionHandle)
from drmaa2._c.library import Library

__all__ = ["library", "Library", "JobSessionHandle", "ReservationSessionHandle",
           "MonitoringSessionHandle", "JobHandle", "JobArrayHandle", "ReservationHandle"]

_lock = threading.Lock()
_library = []


def library():
    """The DRMAA2 C library of this process, loaded on the first call.

    Raises LibraryNotFoundError (listing every place tried) when none can be loaded, and
    tries again on the next call.  Once loaded, the data types learn the library's
    implementation-specific attribute names.
    """
    if _library:
        return _library[0]
    with _lock:
        if not _library:
            loaded = Library.load()
            from drmaa2.types import register_implementation_specific
            register_implementation_specific(loaded.impl_spec)
            _library.append(loaded)
    return _library[0]
