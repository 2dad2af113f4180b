"""The fields of the nine DRMAA2 structs: one table, in the standard's order.

Each struct of :data:`STRUCTS` has its C name (``jtemplate`` for ``drmaa2_jtemplate_s``),
the name of the data type that holds it (``JobTemplate``), whether the application creates
it (``drmaa2_*_create``, so that it may be written) and its fields in the order of the
standard's C header (GFD.230), which is also the order of the OGF reference's data types.
Each field has its C name, its C type as the header spells it, its kind of value and, for
an enum, the enum class.  The Python name of a field is its C name in snake_case.

Everything else about a field is derived from this table: the fields of the data types
(``drmaa2.types``), the ctypes structures of every layout profile (``drmaa2._c.structs``,
which applies to the table the few differences each profile declares: a field it lacks,
two fields it swaps, the trailing ``implementationSpecific``) and the conversion of whole
structs (``drmaa2._c.records``).  Adding a field means a row here, its line in
``drmaa2/types.pyi`` and its line in the stub's own header ``tests/stub/drmaa2.h``.

A leaf module (it imports only ``drmaa2.enums``): both the data types and the C layer use
it, and the C layer imports nothing above it.  The data types register themselves here
(:func:`register_data_type`), so that the C layer builds them without importing them.
"""
import re
from collections import OrderedDict

from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem

# Kinds of value: how a field is held in Python and converted to and from C.
STRING = "string"            # drmaa2_string: str
STRINGS = "strings"          # drmaa2_string_list of char *: list of str
DICT = "dict"                # drmaa2_dict: dict of str to str
ENVIRONMENT = "environment"  # drmaa2_dict whose keys are environment variable names
BOOL = "bool"                # drmaa2_bool: bool
COUNT = "count"              # long long, UNSET_NUM (-1) unset: int
INT = "int"                  # int, UNSET_NUM unset: int (32 bits)
PRIORITY = "priority"        # long long whose unset value is the profile's: int
FLOAT = "float"              # float: float
ENUM = "enum"                # an enum, UNSET_ENUM unset: the member of the field's enum class
TIME = "time"                # absolute time_t, UNSET_TIME unset: aware UTC datetime
START_TIME = "start_time"    # a TIME that may also be DRMAA2_NOW (drmaa2.NOW)
DURATION = "duration"        # time_t seconds, UNSET_TIME unset: timedelta
CPU_TIME = "cpu_time"        # long long seconds, UNSET_NUM unset: timedelta
VERSION = "version"          # drmaa2_version: a Version
SLOTINFOS = "slotinfos"      # drmaa2_slotinfo_list: list of SlotInfo
OPAQUE = "opaque"            # void *implementationSpecific: never read or written as a value

KINDS = (STRING, STRINGS, DICT, ENVIRONMENT, BOOL, COUNT, INT, PRIORITY, FLOAT, ENUM, TIME,
         START_TIME, DURATION, CPU_TIME, VERSION, SLOTINFOS, OPAQUE)


