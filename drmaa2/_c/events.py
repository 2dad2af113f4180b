"""The C callback of ``drmaa2_register_event_notification``.

One ``CFUNCTYPE`` trampoline per library lives as long as the process (a collected
callback that the library still calls would crash it).  It may be called from a thread
of the library: it copies the notification into a ``drmaa2.types.Notification``, frees
the C notification, and hands the copy to the Python callable registered; anything that
callable raises is logged, never propagated into C.  At interpreter exit the callback is
unregistered before the interpreter goes away.

Unregistering (and so exit) does not wait for a callback that is running: it returns at
once, no new call starts, and the running one ends on its own (or with the process).  A
forked child starts without a callback (the library's thread stays in the parent).
"""
import atexit
import ctypes
import logging

from drmaa2._c import forks

LOG = logging.getLogger("drmaa2")

#: void (*drmaa2_callback)(drmaa2_notification *notification)
CALLBACK_TYPE = ctypes.CFUNCTYPE(None, ctypes.POINTER(ctypes.c_void_p))

# Every trampoline ever registered: a library may call one until the process ends.
_REGISTERED = []


class EventDispatcher(object):
    """Registers Python callables with one library and delivers its notifications."""

    def __init__(self, functions, read_notification):
        self._c = functions
        self._read = read_notification
        self._target = None
        self._lock = forks.Lock()
        self._exit_hook = False
        self.trampoline = CALLBACK_TYPE(self._deliver)
        self.trampoline_address = ctypes.cast(self.trampoline, ctypes.c_void_p).value

    @property
    def target(self):
        """The Python callable notifications go to, or None."""
        return self._target

    def register(self, target):
        """Deliver the library's notifications to ``target(notification)``; None stops
        delivery (and unregisters the C callback)."""
        if target is not None and not callable(target):
            raise TypeError("the event callback must be callable or None, not %s"
                            % type(target).__name__)
        with self._lock:
            if target is None:
                self._target = None
                self._c.register_event_notification(None)
                return
            if self.trampoline not in _REGISTERED:
                _REGISTERED.append(self.trampoline)
            self._c.register_event_notification(self.trampoline_address)
            self._target = target
            if not self._exit_hook:
                atexit.register(self._unregister_at_exit)
                self._exit_hook = True

    def _unregister_at_exit(self):
        if self._target is None:
            return
        self._target = None
        try:
            self._c.register_event_notification(None)
        except Exception:  # the process is ending; nothing else can be done
            LOG.debug("unregistering the event callback at exit failed", exc_info=True)

    def _deliver(self, notification_address):
        try:
            notification = None
            try:
                if notification_address and notification_address[0]:
                    notification = self._read(notification_address[0])
            finally:
                if notification_address and self._c.has("notification_free"):
                    self._c.notification_free(notification_address)
            target = self._target
            if target is not None and notification is not None:
                target(notification)
        except BaseException:
            LOG.exception("the drmaa2 event callback raised; the notification is dropped")
