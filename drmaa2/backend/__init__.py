"""The implementations of the public API's behaviour, one per kind of C library.

:func:`current` gives the backend of this process, created on first use (that is when the
C library gets loaded; importing drmaa2 loads nothing).  The public classes talk only to
the backend, never to the C layer.
"""
import threading

__all__ = ["current"]

_lock = threading.Lock()
_backend = None


def current():
    """The backend of this process: the DRMAA2 C library found by ``drmaa2._c``.

    Loads the library on the first call; raises ``LibraryNotFoundError`` (or the load
    error) when there is none, and tries again on the next call.
    """
    global _backend
    backend = _backend
    if backend is not None:
        return backend
    with _lock:
        if _backend is None:
            from drmaa2 import _c
            from drmaa2.backend.libdrmaa2 import Libdrmaa2Backend
            _backend = Libdrmaa2Backend(_c.library())
        return _backend
