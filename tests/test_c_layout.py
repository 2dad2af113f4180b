"""The struct layouts of every profile, read and written over fake struct memory laid out
byte by byte as each vendor's header has it (offsets measured in c-api.md, x86-64 LP64),
and the choice of profile."""
import ctypes
import datetime
import logging

import pytest

from drmaa2._c import profiles
from drmaa2._c.containers import Containers, libc_free
from drmaa2._c.records import Records
from drmaa2._c.structs import struct_set
from drmaa2._fields import STRUCTS
from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem
from drmaa2.exceptions import InvalidArgumentException
from drmaa2.types import UTC, JobInfo

PROFILE_NAMES = ["gfd198", "uge83", "gfd230", "uge"]

# c-api.md section 2: sizes per profile (gfd198, uge83, gfd230, uge).
SIZES = {
    "jtemplate": (216, 224, 224, 224),
    "jinfo": (128, 136, 144, 144),
    "rtemplate": (88, 96, 96, 96),
    "rinfo": (56, 64, 64, 64),
    "slotinfo": (16, 16, 24, 24),
    "queueinfo": (8, 16, 16, 16),
    "machineinfo": (88, 96, 96, 96),
    "notification": (32, 32, 40, 40),
    "version": (16, 16, 24, 24),
}


def records_for(profile_name):
    profile = profiles.PROFILES[profile_name]
    return Records(None, Containers(None), struct_set(profile), profile, lambda name: [])


class FakeMemory(object):
    """Zeroed bytes a test lays a struct into at given offsets."""

    def __init__(self, size):
        self.buffer = ctypes.create_string_buffer(size)
        self.keep = []

    @property
    def address(self):
        return ctypes.addressof(self.buffer)

    def put(self, offset, ctype, value):
        ctype.from_buffer(self.buffer, offset).value = value

    def get(self, offset, ctype):
        return ctype.from_buffer(self.buffer, offset).value

    def put_string(self, offset, text):
        data = ctypes.create_string_buffer(text.encode("utf-8"))
        self.keep.append(data)
        self.put(offset, ctypes.c_void_p, ctypes.addressof(data))
        return data


@pytest.mark.parametrize("index,profile_name", list(enumerate(PROFILE_NAMES)))
def test_struct_sizes_match_the_vendor_headers(index, profile_name):
    structs = struct_set(profiles.PROFILES[profile_name])
    for name, sizes in SIZES.items():
        assert ctypes.sizeof(getattr(structs, name)) == sizes[index], name


def test_the_2016_jtemplate_offsets():
    jt = struct_set(profiles.PROFILES["gfd230"]).jtemplate
    assert (jt.submitAsHold.offset, jt.minSlots.offset, jt.machineArch.offset,
            jt.startTime.offset, jt.accountingId.offset,
            jt.implementationSpecific.offset) == (16, 120, 164, 168, 208, 216)


def machine_memory(os_offset, arch_offset):
    """A machine info as a vendor writes it: Linux on x86-64, OS and arch where given."""
    memory = FakeMemory(96)
    memory.put_string(0, "node1")
    memory.put(8, ctypes.c_int, 1)
    memory.put(16, ctypes.c_longlong, 2)
    memory.put(24, ctypes.c_longlong, 8)
    memory.put(32, ctypes.c_longlong, 2)
    memory.put(40, ctypes.c_float, 0.5)
    memory.put(48, ctypes.c_longlong, 16 * 1024 * 1024)
    memory.put(56, ctypes.c_longlong, 32 * 1024 * 1024)
    memory.put(os_offset, ctypes.c_int, OperatingSystem.LINUX.value)
    memory.put(arch_offset, ctypes.c_int, CpuArchitecture.X64.value)
    version = FakeMemory(24)
    version.put_string(0, "6")
    version.put_string(8, "1")
    memory.keep.append(version)
    memory.put(72, ctypes.c_void_p, version.address)
    return memory


@pytest.mark.parametrize("profile_name,os_offset,arch_offset", [
    ("gfd198", 64, 80), ("gfd230", 64, 80), ("uge83", 80, 64), ("uge", 80, 64)])
