"""Python objects that own the library's opaque handles (sessions, jobs, job arrays,
reservations) and free each exactly once.

A handle is freed by ``free()``, or when it is garbage collected, or at interpreter exit
(before modules are torn down), whichever comes first.  Handles that came out of a list
the library returned (``drmaa2_jsession_get_jobs`` ...) share that list: it is freed, with
its elements, when the last of them is.

At interpreter exit the handles still alive are freed only when no other thread is alive:
a daemon thread may be inside the library with one of them, the C call running without
the GIL, and freeing it (or closing the store a session handle keeps open) would pull it
from under that call.  Then, from the exit hook on, no handle is freed: the process ends
and the system takes back its memory.
"""
import atexit
import ctypes
import threading
import weakref

from six.moves import _thread

from drmaa2._c import forks
from drmaa2.exceptions import InvalidArgumentException, InvalidSessionException


class _Finalizer(object):
    """weakref.finalize for Python 2: calls ``function(*args)`` once, when ``owner`` is
    collected, when called, or at interpreter exit."""

    _registry = {}
    _lock = forks.Lock()

    def __init__(self, owner, function, *args):
        self._function = function
        self._args = args
        self._ref = weakref.ref(owner, self._collected)
        with self._lock:
            self._registry[id(self)] = self

    def _collected(self, ref):
        self()

    def __call__(self):
        with self._lock:
            entry = self._registry.pop(id(self), None)
        if entry is not None:
            return self._function(*self._args)
        return None

    @property
    def alive(self):
        """Whether the function has yet to be called."""
        return id(self) in self._registry

    @classmethod
    def run_all(cls):
        """Call every pending finalizer (at interpreter exit)."""
        with cls._lock:
            pending = list(cls._registry.values())
        for finalizer in pending:
            finalizer()


class _Exit(object):
    """Whether the interpreter is exiting with other threads alive (then nothing is freed)."""
    keep = False


def other_threads_alive():
    """Whether a thread besides the calling one is alive.  At interpreter exit these are
    daemon threads (or threads of C code that called Python) that may be inside the
    library: an exit hook must not free or close what they may be using."""
    # By ident: at exit Python 2 has already dropped the main thread from the list.
    me = _thread.get_ident()
    return any(thread.ident != me for thread in threading.enumerate())


def _decide_at_exit():
    # Runs before the finalizers' own exit hook (registered after it; atexit runs the
    # last registered first).
    if other_threads_alive():
        _Exit.keep = True


Finalizer = getattr(weakref, "finalize", None) or _Finalizer
if Finalizer is _Finalizer:
    atexit.register(_Finalizer.run_all)
else:
    # weakref.finalize registers its exit hook with the first finalizer made anywhere.
    Finalizer(_Exit, lambda: None).atexit = False
atexit.register(_decide_at_exit)


def _free_address(free_function, address, _exit=_Exit):
    # _exit is bound here: at exit a module's globals may already be gone (Python 2).
    if not _exit.keep:
        free_function(ctypes.byref(ctypes.c_void_p(address)))


class ListKeeper(object):
    """Owns a list the library returned whose elements live on as handles."""

    def __init__(self, address, list_free):
        self._finalizer = Finalizer(self, _free_address, list_free, address)


class Handle(object):
    """An opaque DRMAA2 handle owned by Python.

    ``address`` is the C pointer (raising once freed); ``free()`` releases it early;
    ``alive`` tells whether it still can be used.
    """

    kind = "handle"
    _freed_error = InvalidArgumentException

    def __init__(self, address, free_function=None, keeper=None):
        """Own ``address``, freed with ``free_function``; or, with ``keeper``, borrow it from a
        list the keeper owns."""
        self._address = address
        self._keeper = keeper
        self._finalizer = None
        if keeper is None:
            self._finalizer = Finalizer(self, _free_address, free_function, address)

    @property
    def address(self):
        """The C pointer of the handle; raises once the handle has been freed."""
        address = self._address
        if address is None:
            raise self._freed_error("this %s has been freed" % self.kind)
        return address

    @property
    def alive(self):
        """Whether the handle has not been freed."""
        return self._address is not None

    def free(self):
        """Release the C handle now (the library's drmaa2_*_free); later calls do nothing."""
        self._address = None
        self._keeper = None
        if self._finalizer is not None:
            self._finalizer()

    def __repr__(self):
        if self._address is None:
            return "<%s (freed)>" % type(self).__name__
        return "<%s 0x%x>" % (type(self).__name__, self._address)


class JobSessionHandle(Handle):
    """A drmaa2_jsession."""
    kind = "job session"
    _freed_error = InvalidSessionException


class ReservationSessionHandle(Handle):
    """A drmaa2_rsession."""
    kind = "reservation session"
    _freed_error = InvalidSessionException


class MonitoringSessionHandle(Handle):
    """A drmaa2_msession."""
    kind = "monitoring session"
    _freed_error = InvalidSessionException


class JobHandle(Handle):
    """A drmaa2_j."""
    kind = "job"


class JobArrayHandle(Handle):
    """A drmaa2_jarray."""
    kind = "job array"


class ReservationHandle(Handle):
    """A drmaa2_r."""
    kind = "reservation"
