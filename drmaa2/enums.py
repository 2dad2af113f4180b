"""The DRMAA2 enumerations: job states, operating systems, CPU architectures, events and
capabilities, with the values of the DRMAA2 C API and the names of the OGF reference.

A library may hand back a value that none of these members has (a vendor's extra job
state, for instance Grid Engine's RUNNING_HELD = 9).  Such values never raise: use
:func:`from_value`, which returns the documented fallback member of the enumeration
(``JobState.UNDETERMINED``, ``OperatingSystem.OTHER_OS``, ``CpuArchitecture.OTHER_CPU``,
``Event.ATTRIBUTE_CHANGE``); the caller keeps the raw number where it matters.
"""
from enum import Enum

from drmaa2.exceptions import InvalidArgumentException

__all__ = ["JobState", "OperatingSystem", "CpuArchitecture", "Event", "Capability",
           "from_value", "to_value"]


class JobState(Enum):
    """The state of a job in the DRMAA2 state model."""
    UNDETERMINED = 0
    QUEUED = 1
    QUEUED_HELD = 2
    RUNNING = 3
    SUSPENDED = 4
    REQUEUED = 5
    REQUEUED_HELD = 6
    DONE = 7
    FAILED = 8


class OperatingSystem(Enum):
    """The operating system of a machine (job and reservation templates, machine info)."""
    OTHER_OS = 0
    AIX = 1
    BSD = 2
    LINUX = 3
    HPUX = 4
    IRIX = 5
    MACOS = 6
    SUNOS = 7
    TRU64 = 8
    UNIXWARE = 9
    WIN = 10
    WINNT = 11


class CpuArchitecture(Enum):
    """The processor architecture of a machine (job and reservation templates, machine info)."""
    OTHER_CPU = 0
    ALPHA = 1
    ARM = 2
    ARM64 = 3
    CELL = 4
    PARISC = 5
    PARISC64 = 6
    X86 = 7
    X64 = 8
    IA64 = 9
    MIPS = 10
    MIPS64 = 11
    PPC = 12
    PPC64 = 13
    SPARC = 14
    SPARC64 = 15
    PPC64LE = 16


class Event(Enum):
    """The kind of event an event notification reports."""
    NEW_STATE = 0
    MIGRATED = 1
    ATTRIBUTE_CHANGE = 2


class Capability(Enum):
    """An optional feature of the DRMAA2 library, as asked with ``supports()``."""
    ADVANCE_RESERVATION = 0
    RESERVE_SLOTS = 1
    CALLBACK = 2
    BULK_JOBS_MAXPARALLEL = 3
    JT_EMAIL = 4
    JT_STAGING = 5
    JT_DEADLINE = 6
    JT_MAXSLOTS = 7
    JT_ACCOUNTINGID = 8
    RT_STARTNOW = 9
    RT_DURATION = 10
    RT_MACHINEOS = 11
    RT_MACHINEARCH = 12


_FALLBACKS = {
    JobState: JobState.UNDETERMINED,
    OperatingSystem: OperatingSystem.OTHER_OS,
    CpuArchitecture: CpuArchitecture.OTHER_CPU,
    Event: Event.ATTRIBUTE_CHANGE,
}


#: Per enumeration, its members by value (filled on first use): a C state or enum
#: becomes its member without the cost of calling the enumeration.
_MEMBERS = {}


def from_value(enum_class, value):
    """Return the member of ``enum_class`` whose value is the integer ``value``.

    A value the enumeration does not know returns the enumeration's fallback member
    (see the module documentation); ``Capability`` has none and raises ``ValueError``.
    """
    members = _MEMBERS.get(enum_class)
    if members is None:
        members = _MEMBERS[enum_class] = dict((member.value, member) for member in enum_class)
    try:
        member = members.get(value)
    except TypeError:  # unhashable: no value of any enumeration
        member = None
    if member is not None:
        return member
    try:
        return enum_class(value)
    except ValueError:
        if enum_class in _FALLBACKS:
            return _FALLBACKS[enum_class]
        raise


def to_value(enum_class, member_or_int, name="value"):
    """Return the C integer of ``member_or_int``: a member of ``enum_class`` or its int.

    Anything else raises ``TypeError`` (wrong type) or ``InvalidArgumentException`` (an
    int that is no value of the enumeration; also a ``ValueError``), naming ``name``.
    """
    if isinstance(member_or_int, enum_class):
        return member_or_int.value
    if isinstance(member_or_int, bool) or not isinstance(member_or_int, _INTEGER_TYPES):
        raise TypeError("%s must be a %s member or its int value, not %r"
                        % (name, enum_class.__name__, member_or_int))
    try:
        return enum_class(member_or_int).value
    except ValueError:
        raise InvalidArgumentException("%s: %r is no %s value (valid: %s)"
                         % (name, member_or_int, enum_class.__name__,
                            ", ".join("%s=%d" % (m.name, m.value) for m in enum_class)))


try:
    _INTEGER_TYPES = (int, long)  # noqa: F821 (Python 2)
except NameError:
    _INTEGER_TYPES = (int,)
