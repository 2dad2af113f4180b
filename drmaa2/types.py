"""The DRMAA2 data types: job and reservation templates, and the information the DRM system
gives about jobs, reservations, queues, machines and events.

Every data type is a small record whose fields are the DRMAA2 attributes in snake_case, in
the order of the C API.  Build one from keyword arguments or from one dict whose keys are
the snake_case names or the C API's camelCase names (both spellings work everywhere)::

    JobTemplate(remote_command='/bin/sleep', args=['5'])
    JobTemplate({'remoteCommand': '/bin/sleep', 'args': ['5']})

An unset field is ``None``.  Every field checks what it is given, when the record is built
and whenever the field is set, and raises ``TypeError`` (wrong type) or
``InvalidArgumentException`` (right type, unusable value; also a ``ValueError``) naming the
field.  Values are converted to one form:

- strings: ``str``, ``unicode`` or UTF-8 ``bytes`` give the native ``str``; a NUL
  character is refused;
- string lists: any iterable of strings (a lone string is refused) gives a list;
- string dicts: any mapping of strings to strings gives a dict;
- flags: ``bool`` only;
- enumerations: the member, or its int value, gives the member;
- counts: ``int`` (not ``bool``, not ``float``);
- absolute times: a ``datetime`` (a naive one is taken as UTC) or seconds since the epoch
  give a timezone-aware UTC ``datetime``; times before 1970 are refused; the start time of
  a template may also be ``drmaa2.NOW``;
- durations: a ``timedelta`` or a number of seconds (not negative) give a ``timedelta``;
- nested records: ``MachineInfo.machine_os_version`` a ``Version``,
  ``ReservationInfo.reserved_machines`` a list of ``SlotInfo``.

Lists and dicts held by a record keep checking what is added to them later
(``jt.args.append(5)`` is a ``TypeError`` too).

The records offer what users of the OGF reference's namedtuples call: ``_fields``,
``_asdict()`` and ``_replace()``; they compare with ``==``.  They are mutable (templates are
filled in by the user, infos are also filters), so none of them is hashable.

Implementation-specific attributes (those the loaded DRMAA2 library declares for a type,
e.g. Grid Engine's ``uge_jt_pe``) live in the per-instance dict
``implementation_specific`` (name -> string).  Once the library is known they can also be
read and written as attributes (``jt.uge_jt_pe = 'mpi'``) and given to the constructor.
"""
import datetime
import numbers
from collections import OrderedDict

import six

from drmaa2 import _fields, constants
from drmaa2._arguments import native_text
from drmaa2.constants import UTC
from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem, to_value
from drmaa2.exceptions import Drmaa2Exception, InvalidArgumentException

try:
    from collections.abc import Mapping
except ImportError:  # Python 2
    from collections import Mapping


__all__ = ["JobTemplate", "JobInfo", "ReservationTemplate", "ReservationInfo",
           "SlotInfo", "QueueInfo", "Version", "MachineInfo", "Notification", "UTC",
           "register_implementation_specific"]


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
_INTEGERS = six.integer_types
_STRINGS = (six.text_type, six.binary_type)


# ---------------------------------------------------------------------------------------
# Conversion of one value.  ``label`` names the field in messages ("JobTemplate.args").

def _describe(value):
    return "%s %r" % (type(value).__name__, value)


#: ``value`` as the native str, refusing non-strings, NUL and what is no UTF-8 (the one
#: string check of the public API, shared with its arguments).
_to_str = native_text


def _to_int(value, label, bits=64):
    # numbers.Integral also admits integer types of other libraries (numpy's); a plain
    # int skips that (slow) check.
    if type(value) is not int and (isinstance(value, bool) or
                                   not isinstance(value, numbers.Integral)):
        raise TypeError("%s must be an int, not %s" % (label, _describe(value)))
    value = int(value)
    limit = 1 << (bits - 1)
    if not -limit <= value < limit:
        raise InvalidArgumentException("%s: %d does not fit in a %d-bit C integer"
                                       % (label, value, bits))
    return value


