"""DRMAA version 1 error codes and the drmaa2 exception each one raises.

A DRMAA v1 function returns an ``int`` error code and writes its explanation into the
diagnosis buffer the caller passed.  :func:`exception_for` builds the exception: the class
of the DRMAA2 error that means the same, the DRMAA2 code of that class as ``code``, and a
message naming the C function, the DRMAA v1 error and the library's diagnosis.
"""
from drmaa2.exceptions import (AuthorizationException, DeniedByDrmsException,
                               DrmCommunicationException, ImplementationSpecificException,
                               InternalException, InvalidArgumentException,
                               InvalidSessionException, InvalidStateException,
                               OutOfResourceException, TimeoutException, TryLaterException)

SUCCESS = 0
INTERNAL_ERROR = 1
DRM_COMMUNICATION_FAILURE = 2
AUTH_FAILURE = 3
INVALID_ARGUMENT = 4
NO_ACTIVE_SESSION = 5
NO_MEMORY = 6
INVALID_CONTACT_STRING = 7
DEFAULT_CONTACT_STRING_ERROR = 8
NO_DEFAULT_CONTACT_STRING_SELECTED = 9
DRMS_INIT_FAILED = 10
ALREADY_ACTIVE_SESSION = 11
DRMS_EXIT_ERROR = 12
INVALID_ATTRIBUTE_FORMAT = 13
INVALID_ATTRIBUTE_VALUE = 14
CONFLICTING_ATTRIBUTE_VALUES = 15
TRY_LATER = 16
DENIED_BY_DRM = 17
INVALID_JOB = 18
RESUME_INCONSISTENT_STATE = 19
SUSPEND_INCONSISTENT_STATE = 20
HOLD_INCONSISTENT_STATE = 21
RELEASE_INCONSISTENT_STATE = 22
EXIT_TIMEOUT = 23
NO_RUSAGE = 24
NO_MORE_ELEMENTS = 25

#: code -> (C name, exception class)
ERRORS = {
    INTERNAL_ERROR: ("DRMAA_ERRNO_INTERNAL_ERROR", InternalException),
    DRM_COMMUNICATION_FAILURE: ("DRMAA_ERRNO_DRM_COMMUNICATION_FAILURE",
                                DrmCommunicationException),
    AUTH_FAILURE: ("DRMAA_ERRNO_AUTH_FAILURE", AuthorizationException),
    INVALID_ARGUMENT: ("DRMAA_ERRNO_INVALID_ARGUMENT", InvalidArgumentException),
    NO_ACTIVE_SESSION: ("DRMAA_ERRNO_NO_ACTIVE_SESSION", InvalidSessionException),
    NO_MEMORY: ("DRMAA_ERRNO_NO_MEMORY", OutOfResourceException),
    INVALID_CONTACT_STRING: ("DRMAA_ERRNO_INVALID_CONTACT_STRING", InvalidArgumentException),
    DEFAULT_CONTACT_STRING_ERROR: ("DRMAA_ERRNO_DEFAULT_CONTACT_STRING_ERROR",
                                   DrmCommunicationException),
    NO_DEFAULT_CONTACT_STRING_SELECTED: ("DRMAA_ERRNO_NO_DEFAULT_CONTACT_STRING_SELECTED",
                                         InvalidArgumentException),
    DRMS_INIT_FAILED: ("DRMAA_ERRNO_DRMS_INIT_FAILED", DrmCommunicationException),
    ALREADY_ACTIVE_SESSION: ("DRMAA_ERRNO_ALREADY_ACTIVE_SESSION", InvalidSessionException),
    DRMS_EXIT_ERROR: ("DRMAA_ERRNO_DRMS_EXIT_ERROR", DrmCommunicationException),
    INVALID_ATTRIBUTE_FORMAT: ("DRMAA_ERRNO_INVALID_ATTRIBUTE_FORMAT",
                               InvalidArgumentException),
    INVALID_ATTRIBUTE_VALUE: ("DRMAA_ERRNO_INVALID_ATTRIBUTE_VALUE", InvalidArgumentException),
    CONFLICTING_ATTRIBUTE_VALUES: ("DRMAA_ERRNO_CONFLICTING_ATTRIBUTE_VALUES",
                                   InvalidArgumentException),
    TRY_LATER: ("DRMAA_ERRNO_TRY_LATER", TryLaterException),
    DENIED_BY_DRM: ("DRMAA_ERRNO_DENIED_BY_DRM", DeniedByDrmsException),
    INVALID_JOB: ("DRMAA_ERRNO_INVALID_JOB", InvalidArgumentException),
    RESUME_INCONSISTENT_STATE: ("DRMAA_ERRNO_RESUME_INCONSISTENT_STATE", InvalidStateException),
    SUSPEND_INCONSISTENT_STATE: ("DRMAA_ERRNO_SUSPEND_INCONSISTENT_STATE",
                                 InvalidStateException),
    HOLD_INCONSISTENT_STATE: ("DRMAA_ERRNO_HOLD_INCONSISTENT_STATE", InvalidStateException),
    RELEASE_INCONSISTENT_STATE: ("DRMAA_ERRNO_RELEASE_INCONSISTENT_STATE",
                                 InvalidStateException),
    EXIT_TIMEOUT: ("DRMAA_ERRNO_EXIT_TIMEOUT", TimeoutException),
    NO_RUSAGE: ("DRMAA_ERRNO_NO_RUSAGE", ImplementationSpecificException),
    NO_MORE_ELEMENTS: ("DRMAA_ERRNO_NO_MORE_ELEMENTS", ImplementationSpecificException),
}

# The DRMAA2 C error code of each class, carried as the exception's ``code``.
_DRMAA2_CODES = {
    DeniedByDrmsException: 1, AuthorizationException: 1, DrmCommunicationException: 2,
    TryLaterException: 3, TimeoutException: 5, InternalException: 6,
    InvalidArgumentException: 7, InvalidSessionException: 8, InvalidStateException: 9,
    OutOfResourceException: 10, ImplementationSpecificException: 13,
}


def error_name(code):
    """The C name of a DRMAA v1 error code (``'DRMAA_ERRNO_INVALID_JOB'``), or a description
    of a code the standard does not define."""
    known = ERRORS.get(code)
    return known[0] if known else "DRMAA v1 error %d" % code


def exception_for(code, function, diagnosis):
    """The exception (not raised) for ``function`` (its C name) failing with ``code``.

    ``diagnosis`` is the text the library wrote into the diagnosis buffer (may be empty).
    A code outside the standard gives ImplementationSpecificException.  The DRMAA v1 code
    is kept as the exception's ``drmaa1_code``.
    """
    name, cls = ERRORS.get(code, (error_name(code), ImplementationSpecificException))
    message = "%s failed: %s" % (function, name)
    if diagnosis:
        message += ": " + diagnosis
    error = cls(message, _DRMAA2_CODES.get(cls, 13))
    error.drmaa1_code = code
    return error


def drmaa1_code(error):
    """The DRMAA v1 error code an exception came from (None if it did not come from a
    DRMAA v1 library)."""
    return getattr(error, "drmaa1_code", None)


__all__ = ["ERRORS", "error_name", "exception_for", "drmaa1_code"]
