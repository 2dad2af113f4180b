"""Checks of the arguments of the public API, done before anything reaches the library.

A wrong type raises ``TypeError``, a wrong value ``InvalidArgumentException`` (also a
``ValueError``); both name the argument and say what was expected.
"""
import datetime
import math
import numbers

import six

from drmaa2.constants import INFINITE_TIME, ZERO_TIME
from drmaa2.exceptions import InvalidArgumentException

_TEXT_TYPES = (six.text_type, six.binary_type)


def text(value, name, optional=False):
    """Check that ``value`` is a string (None too if ``optional``); return it."""
    if value is None and optional:
        return None
    if not isinstance(value, _TEXT_TYPES):
        raise TypeError("%s must be a string%s, not %s"
                        % (name, " or None" if optional else "", _describe(value)))
    nul = b"\0" if isinstance(value, six.binary_type) else u"\0"
    if nul in value:
        raise InvalidArgumentException("%s must not contain a NUL character: %r"
                                       % (name, value))
    return value


def text_list(value, name, optional=False):
    """Check that ``value`` is an iterable of strings (not one string); return a list."""
    if value is None and optional:
        return None
    if isinstance(value, _TEXT_TYPES) or not _iterable(value):
        raise TypeError("%s must be a list of strings%s, not %s"
                        % (name, " or None" if optional else "", _describe(value)))
    items = list(value)
    for index, item in enumerate(items):
        text(item, "%s[%d]" % (name, index))
    return items


def integer(value, name, minimum=None, optional=False):
    """Check that ``value`` is an int (not a bool), at least ``minimum``; return it."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, six.integer_types):
        raise TypeError("%s must be an int%s, not %s"
                        % (name, " or None" if optional else "", _describe(value)))
    if minimum is not None and value < minimum:
        raise InvalidArgumentException("%s must be at least %d, not %d"
                                       % (name, minimum, value))
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
    ``ZERO_TIME``; return seconds as a number, INFINITE_TIME for no limit."""
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number of seconds, INFINITE_TIME or ZERO_TIME, not %s"
                        % (name, _describe(value)))
    if value == INFINITE_TIME or value == float("inf"):
        return INFINITE_TIME
    if math.isnan(value) or value < ZERO_TIME:
        raise InvalidArgumentException(
            "%s must be a number of seconds >= 0, INFINITE_TIME or ZERO_TIME, not %r"
            % (name, value))
    return value


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
