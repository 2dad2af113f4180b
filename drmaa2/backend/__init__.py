"""The implementations of the public API's behaviour, one per kind of C library.

:func:`current` gives the backend of this process, created on first use (that is when the
C library gets loaded; importing drmaa2 loads nothing).  The public classes talk only to
the backend, never to the C layer, and only through the operations of the interface
``drmaa2.backend.base.Backend`` (docs/architecture.md).

The backend is chosen by the environment variable ``DRMAA2_BACKEND``: ``libdrmaa2``, a
DRMAA2 C library (``libdrmaa2.so``) through ``drmaa2._c``, or ``drmaa1``, a DRMAA version 1
C library (``libdrmaa.so``) through ``drmaa2._c.drmaa1``.  When it is not set, a DRMAA2
library found by its search order wins, else a DRMAA v1 library.  The chosen backend's
``name`` and ``library_path`` tell which (``python -m drmaa2 info`` shows them).
"""
import importlib
import logging
import os
import threading

from drmaa2.exceptions import InvalidArgumentException, LibraryNotFoundError
from drmaa2.types import register_implementation_specific

LOG = logging.getLogger("drmaa2")

__all__ = ["current", "implementation_specific", "BACKENDS", "DEFAULT_BACKEND",
           "FALLBACK_BACKEND"]

#: The backends by name: the module whose ``create()`` makes the backend object.
BACKENDS = {
    "libdrmaa2": "drmaa2.backend.libdrmaa2",
    "drmaa1": "drmaa2.backend.drmaa1",
}
#: The backend tried first when DRMAA2_BACKEND is not set; FALLBACK_BACKEND comes next
#: when no DRMAA2 library loads (unless DRMAA2_LIBRARY_PATH names one: never a silent
#: fallback from it).
DEFAULT_BACKEND = "libdrmaa2"
FALLBACK_BACKEND = "drmaa1"

_lock = threading.Lock()
_backend = None


def current():
    """The backend of this process, as ``DRMAA2_BACKEND`` names it (unset: libdrmaa2 when
    a DRMAA2 library loads, else drmaa1).

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
            name = os.environ.get("DRMAA2_BACKEND")
            if name and name not in BACKENDS:
                raise InvalidArgumentException(
                    "DRMAA2_BACKEND=%s names no backend of drmaa2; known: %s"
                    % (name, ", ".join(sorted(BACKENDS))))
            _backend = _create(name) if name else _create_default()
            _learn_implementation_specific()  # forget the names of an earlier backend
            LOG.info("drmaa2 backend %s (%s), library %s", _backend.name,
                     "DRMAA2_BACKEND" if name else "default", _backend.library_path)
        return _backend


def _create(name):
    return importlib.import_module(BACKENDS[name]).create()


def _create_default():
    try:
        return _create(DEFAULT_BACKEND)
    except LibraryNotFoundError as first:
        if os.environ.get("DRMAA2_LIBRARY_PATH"):
            raise
        try:
            return _create(FALLBACK_BACKEND)
        except LibraryNotFoundError as second:
            raise LibraryNotFoundError("%s\n\n%s" % (first, second))


def implementation_specific(type_name):
    """The implementation-specific attribute names of a data type (``'jtemplate'``, ...):
    the current backend's ``impl_spec`` operation.  The provider of ``drmaa2.types``:
    the first name a data type asks for creates the backend (loading the library)."""
    return current().impl_spec(type_name)


def _learn_implementation_specific():
    """Make ``drmaa2.types`` ask :func:`implementation_specific` (and forget what it
    learnt before)."""
    register_implementation_specific(implementation_specific)


_learn_implementation_specific()