def test_machine_info_reads_os_and_arch_where_each_profile_keeps_them(
        profile_name, os_offset, arch_offset):
    memory = machine_memory(os_offset, arch_offset)
    info = records_for(profile_name).read("machineinfo", memory.address)
    assert info.machine_os is OperatingSystem.LINUX
    assert info.machine_arch is CpuArchitecture.X64
    assert (info.name, info.available, info.sockets, info.cores_per_socket,
            info.threads_per_core, info.load, info.phys_memory, info.virt_memory) == \
        ("node1", True, 2, 8, 2, 0.5, 16 * 1024 * 1024, 32 * 1024 * 1024)
    assert (info.machine_os_version.major, info.machine_os_version.minor) == ("6", "1")


def test_reading_uge_memory_with_the_standard_layout_would_swap_os_and_arch():
    memory = machine_memory(os_offset=80, arch_offset=64)
    wrong = records_for("gfd230").read("machineinfo", memory.address)
    right = records_for("uge").read("machineinfo", memory.address)
    assert (wrong.machine_os, wrong.machine_arch) != (right.machine_os, right.machine_arch)
    assert (right.machine_os, right.machine_arch) == (OperatingSystem.LINUX,
                                                      CpuArchitecture.X64)


def jinfo_memory(with_job_name):
    """A finished job's info, laid out as the 2016 (job name) or 2012 header has it."""
    shift = 8 if with_job_name else 0
    memory = FakeMemory(144)
    memory.put_string(0, "42")
    if with_job_name:
        memory.put_string(8, "analysis")
    memory.put(8 + shift, ctypes.c_int, 3)
    memory.put_string(16 + shift, "SIGKILL")
    memory.put_string(24 + shift, "note")
    memory.put(32 + shift, ctypes.c_int, JobState.FAILED.value)
    memory.put_string(40 + shift, "killed")
    memory.put_string(56 + shift, "submithost")
    memory.put_string(64 + shift, "alice")
    memory.put(72 + shift, ctypes.c_longlong, 4)
    memory.put_string(80 + shift, "all.q")
    memory.put(88 + shift, ctypes.c_long, 61)
    memory.put(96 + shift, ctypes.c_longlong, 59)
    memory.put(104 + shift, ctypes.c_long, 1000)
    memory.put(112 + shift, ctypes.c_long, 1010)
    memory.put(120 + shift, ctypes.c_long, -3)
    return memory


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
def test_job_info_reads_every_field_in_each_layout(profile_name):
    profile = profiles.PROFILES[profile_name]
    memory = jinfo_memory(profile.jinfo_has_job_name)
    info = records_for(profile_name).read("jinfo", memory.address)
    assert info == JobInfo(
        job_id="42", job_name="analysis" if profile.jinfo_has_job_name else None,
        exit_status=3, terminating_signal="SIGKILL", annotation="note",
        job_state=JobState.FAILED, job_sub_state="killed", allocated_machines=None,
        submission_machine="submithost", job_owner="alice", slots=4, queue_name="all.q",
        wallclock_time=datetime.timedelta(seconds=61), cpu_time=datetime.timedelta(seconds=59),
        submission_time=datetime.datetime(1970, 1, 1, 0, 16, 40, tzinfo=UTC),
        dispatch_time=datetime.datetime(1970, 1, 1, 0, 16, 50, tzinfo=UTC), finish_time=None)


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
def test_a_job_filter_writes_unset_values_at_each_layouts_offsets(profile_name):
    profile = profiles.PROFILES[profile_name]
    shift = 8 if profile.jinfo_has_job_name else 0
    memory = FakeMemory(144)
    records_for(profile_name).write("jinfo", memory.address,
                                    JobInfo(job_state=JobState.RUNNING, slots=2),
                                    unset_all=True)
    assert memory.get(8 + shift, ctypes.c_int) == -1                 # exitStatus
    assert memory.get(32 + shift, ctypes.c_int) == JobState.RUNNING.value
    assert memory.get(72 + shift, ctypes.c_longlong) == 2             # slots
    assert memory.get(88 + shift, ctypes.c_long) == -3                # wallclockTime
    assert memory.get(96 + shift, ctypes.c_longlong) == -1            # cpuTime
    assert memory.get(120 + shift, ctypes.c_long) == -3               # finishTime
    if profile.jinfo_has_job_name:
        assert memory.get(8, ctypes.c_void_p) is None                 # jobName


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
def test_a_string_written_into_a_struct_is_a_c_copy(profile_name):
    memory = FakeMemory(144)
    records_for(profile_name).write("jinfo", memory.address, JobInfo(job_id=u"j\xe9"),
                                    unset_all=True)
    address = memory.get(0, ctypes.c_void_p)
    try:
        assert ctypes.string_at(address) == b"j\xc3\xa9"
    finally:
        libc_free(address)


