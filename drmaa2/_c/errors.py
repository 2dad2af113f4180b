"""Turning the C library's error state into exceptions.

Every bound function with an error channel passes its result through
:meth:`ErrorChecker.check`; a failure becomes the exception class of its DRMAA2 error code
carrying ``drmaa2_lasterror_text()``, read on the failing thread right after the call.
"""
import ctypes
import logging

from drmaa2._c import prototypes
from drmaa2._c.values import decode_string
from drmaa2.exceptions import InternalException, from_code

LOG = logging.getLogger("drmaa2")

SUCCESS = 0
TIMEOUT = 5
INVALID_STATE = 9
UNSET_JSTATE = -1
INFINITE_TIME = -1
WAITS = frozenset(["j_wait_started", "j_wait_terminated", "jsession_wait_any_started",
                   "jsession_wait_any_terminated"])


class ErrorChecker(object):
    """Checks results and raises; configured once the library is bound and probed.

    ``functions`` is the CFunctions whose ``lasterror``/``lasterror_text`` it reads;
    ``extra_error_classes`` the profile's additional codes; ``lasterror_text_static``
    whether the library's error text must not be freed (PBS);
    ``lasterror_resets`` whether the library sets the last error to SUCCESS on every
    successful call (then a NULL "no value" result can be told from a failure);
    ``zero_wait_invalid_state`` whether a wait whose time is up fails with INVALID_STATE
    instead of TIMEOUT (Grid Engine), for every timeout but INFINITE_TIME.
    """

    def __init__(self):
        self.functions = None
        self.extra_error_classes = {}
        self.lasterror_text_static = False
        self.lasterror_resets = False
        self.zero_wait_invalid_state = False

    def __call__(self, entry, result, arguments):
        check = entry.check
        if check == prototypes.POINTER_RESULT:
            if result:
                return result
            raise self.last_exception(entry, arguments=arguments)
        if check == prototypes.ERROR_RESULT:
            if result == SUCCESS:
                return result
            raise self.last_exception(entry, result, arguments)
        if check == prototypes.OPTIONAL_RESULT:
            if result or not self.lasterror_resets:
                return result
            code = self.functions.lasterror()
            if code == SUCCESS:
                return result
            raise self.last_exception(entry, code)
        if check == prototypes.STATE_RESULT:
            if result != UNSET_JSTATE:
                return result
            raise self.last_exception(entry)
        if check == prototypes.SIZE_RESULT:
            if result >= 0:
                return result
            raise self.last_exception(entry)
        return result

    def last_text(self):
        """The library's text of this thread's last error (None if it has none); the copy
        the library returned is freed unless the library keeps it static."""
        address = self.functions.lasterror_text()
        if not address:
            return None
        try:
            return decode_string(ctypes.string_at(address))
        finally:
            if not self.lasterror_text_static:
                self.functions.string_free(ctypes.byref(ctypes.c_void_p(address)))

    def last_exception(self, entry, code=None, arguments=()):
        """The exception for the failure of ``entry`` just now on this thread; ``code`` is
        the function's own drmaa2_error result where it returned one, ``arguments`` those
        of the call."""
        last = self.functions.lasterror()
        stale = code is not None and last != code and not self.lasterror_resets
        if code is None:
            code = last
        if (code == INVALID_STATE and self.zero_wait_invalid_state and entry.name in WAITS
                and arguments and arguments[-1] != INFINITE_TIME):
            code = TIMEOUT
        text = self.last_text()
        if stale:
            # A library that never resets its last error still holds an earlier call's:
            # its text is not this failure's.
            text = None
        if code == SUCCESS:
            return InternalException(
                "drmaa2_%s failed without setting an error code%s"
                % (entry.name, ": " + text if text else ""))
        if not text:
            text = "drmaa2_%s failed with DRMAA2 error code %d" % (entry.name, code)
        LOG.debug("drmaa2_%s failed: code %d, %s", entry.name, code, text)
        return from_code(code, text, self.extra_error_classes)
