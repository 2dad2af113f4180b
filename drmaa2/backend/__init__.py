"""The implementations of the public API's behaviour, one per kind of C library.

:func:`current` gives the backend of this process, created on first use (that is when the
C library gets loaded; importing drmaa2 loads nothing).  The public classes talk only to
the backend, never to the C layer.

The backend is chosen by the environment variable ``DRMAA2_BACKEND``; the default and
today's only one is ``libdrmaa2``: a DRMAA2 C library (``libdrmaa2.so``) through
``drmaa2._c``.
"""
import importlib
import os
import threading

from drmaa2.exceptions import InvalidArgumentException

__all__ = ["current", "BACKENDS", "DEFAULT_BACKEND"]

#: The backends by name: the module whose ``create()`` makes the backend object.
BACKENDS = {
    "libdrmaa2": "drmaa2.backend.libdrmaa2",
}
#: The backend used when DRMAA2_BACKEND is not set.
DEFAULT_BACKEND = "libdrmaa2"

_lock = threading.Lock()
_backend = None


def current():
    """The backend of this process, as ``DRMAA2_BACKEND`` names it (default libdrmaa2).

    Loads the C library on the first call; raises ``LibraryNotFoundError`` (or the load
    error) when there is none, and tries again on the next call.  An unknown
    ``DRMAA2_BACKEND`` raises ``InvalidArgumentException`` naming the known ones.
    """
    global _backend
    backend = _backend
    if backend is not None:
        return backend
    with _lock:
        if _backend is None:
            name = os.environ.get("DRMAA2_BACKEND") or DEFAULT_BACKEND
            if name not in BACKENDS:
                raise InvalidArgumentException(
                    "DRMAA2_BACKEND=%s names no backend of drmaa2; known: %s"
                    % (name, ", ".join(sorted(BACKENDS))))
            _backend = importlib.import_module(BACKENDS[name]).create()
        return _backend
