"""The exceptions of drmaa2.

Every error of the DRMAA2 library is raised as the class of its DRMAA2 error code, all
deriving from :class:`Drmaa2Exception`.  Each carries ``code`` (the raw C error code, or
None when the error did not come from the library) and ``message`` (the library's own
text, ``drmaa2_lasterror_text()``, where it gave one).

A code this binding does not know (a vendor's addition) raises
:class:`ImplementationSpecificException` with the raw ``code`` kept.
"""
import six

__all__ = [
    "Drmaa2Exception", "DeniedByDrmsException", "DrmCommunicationException",
    "TryLaterException", "SessionManagementException", "TimeoutException",
    "InternalException", "InvalidArgumentException", "InvalidSessionException",
    "InvalidStateException", "OutOfResourceException", "UnsupportedAttributeException",
    "UnsupportedOperationException", "ImplementationSpecificException",
    "AuthorizationException", "LibraryNotFoundError", "exception_class", "from_code",
]


class Drmaa2Exception(Exception):
    """The base of every drmaa2 exception.

    ``message`` is the text of the error; ``code`` the DRMAA2 C error code or None.
    """

    def __init__(self, message="", code=None):
        super(Drmaa2Exception, self).__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        if six.PY2 and isinstance(self.message, six.text_type):
            return self.message.encode("utf-8")
        return self.message if isinstance(self.message, str) else str(self.message)

    def __reduce__(self):
        return (self.__class__, (self.message, self.code))


class DeniedByDrmsException(Drmaa2Exception):
    """The DRM system rejected the operation (policy, permissions)."""


class DrmCommunicationException(Drmaa2Exception):
    """The DRMAA2 library could not talk to the DRM system."""


class TryLaterException(Drmaa2Exception):
    """The DRM system is busy; the same call may succeed later."""


class SessionManagementException(Drmaa2Exception):
    """A session could not be created, opened, closed or destroyed (C code 4)."""


_TIMEOUT_DOC = ("A wait ended before the awaited state was reached (on Python 3 also the "
                "builtin TimeoutError).")

if six.PY2:
    class TimeoutException(Drmaa2Exception):
        __doc__ = _TIMEOUT_DOC
else:
    class TimeoutException(Drmaa2Exception, TimeoutError):  # noqa: F821 (Python 3 builtin)
        __doc__ = _TIMEOUT_DOC


class InternalException(Drmaa2Exception):
    """The DRMAA2 library failed internally."""


class InvalidArgumentException(Drmaa2Exception, ValueError):
    """An argument was not acceptable (also a ValueError)."""


class InvalidSessionException(Drmaa2Exception):
    """The session is closed, unknown, or cannot be used for this operation."""


class InvalidStateException(Drmaa2Exception):
    """The job or reservation is not in a state that allows the operation."""


class OutOfResourceException(Drmaa2Exception):
    """The DRM system or the library ran out of a resource."""


class UnsupportedAttributeException(Drmaa2Exception):
    """The library does not support an attribute that was set."""


class UnsupportedOperationException(Drmaa2Exception):
    """The library does not support the operation."""


class ImplementationSpecificException(Drmaa2Exception):
    """An error specific to the DRMAA2 library in use, or an error code this binding does not
    know (the raw number is in ``code``)."""


class AuthorizationException(DeniedByDrmsException):
    """The user is not authorized for the operation (Grid Engine's error code 14)."""


class LibraryNotFoundError(Drmaa2Exception, OSError):
    """No DRMAA2 C library could be loaded; the message lists every place tried."""


_STANDARD_CODES = {
    1: DeniedByDrmsException,
    2: DrmCommunicationException,
    3: TryLaterException,
    4: SessionManagementException,
    5: TimeoutException,
    6: InternalException,
    7: InvalidArgumentException,
    8: InvalidSessionException,
    9: InvalidStateException,
    10: OutOfResourceException,
    11: UnsupportedAttributeException,
    12: UnsupportedOperationException,
    13: ImplementationSpecificException,
}


def exception_class(code, extra_codes=None):
    """Return the exception class of the DRMAA2 error ``code``.

    ``extra_codes`` maps codes a particular library adds (e.g. ``{14: AuthorizationException}``
    for Grid Engine) to their classes.  Unknown codes give ImplementationSpecificException.
    """
    if extra_codes and code in extra_codes:
        return extra_codes[code]
    return _STANDARD_CODES.get(code, ImplementationSpecificException)


def from_code(code, message, extra_codes=None):
    """Return the exception (not raised) for the DRMAA2 error ``code`` with ``message``."""
    if not message:
        message = "DRMAA2 error code %s" % (code,)
    return exception_class(code, extra_codes)(message, code)
