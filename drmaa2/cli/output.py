"""Output of the command line: plain aligned tables for people, JSON for scripts."""
import datetime
import enum
import json
import re
import sys

import six

from drmaa2.types import Record, Version

#: What an unset value looks like in a table.
UNSET = "-"

# Shown escaped in tables: the C0 and C1 control characters and DEL (a newline would add
# a row, an escape sequence would reach the terminal), the line and paragraph separators
# and the bidirectional embeddings, overrides and isolates (they reorder what follows).
_UNPRINTABLE = re.compile(u"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {u"\n": u"\\n", u"\r": u"\\r", u"\t": u"\\t"}


def _escape(match):
    character = match.group()
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    return u"\\x%02x" % code if code < 0x100 else u"\\u%04x" % code


def printable(text):
    """``text`` with its control characters escaped the way Python writes them
    (``\\n``, ``\\x1b``, ``\\u202e``), so that what a job or the library named
    cannot add lines to a table or send escape sequences to the terminal."""
    if isinstance(text, bytes):  # Python 2's str: UTF-8
        return printable(text.decode("utf-8", "replace")).encode("utf-8")
    return _UNPRINTABLE.sub(_escape, text)


def text_of(value):
    """``value`` as a table cell: enum members by name, versions as ``major.minor``,
    times in ISO 8601, durations in seconds, lists comma-separated, None as ``-``."""
    if value is None:
        return UNSET
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Version):
        return version_text(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return "%gs" % value.total_seconds()
    if isinstance(value, (list, tuple)):
        return ",".join(text_of(item) for item in value) or UNSET
    if isinstance(value, float):
        return "%.2f" % value
    return value if isinstance(value, six.string_types) else str(value)


def version_text(version):
    """A Version as ``major.minor`` (``-`` when unset)."""
    if version is None:
        return UNSET
    parts = [part for part in (version.major, version.minor) if part is not None]
    return ".".join(parts) or UNSET


def json_value(value):
    """``value`` made of JSON types: enum members by name, data types as objects (with
    their implementation-specific attributes), times in ISO 8601, durations in seconds."""
    if value is None or isinstance(value, (bool, float) + six.integer_types):
        return value
    if isinstance(value, six.string_types):
        return value
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Record):
        fields = dict((name, json_value(item)) for name, item in value._asdict().items())
        if value.implementation_specific:
            fields["implementation_specific"] = json_value(dict(value.implementation_specific))
        return fields
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, dict):
        return dict((str(key), json_value(item)) for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_value(item) for item in value]
    return str(value)


def write_json(value, stream=None):
    """Write ``value`` (converted by :func:`json_value`) as indented JSON and a newline."""
    stream = sys.stdout if stream is None else stream
    stream.write(json.dumps(json_value(value), indent=2, sort_keys=True))
    stream.write("\n")


def write_table(headers, rows, stream=None):
    """Write ``rows`` (sequences of values, shown by :func:`text_of` with control
    characters escaped by :func:`printable`) under ``headers`` as columns aligned by
    spaces; the last column is not padded."""
    stream = sys.stdout if stream is None else stream
    cells = [list(headers)] + [[printable(text_of(value)) for value in row] for row in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths)] + [row[-1]]
        stream.write("  ".join(padded).rstrip() + "\n")