def _seconds(value, label, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be %s, not %s" % (label, what, _describe(value)))
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidArgumentException("%s: %r is not a number of seconds" % (label, value))
    if value < 0:
        raise InvalidArgumentException("%s: %r seconds is negative" % (label, value))
    if not isinstance(value, _INTEGERS + (float,)):
        value = float(value)  # e.g. a Fraction, which timedelta does not take
    return datetime.timedelta(seconds=value)


def _to_datetime(value, label, allow_now):
    """An absolute time as an aware UTC datetime (or NOW where allowed)."""
    if allow_now and value is constants.NOW:
        return value
    what = ("a datetime, seconds since the epoch%s"
            % (" or drmaa2.NOW" if allow_now else ""))
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            value = value.replace(tzinfo=UTC)
        else:
            value = value.astimezone(UTC)
    elif isinstance(value, datetime.date):
        raise TypeError("%s must be %s, not the date %r (give a datetime)"
                        % (label, what, value))
    else:
        try:
            value = _EPOCH + _seconds(value, label, what)
        except OverflowError:
            raise InvalidArgumentException("%s: %r seconds is out of range" % (label, value))
    if value < _EPOCH:
        # Times before the epoch would reach C as negative time_t, whose small values
        # are DRMAA2's special values (NOW, UNSET).
        raise InvalidArgumentException("%s: %s is before 1970-01-01 00:00 UTC"
                                       % (label, value))
    return value


def _to_timedelta(value, label):
    what = "a timedelta or a number of seconds"
    if isinstance(value, datetime.timedelta):
        if value < datetime.timedelta(0):
            raise InvalidArgumentException("%s: %r is negative" % (label, value))
        return value
    try:
        return _seconds(value, label, what)
    except OverflowError:
        raise InvalidArgumentException("%s: %r seconds is out of range" % (label, value))


def _string_items(value, label):
    if isinstance(value, Record):
        raise TypeError("%s must be a list of strings, not %s" % (label, _describe(value)))
    if isinstance(value, _STRINGS):
        raise TypeError("%s must be a list of strings, not the lone string %r "
                        "(write [%r])" % (label, value, value))
    if isinstance(value, Mapping):
        raise TypeError("%s must be a list of strings, not the mapping %r" % (label, value))
    try:
        items = list(value)
    except TypeError:
        raise TypeError("%s must be a list (any iterable) of strings, not %s"
                        % (label, _describe(value)))
    return [_to_str(item, "%s[%d]" % (label, index)) for index, item in enumerate(items)]


def _string_pairs(value, label):
    if not isinstance(value, Mapping):
        raise TypeError("%s must be a dict (any mapping) of strings to strings, not %s"
                        % (label, _describe(value)))
    pairs = []
    for key in value:
        name = _to_str(key, "%s key" % label)
        pairs.append((name, _to_str(value[key], "%s[%r]" % (label, name))))
    return pairs


class _CheckedList(list):
    """A list that passes what is put into it through its subclass's ``_one`` (one item)
    and ``_checked`` (an iterable of items), so a change is refused like a bad initial
    value would be."""

    def __setitem__(self, index, item):
        if isinstance(index, slice):
            item = self._checked(item)
        else:
            item = self._one(item)
        super(_CheckedList, self).__setitem__(index, item)

    def __setslice__(self, start, stop, items):  # Python 2 only
        self.__setitem__(slice(start, stop), items)

    def __iadd__(self, items):
        self.extend(items)
        return self

    def append(self, item):
        """Append one item, checked."""
        super(_CheckedList, self).append(self._one(item))

    def insert(self, index, item):
        """Insert one item, checked, before ``index``."""
        super(_CheckedList, self).insert(index, self._one(item))

    def extend(self, items):
        """Append every item of the iterable ``items``, checked."""
        super(_CheckedList, self).extend(self._checked(items))


class StringList(_CheckedList):
    """A list of strings that converts and checks every string added to it.

    Fields such as ``JobTemplate.args`` hold one, so ``jt.args.append(5)`` is refused
    like ``jt.args = [5]`` would be.  It compares equal to a plain list.
    """

    def __init__(self, items=(), label="list"):
        self._label = label
        super(StringList, self).__init__(_string_items(items, label))

    def _one(self, item):
        return _to_str(item, "%s item" % self._label)

    def _checked(self, items):
        return _string_items(items, self._label)

    def __reduce__(self):
        return (self.__class__, (list(self), self._label))


class StringDict(dict):
    """A dict of strings to strings that converts and checks every entry put into it.

    Fields such as ``JobTemplate.resource_limits`` hold one.  It compares equal to a plain
    dict.
    """

    def __init__(self, mapping=None, label="dict"):
        self._label = label
        if mapping is None:  # every record starts with an empty one: nothing to check
            super(StringDict, self).__init__()
        else:
            super(StringDict, self).__init__(self._checked_pairs(mapping))

    def _checked_pairs(self, mapping):
        pairs = _string_pairs(mapping, self._label)
        for key, _value in pairs:
            self._check_key(key)
        return pairs

    def _check_key(self, key):
        """Refuse a key this kind of dict cannot hold (any string by default)."""

    def __setitem__(self, key, value):
        key = _to_str(key, "%s key" % self._label)
        self._check_key(key)
        super(StringDict, self).__setitem__(key,
                                            _to_str(value, "%s[%r]" % (self._label, key)))

    def update(self, *args, **kwargs):
        """Add the entries of one mapping and of the keyword arguments."""
        if len(args) > 1:
            raise TypeError("update expected at most 1 argument, got %d" % len(args))
        for source in args + (kwargs,):
            if not isinstance(source, Mapping):
                try:
                    source = dict(source)
                except (TypeError, ValueError):
                    raise TypeError("%s.update() takes a mapping or (key, value) pairs of "
                                    "strings, not %s" % (self._label, _describe(source)))
            for key, value in self._checked_pairs(source):
                super(StringDict, self).__setitem__(key, value)

    def setdefault(self, key, default=None):
        """Return the value of ``key``, first setting it to ``default`` if absent."""
        if key not in self:
            self[key] = default
        return self[key]

    def copy(self):
        """A shallow copy, checking like this one."""
        return self.__class__(self, self._label)

    def __reduce__(self):
        return (self.__class__, (dict(self), self._label))


class EnvironmentDict(StringDict):
    """The environment of a job (``JobTemplate.job_environment``): a StringDict whose
    names are not empty and hold no ``=`` or NUL, so that each entry reaches the job as
    the one variable it names, whatever the library."""

    def _check_key(self, key):
        if not key or "=" in key:
            raise InvalidArgumentException(
                "%s: %r is no environment variable name (it must be non-empty, without "
                "'=')" % (self._label, key))


class RecordList(_CheckedList):
    """A list whose items must all be instances of one data type (e.g. ``SlotInfo``)."""

    def __init__(self, items=(), item_type=None, label="list"):
        self._item_type = item_type
        self._label = label
        super(RecordList, self).__init__(self._checked(items))

    def _checked(self, items):
        if isinstance(items, (_STRINGS, Mapping, Record)):
            raise TypeError("%s must be a list of %s, not %s"
                            % (self._label, self._item_type.__name__, _describe(items)))
        try:
            items = list(items)
        except TypeError:
            raise TypeError("%s must be a list (any iterable) of %s, not %s"
                            % (self._label, self._item_type.__name__, _describe(items)))
        for index, item in enumerate(items):
            self._one(item, "%s[%d]" % (self._label, index))
        return items

    def _one(self, item, label=None):
        if not isinstance(item, self._item_type):
            raise TypeError("%s must be a %s, not %s" % (label or self._label + " item",
                                                         self._item_type.__name__,
                                                         _describe(item)))
        return item

    def __reduce__(self):
        return (self.__class__, (list(self), self._item_type, self._label))


# ---------------------------------------------------------------------------------------
# Field kinds: what a field accepts and how it stores it.

class _Kind(object):
    """How one field converts what it is given; ``expected`` describes it for users."""
    expected = ""

    def convert(self, value, label):
        raise NotImplementedError


class _Str(_Kind):
    expected = "str"

    def convert(self, value, label):
        return _to_str(value, label)


class _StrList(_Kind):
    expected = "list of str"

    def convert(self, value, label):
        return StringList(value, label)


class _StrDict(_Kind):
    expected = "dict of str to str"

    def __init__(self, dict_class=StringDict):
        self.dict_class = dict_class

    def convert(self, value, label):
        return self.dict_class(value, label)


class _Bool(_Kind):
    expected = "bool"

    def convert(self, value, label):
        if not isinstance(value, bool):
            raise TypeError("%s must be True or False, not %s" % (label, _describe(value)))
        return value


class _Int(_Kind):
    expected = "int"

    def __init__(self, bits=64):
        self.bits = bits

    def convert(self, value, label):
        return _to_int(value, label, self.bits)


class _Float(_Kind):
    expected = "float"

    def convert(self, value, label):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError("%s must be a number, not %s" % (label, _describe(value)))
        return float(value)


class _EnumKind(_Kind):
    def __init__(self, enum_class):
        self.enum_class = enum_class
        self.expected = enum_class.__name__

    def convert(self, value, label):
        if type(value) is self.enum_class:
            return value
        return self.enum_class(to_value(self.enum_class, value, label))


class _Time(_Kind):
    def __init__(self, allow_now=False):
        self.allow_now = allow_now
        self.expected = "datetime (UTC)" + (" or drmaa2.NOW" if allow_now else "")

    def convert(self, value, label):
        return _to_datetime(value, label, self.allow_now)


class _Duration(_Kind):
    expected = "timedelta"

    def convert(self, value, label):
        return _to_timedelta(value, label)


class _RecordKind(_Kind):
    """A field holding another data type; ``type_name`` is resolved when first used."""

    def __init__(self, type_name):
        self.type_name = type_name
        self.expected = type_name

    def convert(self, value, label):
        record_type = globals()[self.type_name]
        if not isinstance(value, record_type):
            raise TypeError("%s must be a %s, not %s" % (label, self.type_name,
                                                         _describe(value)))
        return value


class _RecordListKind(_RecordKind):
    def __init__(self, type_name):
        super(_RecordListKind, self).__init__(type_name)
        self.expected = "list of %s" % type_name

    def convert(self, value, label):
        return RecordList(value, globals()[self.type_name], label)


# What each kind of field of the table (drmaa2._fields) accepts: field -> _Kind.
_FIELD_KINDS = {
    _fields.STRING: lambda field: _Str(),
    _fields.STRINGS: lambda field: _StrList(),
    _fields.DICT: lambda field: _StrDict(),
    _fields.ENVIRONMENT: lambda field: _StrDict(EnvironmentDict),
    _fields.BOOL: lambda field: _Bool(),
    _fields.COUNT: lambda field: _Int(),
    _fields.PRIORITY: lambda field: _Int(),
    _fields.INT: lambda field: _Int(bits=32),
    _fields.FLOAT: lambda field: _Float(),
    _fields.ENUM: lambda field: _EnumKind(field.enum_class),
    _fields.TIME: lambda field: _Time(),
    _fields.START_TIME: lambda field: _Time(allow_now=True),
    _fields.DURATION: lambda field: _Duration(),
    _fields.CPU_TIME: lambda field: _Duration(),
    _fields.VERSION: lambda field: _RecordKind("Version"),
    _fields.SLOTINFOS: lambda field: _RecordListKind("SlotInfo"),
}


# ---------------------------------------------------------------------------------------
# Implementation-specific attributes of the loaded library.

_impl_spec_provider = [None]
_impl_spec_cache = {}


def register_implementation_specific(provider):
    """Tell the data types which implementation-specific attributes the library has.

    ``provider(type_name)`` returns the list of attribute names the loaded DRMAA2 library
    declares for a type: ``'jtemplate'``, ``'jinfo'``, ``'rtemplate'``, ``'rinfo'``,
    ``'queueinfo'``, ``'machineinfo'``, ``'notification'``, ``'slotinfo'`` or
    ``'version'``.  It is called the first time a name is needed, and its answers are
    remembered until the next registration.  ``None`` forgets the provider.  Returns the
    provider registered before (or None), so that it can be put back.  drmaa2 itself
    registers the provider of the library it loads; applications do not need to.
    """
    if provider is not None and not callable(provider):
        raise TypeError("provider must be callable or None, not %s" % _describe(provider))
    previous = _impl_spec_provider[0]
    _impl_spec_provider[0] = provider
    _impl_spec_cache.clear()
    return previous


def _impl_spec_names(type_name):
    """The implementation-specific names of a type, or () when none are known (yet)."""
    names = _impl_spec_cache.get(type_name)
    if names is None:
        provider = _impl_spec_provider[0]
        if provider is None:
            return ()
        try:
            names = tuple(provider(type_name) or ())
        except Drmaa2Exception:
            # No usable library (yet): no names are known, and nothing is remembered.
            return ()
        _impl_spec_cache[type_name] = names
    return names


# ---------------------------------------------------------------------------------------
# The records.

class _RecordMeta(type):
    """Builds the ``_spec`` of a record class from the field table of its struct
    (``drmaa2._fields``, named by ``_type_name``), its ``_fields`` and name tables from
    that, appends the list of fields to its documentation, and registers the class as the
    data type of its struct."""

    def __new__(mcs, name, bases, namespace):
        struct = _fields.STRUCTS.get(namespace.get("_type_name"))
        spec = namespace.get("_spec", ())
        if struct is not None:
            spec = namespace["_spec"] = tuple(
                (field.name, field.c_name, _FIELD_KINDS[field.kind](field))
                for field in struct.fields)
        namespace["_fields"] = tuple(field for field, _, _ in spec)
        namespace["_kinds"] = dict((field, kind) for field, _, kind in spec)
        aliases = {}
        for field, camel, _ in spec:
            aliases[field] = field
            aliases[camel] = field
        namespace["_aliases"] = aliases
        # Messages name a field "JobTemplate.args": made once, not at every assignment.
        namespace["_labels"] = dict((field, "%s.%s" % (name, field)) for field, _, _ in spec)
        if spec and namespace.get("__doc__"):
            lines = ["", "", "    Fields (snake_case / C camelCase: type):", ""]
            for field, camel, kind in spec:
                spelling = "``%s``" % field
                if camel != field:
                    spelling += " / ``%s``" % camel
                lines.append("    - %s: %s" % (spelling, kind.expected))
            namespace["__doc__"] = namespace["__doc__"].rstrip() + "\n".join(lines) + "\n"
        cls = super(_RecordMeta, mcs).__new__(mcs, name, bases, namespace)
        if struct is not None:
            _fields.register_data_type(struct.name, cls)
        return cls


@six.add_metaclass(_RecordMeta)
class Record(object):
    """The base of the DRMAA2 data types; see the module documentation."""

    __slots__ = ("_values", "_impl")
    __hash__ = None
    _spec = ()
    _type_name = None

    def __init__(self, *values, **fields):
        object.__setattr__(self, "_values", dict.fromkeys(self._fields))
        object.__setattr__(self, "_impl", StringDict(
            label="%s.implementation_specific" % type(self).__name__))
        kinds = self._kinds
        if not values and six.viewkeys(kinds) >= six.viewkeys(fields):
            # Only snake_case fields (how drmaa2._c builds the library's records): no
            # spelling to resolve, so each value is just converted.
            record_values, labels = self._values, self._labels
            for key, value in fields.items():
                if value is not None:
                    record_values[key] = kinds[key].convert(value, labels[key])
            return
        if len(values) == 1 and isinstance(values[0], Mapping):
            given = dict(values[0])  # one dict of fields, either spelling
            for key in fields:
                if key in given:
                    raise InvalidArgumentException("%s(): %r given twice"
                                                   % (type(self).__name__, key))
                given[key] = fields[key]
        else:
            given = self._positional(values, fields)
        self._update(given, fresh=True)

    def _positional(self, values, fields):
        """``fields`` and the positional ``values`` named in the order of iteration (the
        standard's fields, then the library's implementation-specific attributes), as the
        reference's namedtuples take them."""
        names = self._sequence_names() if values else ()
        if len(values) > len(names):
            raise TypeError("%s() takes at most %d positional arguments (%d given): the "
                            "fields %s" % (type(self).__name__, len(names), len(values),
                                           ", ".join(names)))
        given = dict(zip(names, values))
        for key in fields:
            field = key if key == "implementation_specific" else self._field_name(key)
            if field in given:
                raise TypeError("%s() got multiple values for %r (positional and %r)"
                                % (type(self).__name__, field, key))
            given[key] = fields[key]
        return given

    @classmethod
    def _make(cls, iterable):
        """A new record from the values of ``iterable`` in the order of iteration (the
        standard's fields, then the implementation-specific attributes), as the
        reference's namedtuples' ``_make``."""
        record = cls()
        record._update(record._positional(tuple(iterable), {}), fresh=True)
        return record

    # -- the reference's namedtuple, read as a sequence ---------------------------------

    def _sequence_names(self):
        """The names in the order the record iterates: the standard's fields, then the
        implementation-specific attributes the loaded library declares for the type."""
        return self._fields + tuple(name for name in _impl_spec_names(self._type_name)
                                    if name not in self._kinds)

    def __iter__(self):
        values, impl = self._values, self._impl
        for name in self._sequence_names():
            yield values[name] if name in values else impl.get(name)

    def __len__(self):
        return len(self._sequence_names())

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, (six.integer_types, slice)):
            raise TypeError("%s indices must be integers or slices, not %s"
                            % (type(self).__name__, type(index).__name__))
        return tuple(self)[index]

    # -- setting -------------------------------------------------------------------------

    def _update(self, given, fresh=False):
        """Set every name of the mapping ``given`` (either spelling), checking them all.

        On a ``fresh`` record every field is unset already, so None values are only
        checked for their names (the library's infos leave most fields unset)."""
        spelled = {}
        resolved = []
        for key, value in given.items():
            if key == "implementation_specific":
                continue
            field = self._field_name(key)
            if field in spelled:
                raise InvalidArgumentException("%s: %r and %r name the same field; give it "
                                               "once" % (type(self).__name__, spelled[field],
                                                         key))
            spelled[field] = key
            resolved.append((field, value))
        if given.get("implementation_specific") is not None:
            self.implementation_specific = given["implementation_specific"]
        for field, value in resolved:
            if value is None and fresh:
                continue
            setattr(self, field, value)

    def _field_name(self, name):
        """The snake_case field or implementation-specific name meant by ``name``."""
        if not isinstance(name, six.string_types):
            raise TypeError("%s field names must be strings, not %s"
                            % (type(self).__name__, _describe(name)))
        field = self._aliases.get(name)
        if field is not None:
            return field
        if not name.startswith("_") and name in _impl_spec_names(self._type_name):
            return name
        import difflib  # only for this message: it costs `import drmaa2` 2.5 ms
        valid = self._valid_names()
        close = difflib.get_close_matches(name, valid, n=1)
        raise InvalidArgumentException(
            "%s has no field %r%s; valid names: %s"
            % (type(self).__name__, name, " (did you mean %r?)" % close[0] if close else "",
               ", ".join(valid)))

    def _valid_names(self):
        names = list(self._fields) + ["implementation_specific"]
        names.extend(_impl_spec_names(self._type_name))
        names.extend(camel for field, camel, _ in self._spec if camel != field)
        return names

    def __setattr__(self, name, value):
        if name == "implementation_specific":
            object.__setattr__(self, "_impl", StringDict(
                value, "%s.implementation_specific" % type(self).__name__))
            return
        field = self._field_name(name)
        kind = self._kinds.get(field)
        label = self._labels.get(field) or "%s.%s" % (type(self).__name__, field)
        if kind is None:
            if value is None:
                self._impl.pop(field, None)
            else:
                self._impl[field] = _to_str(value, label)
        else:
            self._values[field] = None if value is None else kind.convert(value, label)

    def __delattr__(self, name):
        setattr(self, name, None)

    # -- reading -------------------------------------------------------------------------

    @property
    def implementation_specific(self):
        """The implementation-specific attributes of this instance: a dict name -> str."""
        return self._impl

    def __getattr__(self, name):
        # Only called when normal lookup fails: camelCase spellings and the library's
        # implementation-specific names.
        if name.startswith("_"):
            raise AttributeError(name)
        field = self._aliases.get(name)
        if field is not None:
            return self._values[field]
        if name in _impl_spec_names(self._type_name):
            return self._impl.get(name)
        raise AttributeError("%s has no attribute %r; fields: %s"
                             % (type(self).__name__, name, ", ".join(self._fields)))

    def __dir__(self):
        names = set(dir(type(self))) | set(self._fields)
        names.update(_impl_spec_cache.get(self._type_name, ()))
        return sorted(names)

    def _asdict(self):
        """The fields as an ordered dict, snake_case name -> value (None when unset)."""
        return OrderedDict((field, self._values[field]) for field in self._fields)

    def _replace(self, **fields):
        """A copy of this record with the given fields (either spelling) changed."""
        values = dict((field, value) for field, value in self._values.items()
                      if value is not None)
        copy = type(self)(values, implementation_specific=dict(self._impl))
        copy._update(fields)
        return copy

    def __replace__(self, **fields):
        """``copy.replace(record, **fields)`` (Python 3.13): the same as ``_replace``."""
        return self._replace(**fields)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._values == other._values and self._impl == other._impl

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self):
        parts = ["%s=%s" % (field, _repr_value(self._values[field]))
                 for field in self._fields if self._values[field] is not None]
        if self._impl:
            parts.append("implementation_specific=%r" % (dict(self._impl),))
        return "%s(%s)" % (type(self).__name__, ", ".join(parts))

    def __reduce__(self):
        values = dict((field, value) for field, value in self._values.items()
                      if value is not None)
        return (type(self), (values,), dict(self._impl))

    def __setstate__(self, state):
        self.implementation_specific = state


