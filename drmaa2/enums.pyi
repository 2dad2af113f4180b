"""Type stubs of drmaa2.enums: the DRMAA2 enumerations."""
from enum import Enum
from typing import Type, TypeVar, Union

_E = TypeVar("_E", bound=Enum)


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


def from_value(enum_class: Type[_E], value: int) -> _E: ...
def to_value(enum_class: Type[_E], member_or_int: Union[_E, int], name: str = ...) -> int: ...
