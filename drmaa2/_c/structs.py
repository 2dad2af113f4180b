"""The ctypes declarations of the DRMAA2 public structs, one set per layout profile.

Field names and order are the C header's.  Strings, lists, dicts and nested struct
pointers are ``c_void_p`` (never ``c_char_p``: the library frees what those fields hold,
so they must only ever hold memory the C allocator gave).  Enums and ``drmaa2_bool`` are
``c_int``; absolute times and durations ``time_t`` (``c_long``); counts ``long long``.

These classes describe memory the library allocated; they are never instantiated from
Python (``drmaa2_*_create`` or a library result is the only source of a struct), only
reached with ``ctypes.cast(pointer, POINTER(cls))``.
"""
import ctypes

c_time_t = ctypes.c_long
c_string = ctypes.c_void_p      # drmaa2_string: char *, owned by the struct
c_list = ctypes.c_void_p        # drmaa2_list and its aliases
c_dict = ctypes.c_void_p        # drmaa2_dict
c_enum = ctypes.c_int           # every DRMAA2 enum and drmaa2_bool
c_pointer = ctypes.c_void_p     # implementationSpecific, drmaa2_version in machine info

IMPL_SPECIFIC = ("implementationSpecific", c_pointer)

JTEMPLATE_FIELDS = [
    ("remoteCommand", c_string),
    ("args", c_list),
    ("submitAsHold", c_enum),
    ("rerunnable", c_enum),
    ("jobEnvironment", c_dict),
    ("workingDirectory", c_string),
    ("jobCategory", c_string),
    ("email", c_list),
    ("emailOnStarted", c_enum),
    ("emailOnTerminated", c_enum),
    ("jobName", c_string),
    ("inputPath", c_string),
    ("outputPath", c_string),
    ("errorPath", c_string),
    ("joinFiles", c_enum),
    ("reservationId", c_string),
    ("queueName", c_string),
    ("minSlots", ctypes.c_longlong),
    ("maxSlots", ctypes.c_longlong),
    ("priority", ctypes.c_longlong),
    ("candidateMachines", c_list),
    ("minPhysMemory", ctypes.c_longlong),
    ("machineOS", c_enum),
    ("machineArch", c_enum),
    ("startTime", c_time_t),
    ("deadlineTime", c_time_t),
    ("stageInFiles", c_dict),
    ("stageOutFiles", c_dict),
    ("resourceLimits", c_dict),
    ("accountingId", c_string),
]


def _jinfo_fields(with_job_name):
    fields = [("jobId", c_string)]
    if with_job_name:
        fields.append(("jobName", c_string))
    fields += [
        ("exitStatus", ctypes.c_int),
        ("terminatingSignal", c_string),
        ("annotation", c_string),
        ("jobState", c_enum),
        ("jobSubState", c_string),
        ("allocatedMachines", c_list),
        ("submissionMachine", c_string),
        ("jobOwner", c_string),
        ("slots", ctypes.c_longlong),
        ("queueName", c_string),
        ("wallclockTime", c_time_t),
        ("cpuTime", ctypes.c_longlong),
        ("submissionTime", c_time_t),
        ("dispatchTime", c_time_t),
        ("finishTime", c_time_t),
    ]
    return fields


RTEMPLATE_FIELDS = [
    ("reservationName", c_string),
    ("startTime", c_time_t),
    ("endTime", c_time_t),
    ("duration", c_time_t),
    ("minSlots", ctypes.c_longlong),
    ("maxSlots", ctypes.c_longlong),
    ("jobCategory", c_string),
    ("usersACL", c_list),
    ("candidateMachines", c_list),
    ("minPhysMemory", ctypes.c_longlong),
    ("machineOS", c_enum),
    ("machineArch", c_enum),
]

RINFO_FIELDS = [
    ("reservationId", c_string),
    ("reservationName", c_string),
    ("reservedStartTime", c_time_t),
    ("reservedEndTime", c_time_t),
    ("usersACL", c_list),
    ("reservedSlots", ctypes.c_longlong),
    ("reservedMachines", c_list),
]

SLOTINFO_FIELDS = [("machineName", c_string), ("slots", ctypes.c_longlong)]
QUEUEINFO_FIELDS = [("name", c_string)]
NOTIFICATION_FIELDS = [
    ("event", c_enum),
    ("jobId", c_string),
    ("sessionName", c_string),
    ("jobState", c_enum),
]
VERSION_FIELDS = [("major", c_string), ("minor", c_string)]


def _machineinfo_fields(arch_first):
    first, last = (("machineArch", c_enum), ("machineOS", c_enum))
    if not arch_first:
        first, last = last, first
    return [
        ("name", c_string),
        ("available", c_enum),
        ("sockets", ctypes.c_longlong),
        ("coresPerSocket", ctypes.c_longlong),
        ("threadsPerCore", ctypes.c_longlong),
        ("load", ctypes.c_float),
        ("physMemory", ctypes.c_longlong),
        ("virtMemory", ctypes.c_longlong),
        first,
        ("machineOSVersion", c_pointer),
        last,
    ]


class StructSet(object):
    """The nine struct classes of one profile, as attributes named like the C types
    without prefix: ``jtemplate``, ``jinfo``, ``rtemplate``, ``rinfo``, ``slotinfo``,
    ``queueinfo``, ``machineinfo``, ``notification``, ``version``."""

    def __init__(self, profile):
        fields = {
            "jtemplate": JTEMPLATE_FIELDS,
            "jinfo": _jinfo_fields(profile.jinfo_has_job_name),
            "rtemplate": RTEMPLATE_FIELDS,
            "rinfo": RINFO_FIELDS,
            "slotinfo": SLOTINFO_FIELDS,
            "queueinfo": QUEUEINFO_FIELDS,
            "machineinfo": _machineinfo_fields(profile.machine_arch_first),
            "notification": NOTIFICATION_FIELDS,
            "version": VERSION_FIELDS,
        }
        self.profile = profile
        for name, field_list in fields.items():
            if name in profile.impl_specific:
                field_list = field_list + [IMPL_SPECIFIC]
            struct = type(str("drmaa2_%s_s_%s" % (name, profile.name)), (ctypes.Structure,),
                          {"_fields_": field_list})
            setattr(self, name, struct)

    def view(self, name, address):
        """The struct ``name`` at ``address`` (memory the library owns), for reading and
        writing its fields."""
        return ctypes.cast(address, ctypes.POINTER(getattr(self, name))).contents


_CACHE = {}


def struct_set(profile):
    """The (cached) StructSet of ``profile``."""
    if profile.name not in _CACHE:
        _CACHE[profile.name] = StructSet(profile)
    return _CACHE[profile.name]
