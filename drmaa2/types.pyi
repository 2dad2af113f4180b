"""Type stubs of drmaa2.types: the DRMAA2 data types.

Attributes have the type they are read as; the constructors accept everything the
fields convert (any iterable for lists, seconds for times and durations, ints for enum
members).  In code checked by mypy, use the snake_case names; reach the library's
implementation-specific attributes through ``implementation_specific[name]``.  The
positional values are one mapping of fields, or the fields' values in the standard's
order (then the implementation-specific attributes), as the reference's namedtuples.
"""
import datetime
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional,
                    Sequence, Tuple, Type, TypeVar, Union, overload)

from drmaa2.constants import _Now
from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem

_Text = Union[str, bytes]
_R = TypeVar("_R", bound="Record")

UTC: datetime.tzinfo

def register_implementation_specific(
        provider: Optional[Callable[[str], Sequence[str]]]
) -> Optional[Callable[[str], Sequence[str]]]: ...


class Record:
    """The base of the DRMAA2 data types."""

    _fields: Tuple[str, ...]

    @property
    def implementation_specific(self) -> Dict[str, str]: ...
    @implementation_specific.setter
    def implementation_specific(self, value: Mapping[_Text, _Text]) -> None: ...
    def _asdict(self) -> Dict[str, Any]: ...
    @classmethod
    def _make(cls: Type[_R], iterable: Iterable[Any]) -> _R: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Tuple[Any, ...]: ...
    def _replace(self: _R, **fields: Any) -> _R: ...
    def __replace__(self: _R, **fields: Any) -> _R: ...