@pytest.mark.parametrize("profile_name,unset", [("gfd230", -1), ("uge", -99999)])
def test_priority_unset_is_the_profiles_value(profile_name, unset):
    from drmaa2.types import JobTemplate
    memory = FakeMemory(224)
    memory.put(136, ctypes.c_longlong, unset)
    template = records_for(profile_name).read("jtemplate", memory.address)
    assert template.priority is None
    memory.put(136, ctypes.c_longlong, 5)
    assert records_for(profile_name).read("jtemplate", memory.address) == \
        JobTemplate(priority=5, submit_as_hold=False, rerunnable=False, email_on_started=False,
                    email_on_terminated=False, join_files=False, min_slots=0, max_slots=0,
                    min_phys_memory=0, machine_os=OperatingSystem.OTHER_OS,
                    machine_arch=CpuArchitecture.OTHER_CPU,
                    start_time=datetime.datetime(1970, 1, 1, tzinfo=UTC),
                    deadline_time=datetime.datetime(1970, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
def test_notification_slotinfo_queueinfo_and_unknown_values(profile_name):
    records = records_for(profile_name)
    notification = FakeMemory(40)
    notification.put(0, ctypes.c_int, Event.NEW_STATE.value)
    notification.put_string(8, "7")
    notification.put_string(16, "session")
    notification.put(24, ctypes.c_int, 9)  # Grid Engine's RUNNING_HELD: unknown here
    read = records.read("notification", notification.address)
    assert (read.event, read.job_id, read.session_name, read.job_state) == \
        (Event.NEW_STATE, "7", "session", JobState.UNDETERMINED)
    slot = FakeMemory(24)
    slot.put_string(0, "node2")
    slot.put(8, ctypes.c_longlong, 3)
    assert (records.read("slotinfo", slot.address).machine_name,
            records.read("slotinfo", slot.address).slots) == ("node2", 3)
    queue = FakeMemory(16)
    queue.put_string(0, "short")
    assert records.read("queueinfo", queue.address).name == "short"


# ------------------------------------------------------------------ choosing a profile

@pytest.mark.parametrize("drms,drmaa,probe,expected", [
    ("drmaa2-stub", "drmaa2-stub", False, "gfd230"),
    (None, "drmaa2-mock", True, "gfd198"),
    (None, " DRMAA2-Mock ", None, "gfd198"),
    ("Univa Grid Engine", "Univa DRMAA2", False, "uge"),
    ("Univa Grid Engine", None, True, "uge83"),
    ("x", "Univa Grid Engine Drmaa V2", None, "uge"),
    ("PBS Professional", "PBS DRMAA2", False, "gfd230"),
    # Names no source gives fall back to the probes, and a known name inside a longer
    # one is no match.
    ("Son of Grid Engine", None, True, "gfd198"),
    ("Altair Grid Engine", "x", False, "gfd230"),
    ("huge-cluster", "uge", False, "gfd230"),
    ("Univa Grid Engine clone", "not drmaa2-mock", True, "gfd198"),
    (None, None, True, "gfd198"),
    (None, None, None, "gfd230"),
])
def test_profile_choice_from_names_and_the_job_info_probe(drms, drmaa, probe, expected):
    profile, reason = profiles.choose_profile(None, drms, drmaa, probe)
    assert profile.name == expected
    assert reason


def test_drmaa2_layout_overrides_the_names():
    profile, reason = profiles.choose_profile("uge", "drmaa2-stub", None, False)
    assert profile.name == "uge"
    assert "DRMAA2_LAYOUT" in reason


@pytest.mark.parametrize("override,probe", [("uge83", False), ("gfd198", False),
                                            ("gfd230", True), ("uge", True)])
def test_a_layout_the_probe_contradicts_is_refused_unless_forced(override, probe, caplog):
    with pytest.raises(InvalidArgumentException) as caught:
        profiles.choose_profile(override, "drmaa2-stub", None, probe)
    message = str(caught.value)
    found = "2012 layout" if probe else "2016 layout"
    assert "DRMAA2_LAYOUT=%s is refused" % override in message
    assert "job info probe found the %s" % found in message
    assert "DRMAA2_LAYOUT_FORCE=1" in message and "own risk" in message
    caplog.set_level(logging.WARNING, logger="drmaa2")
    profile, reason = profiles.choose_profile(override, "drmaa2-stub", None, probe, "1")
    assert profile.name == override and "forced" in reason
    assert any("DRMAA2_LAYOUT_FORCE=1" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("override", PROFILE_NAMES)
def test_an_inconclusive_probe_contradicts_no_layout(override):
    assert profiles.choose_profile(override, None, None, None)[0].name == override


def test_what_no_probe_checks_is_taken_and_logged(caplog):
    caplog.set_level(logging.WARNING, logger="drmaa2")
    profile, _ = profiles.choose_profile("uge", "drmaa2-stub", None, False)
    assert profile.name == "uge"
    (record,) = caplog.records
    assert "DRMAA2_LAYOUT=uge taken unchecked" in record.getMessage()
    assert "architecture before the OS" in record.getMessage()
    caplog.clear()
    profiles.choose_profile("gfd230", "drmaa2-stub", None, False)  # what it would be
    assert caplog.records == []


def test_a_force_value_other_than_1_is_refused():
    with pytest.raises(InvalidArgumentException) as caught:
        profiles.choose_profile("uge83", None, None, False, "yes")
    assert "DRMAA2_LAYOUT_FORCE='yes'" in str(caught.value)


def test_an_unknown_layout_names_the_valid_profiles():
    with pytest.raises(InvalidArgumentException) as caught:
        profiles.choose_profile("pbs", None, None, None)
    assert all(name in str(caught.value) for name in PROFILE_NAMES)


def test_the_job_info_probe():
    assert profiles.jinfo_probe(-1, None) is True      # 2012: exitStatus -1
    assert profiles.jinfo_probe(0, -1) is False        # 2016: jobName NULL, jobState -1
    assert profiles.jinfo_probe(0, 0) is None          # 2012 with exitStatus 0 (or NULL
    assert profiles.jinfo_probe(0x1234, None) is None  # jobSubState), or a set jobName


UNSET_BY_KIND = {"string": None, "strings": None, "dict": None, "version": None,
                 "slotinfos": None, "bool": 0, "count": -1, "int": -1, "priority": -1,
                 "cpu_time": -1, "float": -1.0, "enum": -1, "time": -3, "duration": -3}


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
@pytest.mark.parametrize("struct_name", ["rinfo", "slotinfo", "queueinfo", "machineinfo",
                                         "notification", "version"])
def test_read_only_structs_with_every_field_unset_read_as_unset(profile_name, struct_name):
    records = records_for(profile_name)
    memory = FakeMemory(ctypes.sizeof(getattr(records.structs, struct_name)))
    view = records.structs.view(struct_name, memory.address)
    for spec in STRUCTS[struct_name].fields:
        setattr(view, spec.c_name, UNSET_BY_KIND[spec.kind])
    read = records.read(struct_name, memory.address)
    expected = dict.fromkeys(read._fields)
    if struct_name == "machineinfo":
        expected["available"] = False  # DRMAA2_UNSET_BOOL is DRMAA2_FALSE
    assert read._asdict() == expected


def test_an_impl_specific_attribute_the_instance_lacks_reads_as_unset(mocker):
    value = ctypes.create_string_buffer(b"fast")

    def get_instance_value(address, name):
        if name == b"vendor_missing":
            from drmaa2.exceptions import UnsupportedAttributeException
            raise UnsupportedAttributeException("not for this queue", 11)
        return ctypes.addressof(value)
    functions = mocker.Mock()
    functions.get_instance_value.side_effect = get_instance_value
    profile = profiles.PROFILES["gfd230"]
    records = Records(functions, Containers(functions), struct_set(profile), profile,
                      lambda name: ["vendor_missing", "vendor_speed"])
    memory = FakeMemory(16)
    memory.put_string(0, "q")
    queue = records.read("queueinfo", memory.address)
    assert (queue.name, dict(queue.implementation_specific)) == ("q", {"vendor_speed": "fast"})
    assert functions.string_free.call_count == 1  # the returned value was freed


@pytest.mark.parametrize("profile_name", ["gfd198", "uge83"])
def test_a_filter_on_job_name_is_refused_where_job_info_has_none(profile_name):
    from drmaa2.exceptions import UnsupportedAttributeException
    memory = FakeMemory(144)
    with pytest.raises(UnsupportedAttributeException) as caught:
        records_for(profile_name).write("jinfo", memory.address, JobInfo(job_name="x"),
                                        unset_all=True)
    assert "job_name" in str(caught.value) and profile_name in str(caught.value)
    assert memory.buffer.raw == b"\0" * 144  # nothing was written


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
def test_drmaa2_now_in_a_job_info_time_reads_as_unset(profile_name):
    profile = profiles.PROFILES[profile_name]
    memory = jinfo_memory(profile.jinfo_has_job_name)
    memory.put(120 + (8 if profile.jinfo_has_job_name else 0), ctypes.c_long, -2)
    assert records_for(profile_name).read("jinfo", memory.address).finish_time is None


def every_field_set(struct_name):
    """A data type of ``struct_name`` with every field of the table set (jobName too)."""
    from drmaa2 import constants
    values = {
        "string": "text", "strings": ["a", "b"], "dict": {"k": "v"},
        "environment": {"NAME": "value"}, "bool": True, "count": 7, "int": 3,
        "priority": 5, "time": datetime.datetime(2030, 1, 2, tzinfo=UTC),
        "start_time": constants.NOW, "duration": datetime.timedelta(seconds=90),
        "cpu_time": datetime.timedelta(seconds=80),
    }
    struct = STRUCTS[struct_name]
    fields = {}
    for field in struct.fields:
        fields[field.name] = (field.enum_class(1) if field.kind == "enum"
                              else values[field.kind])
    return struct.data_type(**fields)


@pytest.mark.parametrize("profile_name", PROFILE_NAMES)
@pytest.mark.parametrize("struct_name", ["jtemplate", "jinfo", "rtemplate"])
def test_every_field_of_a_writable_struct_reads_back_as_written_in_each_layout(
        profile_name, struct_name):
    import drmaa2._c
    library = drmaa2._c.library()  # the stub: its lists and dicts, any layout around them
    profile = profiles.PROFILES[profile_name]
    records = Records(library.c, library.containers, struct_set(profile), profile,
                      lambda name: [])
    memory = FakeMemory(ctypes.sizeof(getattr(records.structs, struct_name)))
    written = every_field_set(struct_name)
    if not profile.jinfo_has_job_name and struct_name == "jinfo":
        written.job_name = None
    records.write(struct_name, memory.address, written)
    view = records.structs.view(struct_name, memory.address)
    try:
        assert records.read(struct_name, memory.address) == written
    finally:
        for field in STRUCTS[struct_name].fields:
            free = {"string": library.containers.free_string,
                    "strings": library.containers.free_list,
                    "dict": library.containers.free_dict,
                    "environment": library.containers.free_dict}.get(field.kind)
            if free and hasattr(view, field.c_name):
                free(getattr(view, field.c_name))
