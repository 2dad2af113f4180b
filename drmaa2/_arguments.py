"""Checks of the arguments of the public API, done before anything reaches the library.

Every value is checked here or by the data types of ``drmaa2.types`` (which use the
string check of this module), once, where it enters: the layers below only guard
against what can never be let through (a NUL, a string that is no UTF-8).  A wrong type
raises ``TypeError``, a wrong value ``InvalidArgumentException`` (also a
``ValueError``); both name the argument and say what was expected.
"""
import datetime
import math
import numbers
import time

import six

from drmaa2.constants import INFINITE_TIME, NOW, ZERO_TIME
from drmaa2.exceptions import InvalidArgumentException

_TEXT_TYPES = (six.text_type, six.binary_type)

#: The largest integer any argument may be: a C ``long long``.
LONG_LONG_MAX = 2 ** 63 - 1

_EPOCH = datetime.datetime(1970, 1, 1)
#: The last second a time read back from a library can be (datetime's 9999-12-31).
LATEST_TIME = datetime.datetime.max.replace(microsecond=0)


def native_text(value, label, alternatives=""):
    """``value`` (``str``, ``unicode`` or UTF-8 ``bytes``) as the native ``str``.

    Refuses, naming ``label``: non-strings (TypeError; ``alternatives`` says what else
    was allowed, e.g. " or None"), bytes that are not UTF-8, text that cannot be UTF-8
    (lone surrogates such as ``'\\udcff'``) and a NUL character, which C strings cannot
    carry (InvalidArgumentException)."""
    if isinstance(value, six.binary_type):
        try:
            text_value = value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidArgumentException("%s: bytes %r are not UTF-8 (%s)"
                                           % (label, value, error))
    elif isinstance(value, six.text_type):
        text_value = value
        try:
            text_value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidArgumentException("%s: %r cannot be encoded as UTF-8 (%s)"
                                           % (label, value, error))
    else:
        raise TypeError("%s must be a string (str, unicode or UTF-8 bytes)%s, not %s"
                        % (label, alternatives, _describe(value)))
    if u"\0" in text_value:
        raise InvalidArgumentException("%s: %r contains a NUL character, which C strings "
                                       "cannot carry" % (label, value))
    return text_value.encode("utf-8") if six.PY2 else text_value


def text(value, name, optional=False):
    """Check that ``value`` is a string that is valid text (None too if ``optional``);
    return it as the native ``str`` (see :func:`native_text`)."""
    if value is None and optional:
        return None
    return native_text(value, name, " or None" if optional else "")


def text_list(value, name, optional=False):
    """Check that ``value`` is an iterable of strings (not one string); return a list of
    native ``str``."""
    if value is None and optional:
        return None
    if isinstance(value, _TEXT_TYPES) or not _iterable(value):
        raise TypeError("%s must be a list of strings%s, not %s"
                        % (name, " or None" if optional else "", _describe(value)))
    return [native_text(item, "%s[%d]" % (name, index)) for index, item in enumerate(value)]


def integer(value, name, minimum=None, optional=False):
    """Check that ``value`` is an int (not a bool), at least ``minimum`` and at most a C
    ``long long``; return it."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, six.integer_types):
        raise TypeError("%s must be an int%s, not %s"
                        % (name, " or None" if optional else "", _describe(value)))
    if minimum is not None and value < minimum:
        raise InvalidArgumentException("%s must be at least %d, not %d"
                                       % (name, minimum, value))
    if value > LONG_LONG_MAX:
        raise InvalidArgumentException("%s must be at most %d (a C long long), not %d"
                                       % (name, LONG_LONG_MAX, value))
    return value


def instance(value, classes, name, optional=False):
    """Check that ``value`` is an instance of ``classes`` (None too if ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, classes):
        if not isinstance(classes, tuple):
            classes = (classes,)
        expected = " or ".join(cls.__name__ for cls in classes)
        raise TypeError("%s must be a %s%s, not %s"
                        % (name, expected, " or None" if optional else "", _describe(value)))
    return value


def data_type(value, cls, name, optional=False):
    """Check that ``value`` is a ``cls`` (a data type such as JobTemplate) or a dict of
    its fields; return a ``cls``."""
    if value is None and optional:
        return None
    if isinstance(value, cls):
        return value
    if isinstance(value, dict):
        return cls(value)
    raise TypeError("%s must be a %s (or a dict of its fields)%s, not %s"
                    % (name, cls.__name__, " or None" if optional else "", _describe(value)))


def timeout(value, name="timeout"):
    """Check a wait's timeout: seconds (int, float or timedelta), ``INFINITE_TIME`` or
    ``ZERO_TIME``; return seconds as a number, INFINITE_TIME for no limit.

    Only the INFINITE_TIME constant (the int -1) means no limit: -1.0, a negative
    timedelta and every other negative number are refused.  Infinity, and a number too
    large for a float (``2 ** 1024``), wait without a limit too."""
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number of seconds, INFINITE_TIME or ZERO_TIME, not %s"
                        % (name, _describe(value)))
    elif isinstance(value, numbers.Integral) and value == INFINITE_TIME:
        return INFINITE_TIME
    else:
        seconds = value
    try:
        as_float = float(seconds)
    except OverflowError:  # an int beyond any float: longer than any wait can last
        as_float = float("inf") if seconds > 0 else float("-inf")
    if math.isnan(as_float) or as_float < ZERO_TIME:
        raise InvalidArgumentException(
            "%s must be a number of seconds >= 0, INFINITE_TIME (the int -1) or ZERO_TIME, "
            "not %r" % (name, value))
    if as_float == float("inf"):
        return INFINITE_TIME
    return seconds if isinstance(seconds, six.integer_types + (float,)) else as_float


def reservation_request(value, cls, name):
    """Check a reservation request: a ``cls`` (ReservationTemplate) or a dict of its
    fields, as :func:`data_type`, whose end (``start_time``, or now, plus ``duration``)
    is a time that can be read back (at most 9999-12-31 23:59:59 UTC, the end of
    datetime); return the ``cls``."""
    template = data_type(value, cls, name)
    duration = template.duration
    if duration is None:
        return template
    start = template.start_time
    if start is None or start is NOW:
        start = _EPOCH + datetime.timedelta(seconds=time.time())
    elif start.utcoffset() is not None:
        start = start.replace(tzinfo=None) - start.utcoffset()
    # C durations are whole seconds, rounded up (as the template is written to C).
    seconds = int(math.ceil(duration.total_seconds()))
    if seconds > (LATEST_TIME - start).total_seconds():
        raise InvalidArgumentException(
            "%s.duration: %s from the start (%s) would end after %s UTC, the last time "
            "drmaa2 can read back" % (name, duration,
                                      "now" if template.start_time in (None, NOW)
                                      else "start_time %s" % template.start_time,
                                      LATEST_TIME))
    return template


def callable_or_none(value, name):
    """Check that ``value`` is callable or None."""
    if value is not None and not callable(value):
        raise TypeError("%s must be callable or None, not %s" % (name, _describe(value)))
    return value


def _iterable(value):
    try:
        iter(value)
    except TypeError:
        return False
    return True


def _describe(value):
    return "%s %r" % (type(value).__name__, value) if value is not None else "None"