class JobTemplate(Record):
    """What a job should run and how: given to ``JobSession.run_job`` and
    ``JobSession.run_bulk_jobs``.  Only ``remote_command`` is needed; every other field
    is optional.  Absolute times given without a timezone are taken as UTC."""

    remote_command: Optional[str]
    args: Optional[List[str]]
    submit_as_hold: Optional[bool]
    rerunnable: Optional[bool]
    job_environment: Optional[Dict[str, str]]
    working_directory: Optional[str]
    job_category: Optional[str]
    email: Optional[List[str]]
    email_on_started: Optional[bool]
    email_on_terminated: Optional[bool]
    job_name: Optional[str]
    input_path: Optional[str]
    output_path: Optional[str]
    error_path: Optional[str]
    join_files: Optional[bool]
    reservation_id: Optional[str]
    queue_name: Optional[str]
    min_slots: Optional[int]
    max_slots: Optional[int]
    priority: Optional[int]
    candidate_machines: Optional[List[str]]
    min_phys_memory: Optional[int]
    machine_os: Optional[OperatingSystem]
    machine_arch: Optional[CpuArchitecture]
    start_time: Optional[Union[datetime.datetime, _Now]]
    deadline_time: Optional[datetime.datetime]
    stage_in_files: Optional[Dict[str, str]]
    stage_out_files: Optional[Dict[str, str]]
    resource_limits: Optional[Dict[str, str]]
    accounting_id: Optional[str]

    def __init__(self, *values: Any,
                 remote_command: Optional[_Text] = ...,
                 args: Optional[Iterable[_Text]] = ...,
                 submit_as_hold: Optional[bool] = ...,
                 rerunnable: Optional[bool] = ...,
                 job_environment: Optional[Mapping[_Text, _Text]] = ...,
                 working_directory: Optional[_Text] = ...,
                 job_category: Optional[_Text] = ...,
                 email: Optional[Iterable[_Text]] = ...,
                 email_on_started: Optional[bool] = ...,
                 email_on_terminated: Optional[bool] = ...,
                 job_name: Optional[_Text] = ...,
                 input_path: Optional[_Text] = ...,
                 output_path: Optional[_Text] = ...,
                 error_path: Optional[_Text] = ...,
                 join_files: Optional[bool] = ...,
                 reservation_id: Optional[_Text] = ...,
                 queue_name: Optional[_Text] = ...,
                 min_slots: Optional[int] = ...,
                 max_slots: Optional[int] = ...,
                 priority: Optional[int] = ...,
                 candidate_machines: Optional[Iterable[_Text]] = ...,
                 min_phys_memory: Optional[int] = ...,
                 machine_os: Optional[Union[OperatingSystem, int]] = ...,
                 machine_arch: Optional[Union[CpuArchitecture, int]] = ...,
                 start_time: Optional[Union[datetime.datetime, float, _Now]] = ...,
                 deadline_time: Optional[Union[datetime.datetime, float]] = ...,
                 stage_in_files: Optional[Mapping[_Text, _Text]] = ...,
                 stage_out_files: Optional[Mapping[_Text, _Text]] = ...,
                 resource_limits: Optional[Mapping[_Text, _Text]] = ...,
                 accounting_id: Optional[_Text] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class JobInfo(Record):
    """What the DRM system knows about a job (``Job.get_info()``).  Also the filter of
    ``JobSession.get_jobs`` and ``MonitoringSession.get_all_jobs``: set only the fields to
    match on.  Times are timezone-aware UTC datetimes; naive ones given are taken as UTC."""

    job_id: Optional[str]
    job_name: Optional[str]
    exit_status: Optional[int]
    terminating_signal: Optional[str]
    annotation: Optional[str]
    job_state: Optional[JobState]
    job_sub_state: Optional[str]
    allocated_machines: Optional[List[str]]
    submission_machine: Optional[str]
    job_owner: Optional[str]
    slots: Optional[int]
    queue_name: Optional[str]
    wallclock_time: Optional[datetime.timedelta]
    cpu_time: Optional[datetime.timedelta]
    submission_time: Optional[datetime.datetime]
    dispatch_time: Optional[datetime.datetime]
    finish_time: Optional[datetime.datetime]

    def __init__(self, *values: Any,
                 job_id: Optional[_Text] = ...,
                 job_name: Optional[_Text] = ...,
                 exit_status: Optional[int] = ...,
                 terminating_signal: Optional[_Text] = ...,
                 annotation: Optional[_Text] = ...,
                 job_state: Optional[Union[JobState, int]] = ...,
                 job_sub_state: Optional[_Text] = ...,
                 allocated_machines: Optional[Iterable[_Text]] = ...,
                 submission_machine: Optional[_Text] = ...,
                 job_owner: Optional[_Text] = ...,
                 slots: Optional[int] = ...,
                 queue_name: Optional[_Text] = ...,
                 wallclock_time: Optional[Union[datetime.timedelta, float]] = ...,
                 cpu_time: Optional[Union[datetime.timedelta, float]] = ...,
                 submission_time: Optional[Union[datetime.datetime, float]] = ...,
                 dispatch_time: Optional[Union[datetime.datetime, float]] = ...,
                 finish_time: Optional[Union[datetime.datetime, float]] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class ReservationTemplate(Record):
    """What an advance reservation should book: given to
    ``ReservationSession.request_reservation``.  Absolute times given without a timezone
    are taken as UTC."""

    reservation_name: Optional[str]
    start_time: Optional[Union[datetime.datetime, _Now]]
    end_time: Optional[datetime.datetime]
    duration: Optional[datetime.timedelta]
    min_slots: Optional[int]
    max_slots: Optional[int]
    job_category: Optional[str]
    users_acl: Optional[List[str]]
    candidate_machines: Optional[List[str]]
    min_phys_memory: Optional[int]
    machine_os: Optional[OperatingSystem]
    machine_arch: Optional[CpuArchitecture]

    def __init__(self, *values: Any,
                 reservation_name: Optional[_Text] = ...,
                 start_time: Optional[Union[datetime.datetime, float, _Now]] = ...,
                 end_time: Optional[Union[datetime.datetime, float]] = ...,
                 duration: Optional[Union[datetime.timedelta, float]] = ...,
                 min_slots: Optional[int] = ...,
                 max_slots: Optional[int] = ...,
                 job_category: Optional[_Text] = ...,
                 users_acl: Optional[Iterable[_Text]] = ...,
                 candidate_machines: Optional[Iterable[_Text]] = ...,
                 min_phys_memory: Optional[int] = ...,
                 machine_os: Optional[Union[OperatingSystem, int]] = ...,
                 machine_arch: Optional[Union[CpuArchitecture, int]] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class ReservationInfo(Record):
    """What the DRM system knows about an advance reservation (``Reservation.get_info()``).
    Times are timezone-aware UTC datetimes."""

    reservation_id: Optional[str]
    reservation_name: Optional[str]
    reserved_start_time: Optional[datetime.datetime]
    reserved_end_time: Optional[datetime.datetime]
    users_acl: Optional[List[str]]
    reserved_slots: Optional[int]
    reserved_machines: Optional[List[SlotInfo]]

    def __init__(self, *values: Any,
                 reservation_id: Optional[_Text] = ...,
                 reservation_name: Optional[_Text] = ...,
                 reserved_start_time: Optional[Union[datetime.datetime, float]] = ...,
                 reserved_end_time: Optional[Union[datetime.datetime, float]] = ...,
                 users_acl: Optional[Iterable[_Text]] = ...,
                 reserved_slots: Optional[int] = ...,
                 reserved_machines: Optional[Iterable[SlotInfo]] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class SlotInfo(Record):
    """A number of slots on one machine (the machines of a ``ReservationInfo``)."""

    machine_name: Optional[str]
    slots: Optional[int]

    def __init__(self, *values: Any,
                 machine_name: Optional[_Text] = ...,
                 slots: Optional[int] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class QueueInfo(Record):
    """A queue of the DRM system (``MonitoringSession.get_all_queues()``); its name is what
    ``JobTemplate.queue_name`` takes."""

    name: Optional[str]

    def __init__(self, *values: Any,
                 name: Optional[_Text] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class Version(Record):
    """A version as two strings, e.g. ``Version(major='2', minor='0')`` (the DRMAA version,
    the DRM system's version, a machine's operating system version)."""

    major: Optional[str]
    minor: Optional[str]

    def __init__(self, *values: Any,
                 major: Optional[_Text] = ...,
                 minor: Optional[_Text] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class MachineInfo(Record):
    """A machine of the DRM system (``MonitoringSession.get_all_machines()``)."""

    name: Optional[str]
    available: Optional[bool]
    sockets: Optional[int]
    cores_per_socket: Optional[int]
    threads_per_core: Optional[int]
    load: Optional[float]
    phys_memory: Optional[int]
    virt_memory: Optional[int]
    machine_os: Optional[OperatingSystem]
    machine_os_version: Optional[Version]
    machine_arch: Optional[CpuArchitecture]

    def __init__(self, *values: Any,
                 name: Optional[_Text] = ...,
                 available: Optional[bool] = ...,
                 sockets: Optional[int] = ...,
                 cores_per_socket: Optional[int] = ...,
                 threads_per_core: Optional[int] = ...,
                 load: Optional[float] = ...,
                 phys_memory: Optional[int] = ...,
                 virt_memory: Optional[int] = ...,
                 machine_os: Optional[Union[OperatingSystem, int]] = ...,
                 machine_os_version: Optional[Version] = ...,
                 machine_arch: Optional[Union[CpuArchitecture, int]] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...


class Notification(Record):
    """An event of the DRM system about a job, as given to the callback of
    ``drmaa2.register_event_notification``."""

    event: Optional[Event]
    job_id: Optional[str]
    session_name: Optional[str]
    job_state: Optional[JobState]

    def __init__(self, *values: Any,
                 event: Optional[Union[Event, int]] = ...,
                 job_id: Optional[_Text] = ...,
                 session_name: Optional[_Text] = ...,
                 job_state: Optional[Union[JobState, int]] = ...,
                 implementation_specific: Optional[Mapping[_Text, _Text]] = ...) -> None: ...
