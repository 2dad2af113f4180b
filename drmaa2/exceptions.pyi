"""Type stubs of drmaa2.exceptions: the DRMAA2 error classes."""
from typing import Dict, Optional, Type


class Drmaa2Exception(Exception):
    """The base of every drmaa2 exception.

    ``message`` is the text of the error; ``code`` the DRMAA2 C error code or None."""
    message: str
    code: Optional[int]
    def __init__(self, message: str = ..., code: Optional[int] = ...) -> None: ...


class DeniedByDrmsException(Drmaa2Exception):
    """The DRM system rejected the operation (policy, permissions)."""


class DrmCommunicationException(Drmaa2Exception):
    """The DRMAA2 library could not talk to the DRM system."""


class TryLaterException(Drmaa2Exception):
    """The DRM system is busy; the same call may succeed later."""


class SessionManagementException(Drmaa2Exception):
    """A session could not be created, opened, closed or destroyed (C code 4)."""


class TimeoutException(Drmaa2Exception, TimeoutError):
    """A wait ended before the awaited state was reached (on Python 3 also the builtin
    TimeoutError)."""


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


_ExtraCodes = Optional[Dict[int, Type[Drmaa2Exception]]]

def exception_class(code: int, extra_codes: _ExtraCodes = ...) -> Type[Drmaa2Exception]: ...
def from_code(code: int, message: Optional[str],
              extra_codes: _ExtraCodes = ...) -> Drmaa2Exception: ...