def snake_case(c_name):
    """The Python name of a C field name: ``machineOSVersion`` -> ``machine_os_version``."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", c_name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


class Field(object):
    """One field of a struct: C name, Python name, C type, kind and (enums) enum class."""

    __slots__ = ("c_name", "name", "c_type", "kind", "enum_class")

    def __init__(self, c_name, c_type, kind, enum_class=None):
        self.c_name = c_name
        self.name = snake_case(c_name)
        self.c_type = c_type
        self.kind = kind
        self.enum_class = enum_class

    def __repr__(self):
        return "Field(%r, %r, %r)" % (self.c_name, self.c_type, self.kind)


class Struct(object):
    """One struct: its C name, data type name, whether it is writable, its fields; and the
    data type class once ``drmaa2.types`` has registered it."""

    __slots__ = ("name", "type_name", "writable", "fields", "data_type")

    def __init__(self, name, type_name, fields, writable=False):
        self.name = name
        self.type_name = type_name
        self.writable = writable
        self.fields = tuple(fields)
        self.data_type = None

    def __repr__(self):
        return "Struct(%r)" % self.name


_STRING, _LIST, _DICT, _BOOL, _TIME = ("drmaa2_string", "drmaa2_string_list", "drmaa2_dict",
                                       "drmaa2_bool", "time_t")

STRUCTS = OrderedDict((struct.name, struct) for struct in [
    Struct("jtemplate", "JobTemplate", writable=True, fields=[
        Field("remoteCommand", _STRING, STRING),
        Field("args", _LIST, STRINGS),
        Field("submitAsHold", _BOOL, BOOL),
        Field("rerunnable", _BOOL, BOOL),
        Field("jobEnvironment", _DICT, ENVIRONMENT),
        Field("workingDirectory", _STRING, STRING),
        Field("jobCategory", _STRING, STRING),
        Field("email", _LIST, STRINGS),
        Field("emailOnStarted", _BOOL, BOOL),
        Field("emailOnTerminated", _BOOL, BOOL),
        Field("jobName", _STRING, STRING),
        Field("inputPath", _STRING, STRING),
        Field("outputPath", _STRING, STRING),
        Field("errorPath", _STRING, STRING),
        Field("joinFiles", _BOOL, BOOL),
        Field("reservationId", _STRING, STRING),
        Field("queueName", _STRING, STRING),
        Field("minSlots", "long long", COUNT),
        Field("maxSlots", "long long", COUNT),
        Field("priority", "long long", PRIORITY),
        Field("candidateMachines", _LIST, STRINGS),
        Field("minPhysMemory", "long long", COUNT),
        Field("machineOS", "drmaa2_os", ENUM, OperatingSystem),
        Field("machineArch", "drmaa2_cpu", ENUM, CpuArchitecture),
        Field("startTime", _TIME, START_TIME),
        Field("deadlineTime", _TIME, TIME),
        Field("stageInFiles", _DICT, DICT),
        Field("stageOutFiles", _DICT, DICT),
        Field("resourceLimits", _DICT, DICT),
        Field("accountingId", _STRING, STRING),
    ]),
    Struct("jinfo", "JobInfo", writable=True, fields=[  # written as a job filter
        Field("jobId", _STRING, STRING),
        Field("jobName", _STRING, STRING),
        Field("exitStatus", "int", INT),
        Field("terminatingSignal", _STRING, STRING),
        Field("annotation", _STRING, STRING),
        Field("jobState", "drmaa2_jstate", ENUM, JobState),
        Field("jobSubState", _STRING, STRING),
        # Declared a slot info list by the 2016 header, but every implementation fills it
        # with machine names (c-api.md 3.2).
        Field("allocatedMachines", _LIST, STRINGS),
        Field("submissionMachine", _STRING, STRING),
        Field("jobOwner", _STRING, STRING),
        Field("slots", "long long", COUNT),
        Field("queueName", _STRING, STRING),
        Field("wallclockTime", _TIME, DURATION),
        Field("cpuTime", "long long", CPU_TIME),
        Field("submissionTime", _TIME, TIME),
        Field("dispatchTime", _TIME, TIME),
        Field("finishTime", _TIME, TIME),
    ]),
    Struct("rtemplate", "ReservationTemplate", writable=True, fields=[
        Field("reservationName", _STRING, STRING),
        Field("startTime", _TIME, START_TIME),
        Field("endTime", _TIME, TIME),
        Field("duration", _TIME, DURATION),
        Field("minSlots", "long long", COUNT),
        Field("maxSlots", "long long", COUNT),
        Field("jobCategory", _STRING, STRING),
        Field("usersACL", _LIST, STRINGS),
        Field("candidateMachines", _LIST, STRINGS),
        Field("minPhysMemory", "long long", COUNT),
        Field("machineOS", "drmaa2_os", ENUM, OperatingSystem),
        Field("machineArch", "drmaa2_cpu", ENUM, CpuArchitecture),
    ]),
    Struct("rinfo", "ReservationInfo", fields=[
        Field("reservationId", _STRING, STRING),
        Field("reservationName", _STRING, STRING),
        Field("reservedStartTime", _TIME, TIME),
        Field("reservedEndTime", _TIME, TIME),
        Field("usersACL", _LIST, STRINGS),
        Field("reservedSlots", "long long", COUNT),
        Field("reservedMachines", "drmaa2_slotinfo_list", SLOTINFOS),
    ]),
    Struct("slotinfo", "SlotInfo", fields=[
        Field("machineName", _STRING, STRING),
        Field("slots", "long long", COUNT),
    ]),
    Struct("queueinfo", "QueueInfo", fields=[
        Field("name", _STRING, STRING),
    ]),
    Struct("machineinfo", "MachineInfo", fields=[
        Field("name", _STRING, STRING),
        Field("available", _BOOL, BOOL),
        Field("sockets", "long long", COUNT),
        Field("coresPerSocket", "long long", COUNT),
        Field("threadsPerCore", "long long", COUNT),
        Field("load", "float", FLOAT),
        Field("physMemory", "long long", COUNT),
        Field("virtMemory", "long long", COUNT),
        Field("machineOS", "drmaa2_os", ENUM, OperatingSystem),
        Field("machineOSVersion", "drmaa2_version", VERSION),
        Field("machineArch", "drmaa2_cpu", ENUM, CpuArchitecture),
    ]),
    Struct("notification", "Notification", fields=[
        Field("event", "drmaa2_event", ENUM, Event),
        Field("jobId", _STRING, STRING),
        Field("sessionName", _STRING, STRING),
        Field("jobState", "drmaa2_jstate", ENUM, JobState),
    ]),
    Struct("version", "Version", fields=[
        Field("major", _STRING, STRING),
        Field("minor", _STRING, STRING),
    ]),
])

#: The field every struct of the 2016 header ends in; a profile says which structs have it.
IMPLEMENTATION_SPECIFIC = Field("implementationSpecific", "void *", OPAQUE)


def register_data_type(struct_name, data_type):
    """Make ``data_type`` (a class of ``drmaa2.types``) the class the C layer builds for
    the struct ``struct_name`` and accepts for it; ``drmaa2.types`` calls it once per
    class when it defines them."""
    STRUCTS[struct_name].data_type = data_type
