"""The thin ctypes layer over a DRMAA version 1 C library (``libdrmaa.so`` of Slurm, Grid
Engine, LSF, PBS/Torque, HTCondor): the DRMAA v1 C boundary of the DRMAA v1 backend.

``library()`` returns the loaded :class:`Drmaa1Library` (found, loaded and bound on the
first call, once, thread-safely); its methods take and return Python values.  Nothing of
ctypes leaves this package.
"""
import threading

from drmaa2._c.drmaa1.library import Drmaa1Library, WaitResult

__all__ = ["library", "Drmaa1Library", "WaitResult"]

_lock = threading.Lock()
_library = []


def library():
    """The DRMAA v1 C library of this process, loaded on the first call.

    Raises LibraryNotFoundError (listing every place tried, with the fix for the "static
    TLS block" failure) when none can be loaded, and tries again on the next call.
    """
    if _library:
        return _library[0]
    with _lock:
        if not _library:
            _library.append(Drmaa1Library.load())
    return _library[0]
