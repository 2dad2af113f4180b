"""Conversions of single values between Python and the DRMAA2 C representation:
strings, counts, booleans, enums, absolute times and durations, with every UNSET value
of the C API becoming None and back.  (Containers are in ``containers``.)"""
import calendar
import datetime
import math
import numbers

import six

from drmaa2 import constants
from drmaa2.constants import UTC
from drmaa2.enums import from_value, to_value
from drmaa2.exceptions import InternalException, InvalidArgumentException

UNSET_NUM = -1
UNSET_ENUM = -1
UNSET_TIME = -3
NOW = -2
LONG_LONG_MIN, LONG_LONG_MAX = -2 ** 63, 2 ** 63 - 1
INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


# ---------------------------------------------------------------- strings

def encode_string(value, name):
    """``value`` (text, or bytes that are UTF-8) as the bytes of a C string.

    The public layer has checked every string it was given, naming it; this is the last
    guard, so that no string that is no UTF-8 text or holds a NUL (where C would cut it)
    ever reaches the library: those raise InvalidArgumentException and a non-string
    TypeError, naming ``name``."""
    try:
        if isinstance(value, six.text_type):
            data = value.encode("utf-8")
        elif isinstance(value, bytes):
            data = value
            value.decode("utf-8")
        else:
            raise TypeError("%s must be a string, not %s" % (name, type(value).__name__))
    except UnicodeError:
        raise InvalidArgumentException("%s: %r is no UTF-8 text" % (name, value))
    if b"\0" in data:
        raise InvalidArgumentException("%s must not contain a NUL character: %r" % (name, value))
    return data


def encode_optional_string(value, name):
    """Like encode_string, with None passing through as None (a C NULL)."""
    return None if value is None else encode_string(value, name)


def decode_string(data):
    """The native ``str`` of the C string bytes ``data`` (UTF-8).  Bytes that are no UTF-8
    (a DRM's text in another encoding) become U+FFFD rather than an error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
        return text.encode("utf-8") if six.PY2 else text
    return data if six.PY2 else text


# ---------------------------------------------------------------- numbers

def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def count_from_c(value, unset=UNSET_NUM):
    """A C count (long long or int): None when it is the UNSET value."""
    return None if value == unset else int(value)


def count_to_c(value, name, unset=UNSET_NUM, low=LONG_LONG_MIN, high=LONG_LONG_MAX):
    """The C value of the count ``value`` (an int; None gives ``unset``)."""
    if value is None:
        return unset
    if not _is_integer(value):
        raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
    if not low <= value <= high:
        raise InvalidArgumentException("%s: %d is out of range [%d, %d]" % (name, value, low, high))
    if value == unset:
        raise InvalidArgumentException("%s: %d is the C API's value for 'unset', so the library "
                                       "would take it as not set; give None for that"
                                       % (name, value))
    return int(value)


def float_from_c(value):
    """A C float count: None when it is UNSET (-1)."""
    return None if value == UNSET_NUM else float(value)


def bool_from_c(value):
    """A drmaa2_bool as a bool (UNSET_BOOL is FALSE, so unset reads as False)."""
    return value != 0


def bool_to_c(value, name):
    """The drmaa2_bool of ``value`` (a bool; None is UNSET_BOOL, i.e. FALSE)."""
    if value is None:
        return 0
    if not isinstance(value, bool):
        raise TypeError("%s must be a bool, not %s" % (name, type(value).__name__))
    return 1 if value else 0


def enum_from_c(enum_class, value):
    """The member of ``enum_class`` for a C enum value; UNSET (-1) gives None and a value
    the enumeration does not know its fallback member (drmaa2.enums.from_value)."""
    if value == UNSET_ENUM:
        return None
    return from_value(enum_class, value)


def enum_to_c(enum_class, value, name):
    """The C value of ``value`` (a member of ``enum_class`` or its int; None is UNSET)."""
    if value is None:
        return UNSET_ENUM
    return to_value(enum_class, value, name)


# ------------------------------------------------------------------ times

def start_time_from_c(value):
    """A template's start time: as :func:`time_from_c`, but DRMAA2_NOW gives drmaa2.NOW."""
    if value == NOW:
        return constants.NOW
    return time_from_c(value)


def time_from_c(value):
    """An absolute C time_t as an aware UTC datetime; UNSET_TIME (or any other negative
    value, DRMAA2_NOW included, which only a template's start time may hold) None.  A
    time beyond datetime's 9999-12-31 raises InternalException (the library's fault)."""
    if value < 0:
        return None
    try:
        return EPOCH + datetime.timedelta(seconds=value)
    except OverflowError:
        raise InternalException("the library returned the time %d, beyond 9999-12-31, the "
                                "last time a datetime holds" % value)


def time_to_c(value, name):
    """The C time_t of ``value``: a datetime (naive ones are UTC, as in drmaa2.types),
    seconds since the epoch, drmaa2.NOW, or None (UNSET_TIME).  Fractions of a second
    are dropped toward the past."""
    if value is None:
        return UNSET_TIME
    if value is constants.NOW:
        return NOW
    if isinstance(value, datetime.datetime):
        seconds = calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6
        return count_to_c(int(math.floor(seconds)), name)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidArgumentException("%s: %r is no point in time" % (name, value))
        return count_to_c(int(math.floor(value)), name)
    raise TypeError("%s must be a datetime, seconds since the epoch, drmaa2.NOW or None, "
                    "not %s" % (name, type(value).__name__))


def duration_from_c(value, unset=UNSET_TIME):
    """A C duration in seconds as a timedelta; ``unset`` (or any negative value, which
    no duration has) gives None.  One longer than a timedelta holds raises
    InternalException (the library's fault)."""
    if value == unset or value < 0:
        return None
    try:
        return datetime.timedelta(seconds=value)
    except OverflowError:
        raise InternalException("the library returned the duration %d s, longer than a "
                                "timedelta holds" % value)


def duration_to_c(value, name, unset=UNSET_TIME):
    """The C seconds of the duration ``value`` (a timedelta or seconds; None is
    ``unset``).  Fractions of a second are rounded up."""
    if value is None:
        return unset
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        seconds = value
    else:
        raise TypeError("%s must be a timedelta or seconds, not %s" % (name, type(value).__name__))
    if seconds != seconds or seconds < 0 or seconds == float("inf"):
        raise InvalidArgumentException("%s: %r is no duration (seconds >= 0)" % (name, value))
    return count_to_c(int(math.ceil(seconds)), name)


def timeout_to_c(value):
    """The C timeout of a timeout ``drmaa2._arguments.timeout`` has checked: seconds (a
    timedelta too) rounded up to whole seconds, so INFINITE_TIME stays -1 and ZERO_TIME
    0."""
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    return int(math.ceil(value))
