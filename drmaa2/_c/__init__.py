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
    tries again on the next call.
    """
    if _library:
        return _library[0]
    with _lock:
        if not _library:
            _library.append(Library.load())
    return _library[0]
