"""What the three kinds of session share: open until closed, and context managers."""
import threading

from drmaa2.exceptions import InvalidSessionException


class Session(object):
    """The common part of JobSession, ReservationSession and MonitoringSession.

    A session is open until :meth:`close`; after that every call raises
    ``InvalidSessionException``.  Used in a ``with`` statement, the session is closed at
    the end of the block (unless it was closed already).
    """

    #: What the session is called in messages, e.g. "job session".
    _kind = "session"

    def __init__(self, backend, handle):
        self._backend = backend
        self._handle = handle
        self._close_lock = threading.Lock()

    @property
    def closed(self):
        """True once the session has been closed."""
        return self._handle is None

    def close(self):
        """Disengage from the DRM system; the session refuses every call afterwards.

        Closing a closed session raises ``InvalidSessionException``.  When the library
        fails to close it, the session stays open (and the library's exception is raised).
        """
        with self._close_lock:
            self._close_handle(self._live_handle())
            self._handle = None

    def _close_handle(self, handle):
        raise NotImplementedError

    def _live_handle(self):
        handle = self._handle
        if handle is None:
            raise InvalidSessionException("the %s %s is closed" % (self._kind, self._label()))
        return handle

    def _label(self):
        return repr(getattr(self, "session_name", None))

    def __enter__(self):
        self._live_handle()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        with self._close_lock:
            if self._handle is not None:
                self._close_handle(self._handle)
                self._handle = None
        return False

    def __repr__(self):
        return "<%s %s%s>" % (type(self).__name__, self._label(),
                              " closed" if self.closed else "")

    def __reduce_ex__(self, protocol):
        # Pickling would otherwise fail deep inside ctypes with an AttributeError.
        raise TypeError("a %s cannot be pickled: it belongs to the DRMAA2 library loaded in "
                        "this process; pickle its session_name and open it again"
                        % type(self).__name__)

    def __copy__(self):
        return self  # one session: a copy is the same session, open or closed with it

    def __deepcopy__(self, memo):
        return self