def _repr_value(value):
    if isinstance(value, (JobState, OperatingSystem, CpuArchitecture, Event)):
        return "%s.%s" % (type(value).__name__, value.name)
    if isinstance(value, (StringList, RecordList)):
        return repr(list(value))
    if isinstance(value, StringDict):
        return repr(dict(value))
    return repr(value)


class JobTemplate(Record):
    """What a job should run and how: given to ``JobSession.run_job`` and
    ``JobSession.run_bulk_jobs``.  Only ``remote_command`` is needed; every other field
    is optional.  Absolute times given without a timezone are taken as UTC."""

    __slots__ = ()
    _type_name = "jtemplate"


class JobInfo(Record):
    """What the DRM system knows about a job (``Job.get_info()``).  Also the filter of
    ``JobSession.get_jobs`` and ``MonitoringSession.get_all_jobs``: set only the fields to
    match on.  Times are timezone-aware UTC datetimes; naive ones given are taken as UTC."""

    __slots__ = ()
    _type_name = "jinfo"


class ReservationTemplate(Record):
    """What an advance reservation should book: given to
    ``ReservationSession.request_reservation``.  Absolute times given without a timezone
    are taken as UTC."""

    __slots__ = ()
    _type_name = "rtemplate"


class SlotInfo(Record):
    """A number of slots on one machine (the machines of a ``ReservationInfo``)."""

    __slots__ = ()
    _type_name = "slotinfo"


class ReservationInfo(Record):
    """What the DRM system knows about an advance reservation (``Reservation.get_info()``).
    Times are timezone-aware UTC datetimes."""

    __slots__ = ()
    _type_name = "rinfo"


class QueueInfo(Record):
    """A queue of the DRM system (``MonitoringSession.get_all_queues()``); its name is what
    ``JobTemplate.queue_name`` takes."""

    __slots__ = ()
    _type_name = "queueinfo"


class Version(Record):
    """A version as two strings, e.g. ``Version(major='2', minor='0')`` (the DRMAA version,
    the DRM system's version, a machine's operating system version)."""

    __slots__ = ()
    _type_name = "version"


class MachineInfo(Record):
    """A machine of the DRM system (``MonitoringSession.get_all_machines()``)."""

    __slots__ = ()
    _type_name = "machineinfo"


class Notification(Record):
    """An event of the DRM system about a job, as given to the callback of
    ``drmaa2.register_event_notification``."""

    __slots__ = ()
    _type_name = "notification"
