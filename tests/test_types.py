"""The data types of drmaa2.types and the constants: building, checking, converting,
copying and comparing records, and implementation-specific attributes."""
import copy
import datetime
import numbers
import pickle
from collections import OrderedDict
from fractions import Fraction

import pytest
import six

from drmaa2 import constants, types
from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem
from drmaa2.exceptions import InvalidArgumentException, LibraryNotFoundError
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate, SlotInfo, Version)

UTC = types.UTC
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


class FixedOffset(datetime.tzinfo):
    """A timezone at a fixed offset from UTC (Python 2 has no datetime.timezone)."""

    def __init__(self, hours):
        self.offset = datetime.timedelta(hours=hours)

    def utcoffset(self, when):
        return self.offset

    def dst(self, when):
        return datetime.timedelta(0)

    def tzname(self, when):
        return "UTC%+d" % (self.offset.total_seconds() // 3600)


# The fields of every type, in C order, with their C camelCase spelling (contract.md).
FIELDS = {
    JobTemplate: [
        ("remote_command", "remoteCommand"), ("args", "args"),
        ("submit_as_hold", "submitAsHold"), ("rerunnable", "rerunnable"),
        ("job_environment", "jobEnvironment"), ("working_directory", "workingDirectory"),
        ("job_category", "jobCategory"), ("email", "email"),
        ("email_on_started", "emailOnStarted"), ("email_on_terminated", "emailOnTerminated"),
        ("job_name", "jobName"), ("input_path", "inputPath"), ("output_path", "outputPath"),
        ("error_path", "errorPath"), ("join_files", "joinFiles"),
        ("reservation_id", "reservationId"), ("queue_name", "queueName"),
        ("min_slots", "minSlots"), ("max_slots", "maxSlots"), ("priority", "priority"),
        ("candidate_machines", "candidateMachines"), ("min_phys_memory", "minPhysMemory"),
        ("machine_os", "machineOS"), ("machine_arch", "machineArch"),
        ("start_time", "startTime"), ("deadline_time", "deadlineTime"),
        ("stage_in_files", "stageInFiles"), ("stage_out_files", "stageOutFiles"),
        ("resource_limits", "resourceLimits"), ("accounting_id", "accountingId"),
    ],
    JobInfo: [
        ("job_id", "jobId"), ("job_name", "jobName"), ("exit_status", "exitStatus"),
        ("terminating_signal", "terminatingSignal"), ("annotation", "annotation"),
        ("job_state", "jobState"), ("job_sub_state", "jobSubState"),
        ("allocated_machines", "allocatedMachines"),
        ("submission_machine", "submissionMachine"), ("job_owner", "jobOwner"),
        ("slots", "slots"), ("queue_name", "queueName"),
        ("wallclock_time", "wallclockTime"), ("cpu_time", "cpuTime"),
        ("submission_time", "submissionTime"), ("dispatch_time", "dispatchTime"),
        ("finish_time", "finishTime"),
    ],
    ReservationTemplate: [
        ("reservation_name", "reservationName"), ("start_time", "startTime"),
        ("end_time", "endTime"), ("duration", "duration"), ("min_slots", "minSlots"),
        ("max_slots", "maxSlots"), ("job_category", "jobCategory"),
        ("users_acl", "usersACL"), ("candidate_machines", "candidateMachines"),
        ("min_phys_memory", "minPhysMemory"), ("machine_os", "machineOS"),
        ("machine_arch", "machineArch"),
    ],
    ReservationInfo: [
        ("reservation_id", "reservationId"), ("reservation_name", "reservationName"),
        ("reserved_start_time", "reservedStartTime"),
        ("reserved_end_time", "reservedEndTime"), ("users_acl", "usersACL"),
        ("reserved_slots", "reservedSlots"), ("reserved_machines", "reservedMachines"),
    ],
    SlotInfo: [("machine_name", "machineName"), ("slots", "slots")],
    QueueInfo: [("name", "name")],
    Version: [("major", "major"), ("minor", "minor")],
    MachineInfo: [
        ("name", "name"), ("available", "available"), ("sockets", "sockets"),
        ("cores_per_socket", "coresPerSocket"), ("threads_per_core", "threadsPerCore"),
        ("load", "load"), ("phys_memory", "physMemory"), ("virt_memory", "virtMemory"),
        ("machine_os", "machineOS"), ("machine_os_version", "machineOSVersion"),
        ("machine_arch", "machineArch"),
    ],
    Notification: [("event", "event"), ("job_id", "jobId"),
                   ("session_name", "sessionName"), ("job_state", "jobState")],
}

TYPE_NAMES = {
    JobTemplate: "jtemplate", JobInfo: "jinfo", ReservationTemplate: "rtemplate",
    ReservationInfo: "rinfo", QueueInfo: "queueinfo", MachineInfo: "machineinfo",
    Notification: "notification", SlotInfo: "slotinfo", Version: "version",
}

STRING_FIELDS = set([
    "remote_command", "working_directory", "job_category", "job_name", "input_path",
    "output_path", "error_path", "reservation_id", "queue_name", "accounting_id", "job_id",
    "terminating_signal", "annotation", "job_sub_state", "submission_machine", "job_owner",
    "reservation_name", "machine_name", "name", "major", "minor", "session_name",
])
LIST_FIELDS = set(["args", "email", "candidate_machines", "allocated_machines",
                   "users_acl"])
DICT_FIELDS = set(["job_environment", "stage_in_files", "stage_out_files",
                   "resource_limits"])
BOOL_FIELDS = set(["submit_as_hold", "rerunnable", "email_on_started",
                   "email_on_terminated", "join_files", "available"])
INT_FIELDS = set(["min_slots", "max_slots", "priority", "min_phys_memory", "exit_status",
                  "slots", "reserved_slots", "sockets", "cores_per_socket",
                  "threads_per_core", "phys_memory", "virt_memory"])
TIME_FIELDS = set(["start_time", "deadline_time", "submission_time", "dispatch_time",
                   "finish_time", "end_time", "reserved_start_time", "reserved_end_time"])
DURATION_FIELDS = set(["wallclock_time", "cpu_time", "duration"])
ENUM_FIELDS = {"machine_os": OperatingSystem, "machine_arch": CpuArchitecture,
               "job_state": JobState, "event": Event}


def sample(field):
    """A valid value of ``field`` as stored (what reading the field gives back)."""
    if field in STRING_FIELDS:
        return "value of " + field
    if field in LIST_FIELDS:
        return ["a", "b"]
    if field in DICT_FIELDS:
        return {"KEY": "value"}
    if field in BOOL_FIELDS:
        return True
    if field in INT_FIELDS:
        return 4
    if field == "load":
        return 0.25
    if field in TIME_FIELDS:
        return datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)
    if field in DURATION_FIELDS:
        return datetime.timedelta(seconds=90)
    if field in ENUM_FIELDS:
        return list(ENUM_FIELDS[field])[1]
    if field == "machine_os_version":
        return Version(major="5", minor="10")
    if field == "reserved_machines":
        return [SlotInfo(machine_name="node1", slots=2)]
    raise AssertionError("no sample for %s" % field)


def wrong_type(field):
    """A value of the wrong type for ``field``: setting it must raise TypeError."""
    if field in STRING_FIELDS or field in DICT_FIELDS or field in BOOL_FIELDS:
        return 7
    return object()


ALL_FIELDS = [(cls, field, camel) for cls in FIELDS for field, camel in FIELDS[cls]]
FIELD_IDS = ["%s.%s" % (cls.__name__, field) for cls, field, _ in ALL_FIELDS]


@pytest.fixture(autouse=True)
def no_provider():
    """These tests need no library: no provider of implementation-specific names, then
    drmaa2's own provider put back."""
    previous = types.register_implementation_specific(None)
    yield
    types.register_implementation_specific(previous)


@pytest.fixture
def provider():
    """Registers a fake provider of implementation-specific names; records its calls."""
    calls = []
    names = {"jtemplate": ["stub_jt_note"], "jinfo": ["stub_ji_note", "stub_ji_other"]}

    def fake(type_name):
        calls.append(type_name)
        return names.get(type_name, ["%s_extra" % type_name])

    types.register_implementation_specific(fake)
    return calls


# -- the shape of every type -------------------------------------------------------------

@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda cls: cls.__name__)
def test_fields_are_the_c_fields_in_c_order(cls):
    assert cls._fields == tuple(field for field, _ in FIELDS[cls])


@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda cls: cls.__name__)
def test_a_new_record_has_every_field_unset(cls):
    record = cls()
    assert all(getattr(record, field) is None for field in cls._fields)
    assert record.implementation_specific == {}
    assert repr(record) == "%s()" % cls.__name__


@pytest.mark.parametrize("cls,field,camel", ALL_FIELDS, ids=FIELD_IDS)
def test_every_field_is_built_from_either_spelling_as_keyword_or_dict(cls, field, camel):
    value = sample(field)
    for record in (cls(**{field: value}), cls({field: value}), cls(**{camel: value}),
                   cls({camel: value})):
        assert getattr(record, field) == value
        assert getattr(record, camel) == value
        assert record._asdict()[field] == value


@pytest.mark.parametrize("cls,field,camel", ALL_FIELDS, ids=FIELD_IDS)
def test_every_field_is_set_and_unset_by_either_spelling(cls, field, camel):
    record = cls()
    setattr(record, camel, sample(field))
    assert getattr(record, field) == sample(field)
    setattr(record, field, None)
    assert getattr(record, camel) is None
    setattr(record, field, sample(field))
    delattr(record, field)
    assert getattr(record, field) is None


@pytest.mark.parametrize("cls,field,camel", ALL_FIELDS, ids=FIELD_IDS)
def test_every_field_refuses_a_wrong_type_naming_the_field(cls, field, camel):
    record = cls()
    with pytest.raises(TypeError) as error:
        setattr(record, field, wrong_type(field))
    assert "%s.%s" % (cls.__name__, field) in str(error.value)
    with pytest.raises(TypeError):
        cls({camel: wrong_type(field)})
    assert getattr(record, field) is None


def test_the_reference_readme_template_works():
    jt = JobTemplate({"remoteCommand": "/bin/sleep"})
    assert jt.remote_command == "/bin/sleep"
    assert jt.args is None


def test_keywords_and_dict_combine():
    jt = JobTemplate({"remoteCommand": "/bin/echo"}, args=["hi"])
    assert (jt.remote_command, jt.args) == ("/bin/echo", ["hi"])


# -- names ----------------------------------------------------------------------------------

def test_an_unknown_name_is_refused_listing_the_valid_names():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(remote_comand="/bin/true")
    message = str(error.value)
    assert "'remote_comand' (did you mean 'remote_command'?)" in message
    assert "remote_command" in message and "remoteCommand" in message
    assert "accounting_id" in message
    assert isinstance(error.value, ValueError)


def test_an_unknown_dict_key_is_refused():
    with pytest.raises(InvalidArgumentException) as error:
        QueueInfo({"queue": "all.q"})
    assert "'queue'" in str(error.value) and "name" in str(error.value)


def test_setting_an_unknown_attribute_is_refused():
    jt = JobTemplate()
    with pytest.raises(InvalidArgumentException) as error:
        jt.remotecommand = "/bin/true"
    assert "remote_command" in str(error.value)


def test_reading_an_unknown_attribute_is_an_attribute_error():
    jt = JobTemplate()
    with pytest.raises(AttributeError) as error:
        jt.no_such_field
    assert "no_such_field" in str(error.value)
    assert not hasattr(jt, "_private")


def test_a_field_given_in_both_spellings_is_refused():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate({"remoteCommand": "/bin/true", "remote_command": "/bin/false"})
    assert "remoteCommand" in str(error.value) and "remote_command" in str(error.value)


def test_a_keyword_repeating_a_dict_key_is_refused():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate({"job_name": "a"}, job_name="b")
    assert "job_name" in str(error.value)


def test_a_camel_keyword_repeating_a_snake_dict_key_is_refused():
    with pytest.raises(InvalidArgumentException):
        JobTemplate({"job_name": "a"}, jobName="b")


def test_more_than_one_positional_argument_is_refused():
    with pytest.raises(TypeError) as error:
        JobTemplate({}, {})
    assert "JobTemplate" in str(error.value)


def test_a_lone_positional_argument_that_is_no_mapping_is_the_first_field():
    # As in the reference's namedtuples; a dict alone is the fields (the README's use).
    assert JobTemplate("/bin/sleep").remote_command == "/bin/sleep"
    with pytest.raises(TypeError) as error:
        JobTemplate(5)
    assert "JobTemplate.remote_command" in str(error.value)


def test_a_field_name_that_is_no_string_is_refused():
    with pytest.raises(TypeError):
        JobTemplate({1: "x"})


# -- strings --------------------------------------------------------------------------------

def test_strings_accept_text_and_utf8_bytes_giving_the_native_str():
    jt = JobTemplate(job_name=u"caf\u00e9", remote_command=b"/bin/true")
    assert type(jt.job_name) is str and type(jt.remote_command) is str
    assert jt.remote_command == "/bin/true"
    assert jt.job_name == (u"caf\u00e9".encode("utf-8") if six.PY2 else u"caf\u00e9")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(job_name=b"\xff\xfe")
    assert "JobTemplate.job_name" in str(error.value) and "UTF-8" in str(error.value)


def test_a_nul_inside_a_string_is_refused_not_cut():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(remote_command="/bin/echo\0rm")
    assert "JobTemplate.remote_command" in str(error.value) and "NUL" in str(error.value)


def test_a_string_that_cannot_be_utf8_is_refused_on_python3():
    lone_surrogate = u"\udcff"
    if six.PY2:
        # Python 2 encodes lone surrogates like any other code point.
        assert JobTemplate(job_name=lone_surrogate).job_name == b"\xed\xb3\xbf"
    else:
        with pytest.raises(InvalidArgumentException) as error:
            JobTemplate(job_name=lone_surrogate)
        assert "JobTemplate.job_name" in str(error.value)


# -- string lists ---------------------------------------------------------------------------

def test_a_list_field_takes_any_iterable_of_strings():
    jt = JobTemplate(args=(word for word in ("a", u"b", b"c")))
    assert jt.args == ["a", "b", "c"]
    assert isinstance(jt.args, list)


@pytest.mark.parametrize("lone", ["abc", u"abc", b"abc"])
def test_a_list_field_refuses_a_lone_string(lone):
    with pytest.raises(TypeError) as error:
        JobTemplate(args=lone)
    assert "JobTemplate.args" in str(error.value) and "lone string" in str(error.value)


def test_a_list_field_refuses_a_mapping_and_a_non_iterable():
    with pytest.raises(TypeError):
        JobTemplate(email={"a": "b"})
    with pytest.raises(TypeError) as error:
        JobTemplate(email=5)
    assert "JobTemplate.email" in str(error.value)


def test_a_list_field_names_the_bad_item():
    with pytest.raises(TypeError) as error:
        JobTemplate(args=["ok", 2])
    assert "JobTemplate.args[1]" in str(error.value)


def test_a_list_field_checks_what_is_added_later():
    jt = JobTemplate(args=["a"])
    jt.args.append(b"b")
    jt.args.extend(["c"])
    jt.args.insert(0, u"z")
    jt.args += ["d"]
    jt.args[0] = "y"
    jt.args[1:2] = ["x"]
    assert jt.args == ["y", "x", "b", "c", "d"]
    for change in (lambda: jt.args.append(1), lambda: jt.args.extend([None]),
                   lambda: jt.args.insert(0, 1.5), lambda: jt.args.__setitem__(0, 3),
                   lambda: jt.args.__setitem__(slice(0, 1), [3]),
                   lambda: jt.args.__iadd__([3]), lambda: jt.args.extend("ef"),
                   lambda: jt.args.append("no\0nul")):
        with pytest.raises((TypeError, InvalidArgumentException)):
            change()
    assert jt.args == ["y", "x", "b", "c", "d"]


def test_a_list_given_is_copied_not_shared():
    words = ["a"]
    jt = JobTemplate(args=words)
    words.append("b")
    assert jt.args == ["a"]


# -- string dicts ---------------------------------------------------------------------------

def test_a_dict_field_takes_any_mapping_of_strings():
    jt = JobTemplate(job_environment=OrderedDict([(u"A", b"1"), (b"B", "2")]))
    assert jt.job_environment == {"A": "1", "B": "2"}
    assert isinstance(jt.job_environment, dict)


def test_a_dict_field_refuses_other_things_naming_the_field():
    with pytest.raises(TypeError) as error:
        JobTemplate(job_environment=[("A", "1")])
    assert "JobTemplate.job_environment" in str(error.value)
    with pytest.raises(TypeError) as error:
        JobTemplate(job_environment={"A": 1})
    assert "JobTemplate.job_environment['A']" in str(error.value)
    with pytest.raises(TypeError) as error:
        JobTemplate(resource_limits={1: "x"})
    assert "JobTemplate.resource_limits key" in str(error.value)
    with pytest.raises(InvalidArgumentException):
        JobTemplate(job_environment={"A": "x\0y"})


@pytest.mark.parametrize("name", ["", "A=B", "="])
def test_the_job_environment_refuses_names_that_are_no_variable_names(name):
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(job_environment={name: "v"})
    assert "JobTemplate.job_environment" in str(error.value)
    jt = JobTemplate(job_environment={"OK": "v"})
    for change in (lambda: jt.job_environment.__setitem__(name, "v"),
                   lambda: jt.job_environment.update({name: "v"}),
                   lambda: jt.job_environment.setdefault(name, "v"),
                   lambda: jt.job_environment.copy().__setitem__(name, "v"),
                   lambda: pickle.loads(pickle.dumps(jt)).job_environment.update({name: "v"})):
        with pytest.raises(InvalidArgumentException):
            change()
    assert jt.job_environment == {"OK": "v"}
    # Other dicts of strings take any key: a resource limit value may hold '='.
    assert JobTemplate(resource_limits={"A=B": "1"}).resource_limits == {"A=B": "1"}


def test_a_dict_field_checks_what_is_added_later():
    jt = JobTemplate(job_environment={})
    jt.job_environment["A"] = b"1"
    jt.job_environment.update({"B": "2"}, C="3")
    jt.job_environment.update([("D", "4")])
    assert jt.job_environment.setdefault("A", "other") == "1"
    assert jt.job_environment.setdefault("E", "5") == "5"
    assert jt.job_environment == {"A": "1", "B": "2", "C": "3", "D": "4", "E": "5"}
    for change in (lambda: jt.job_environment.__setitem__("X", 1),
                   lambda: jt.job_environment.__setitem__(2, "x"),
                   lambda: jt.job_environment.update({"X": None}),
                   lambda: jt.job_environment.update(X=3),
                   lambda: jt.job_environment.setdefault("X", 4),
                   lambda: jt.job_environment.update({}, {})):
        with pytest.raises(TypeError):
            change()
    assert sorted(jt.job_environment) == ["A", "B", "C", "D", "E"]
    duplicate = jt.job_environment.copy()
    with pytest.raises(TypeError):
        duplicate["Y"] = 1


# -- flags, counts, enumerations ----------------------------------------------------------

def test_a_flag_takes_only_bool():
    assert JobTemplate(join_files=False).join_files is False
    for value in (1, 0, "yes", None.__class__):
        with pytest.raises(TypeError) as error:
            JobTemplate(join_files=value)
        assert "JobTemplate.join_files" in str(error.value)


def test_a_count_takes_int_but_not_bool_or_float():
    assert JobTemplate(min_slots=2).min_slots == 2
    for value in (True, 2.0, "2"):
        with pytest.raises(TypeError) as error:
            JobTemplate(min_slots=value)
        assert "JobTemplate.min_slots" in str(error.value)


class ForeignInteger(object):
    """An integer type of another library, as numpy's are: an Integral, not an int."""

    def __int__(self):
        return 3

    __index__ = __long__ = __int__


numbers.Integral.register(ForeignInteger)


def test_a_count_takes_any_integral_number_as_int():
    slots = JobTemplate(max_slots=ForeignInteger()).max_slots
    assert slots == 3 and type(slots) in six.integer_types


def test_a_count_must_fit_its_c_type():
    assert JobTemplate(priority=-(1 << 63)).priority == -(1 << 63)
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(min_phys_memory=1 << 63)
    assert "JobTemplate.min_phys_memory" in str(error.value)
    assert JobInfo(exit_status=(1 << 31) - 1).exit_status == (1 << 31) - 1
    with pytest.raises(InvalidArgumentException):
        JobInfo(exit_status=1 << 31)


def test_load_takes_any_number_as_float():
    assert MachineInfo(load=2).load == 2.0
    assert isinstance(MachineInfo(load=2).load, float)
    with pytest.raises(TypeError):
        MachineInfo(load=True)


def test_an_enum_field_takes_the_member_or_its_int():
    assert JobTemplate(machine_os=OperatingSystem.LINUX).machine_os is OperatingSystem.LINUX
    assert JobTemplate(machine_arch=16).machine_arch is CpuArchitecture.PPC64LE
    assert JobInfo(jobState=7).job_state is JobState.DONE
    assert Notification(event=0).event is Event.NEW_STATE


def test_an_enum_field_refuses_unknown_ints_and_other_types():
    with pytest.raises(InvalidArgumentException) as error:
        JobInfo(job_state=42)
    assert "JobInfo.job_state" in str(error.value)
    for value in ("DONE", 7.0, True, OperatingSystem.LINUX):
        with pytest.raises(TypeError) as error:
            JobInfo(job_state=value)
        assert "JobInfo.job_state" in str(error.value)


# -- absolute times -------------------------------------------------------------------------

def test_a_naive_datetime_is_taken_as_utc():
    jt = JobTemplate(deadline_time=datetime.datetime(2030, 1, 2, 3, 4, 5))
    assert jt.deadline_time == datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert jt.deadline_time.utcoffset() == datetime.timedelta(0)


def test_an_aware_datetime_is_stored_as_the_same_instant_in_utc():
    local = datetime.datetime(2030, 1, 2, 5, 0, 0, tzinfo=FixedOffset(2))
    info = JobInfo(finish_time=local)
    assert info.finish_time == local
    assert info.finish_time.hour == 3
    assert info.finish_time.utcoffset() == datetime.timedelta(0)


def test_seconds_since_the_epoch_give_an_aware_utc_datetime():
    assert JobInfo(submission_time=86400).submission_time == EPOCH + datetime.timedelta(1)
    assert (ReservationInfo(reserved_end_time=1.5).reserved_end_time
            == EPOCH + datetime.timedelta(seconds=1.5))
    assert JobInfo(dispatch_time=0).dispatch_time == EPOCH


def test_times_before_the_epoch_are_refused():
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(deadline_time=-2)
    assert "JobTemplate.deadline_time" in str(error.value)
    with pytest.raises(InvalidArgumentException):
        ReservationTemplate(end_time=datetime.datetime(1969, 12, 31, 23, 59, 58))


def test_times_that_are_no_number_or_out_of_range_are_refused():
    with pytest.raises(InvalidArgumentException):
        JobTemplate(deadline_time=float("nan"))
    with pytest.raises(InvalidArgumentException):
        JobTemplate(deadline_time=float("inf"))
    with pytest.raises(InvalidArgumentException) as error:
        JobTemplate(deadline_time=10 ** 20)
    assert "JobTemplate.deadline_time" in str(error.value)
    for value in ("2030-01-01", True, datetime.date(2030, 1, 1)):
        with pytest.raises(TypeError) as error:
            JobTemplate(deadline_time=value)
        assert "JobTemplate.deadline_time" in str(error.value)


@pytest.mark.parametrize("cls", [JobTemplate, ReservationTemplate])
def test_start_time_of_templates_takes_now(cls):
    record = cls(start_time=constants.NOW)
    assert record.start_time is constants.NOW
    assert repr(record) == "%s(start_time=drmaa2.NOW)" % cls.__name__


def test_now_is_refused_where_it_means_nothing():
    with pytest.raises(TypeError) as error:
        JobTemplate(deadline_time=constants.NOW)
    assert "JobTemplate.deadline_time" in str(error.value)
    with pytest.raises(TypeError):
        JobInfo(submission_time=constants.NOW)
    with pytest.raises(TypeError):
        ReservationTemplate(end_time=constants.NOW)


# -- durations ------------------------------------------------------------------------------

def test_a_duration_takes_a_timedelta_or_seconds():
    assert JobInfo(cpu_time=5).cpu_time == datetime.timedelta(seconds=5)
    assert JobInfo(wallclock_time=0.5).wallclock_time == datetime.timedelta(seconds=0.5)
    span = datetime.timedelta(hours=2)
    assert ReservationTemplate(duration=span).duration == span


def test_a_duration_and_a_time_take_fractions_of_seconds():
    assert JobInfo(cpu_time=Fraction(3, 2)).cpu_time == datetime.timedelta(seconds=1.5)
    assert (JobInfo(finish_time=Fraction(1, 2)).finish_time
            == EPOCH + datetime.timedelta(seconds=0.5))


def test_a_duration_refuses_negative_and_non_numbers():
    with pytest.raises(InvalidArgumentException) as error:
        ReservationTemplate(duration=-1)
    assert "ReservationTemplate.duration" in str(error.value)
    with pytest.raises(InvalidArgumentException):
        ReservationTemplate(duration=datetime.timedelta(seconds=-1))
    with pytest.raises(InvalidArgumentException):
        ReservationTemplate(duration=10 ** 20)
    for value in ("5", True, EPOCH):
        with pytest.raises(TypeError) as error:
            JobInfo(cpu_time=value)
        assert "JobInfo.cpu_time" in str(error.value)


# -- nested records -------------------------------------------------------------------------

def test_machine_os_version_takes_a_version():
    version = Version(major="6", minor="1")
    assert MachineInfo(machineOSVersion=version).machine_os_version == version
    with pytest.raises(TypeError) as error:
        MachineInfo(machine_os_version=("6", "1"))
    assert "MachineInfo.machine_os_version" in str(error.value)


def test_reserved_machines_takes_slot_infos_only():
    slots = [SlotInfo(machine_name="a", slots=1), SlotInfo(machine_name="b", slots=2)]
    info = ReservationInfo(reserved_machines=iter(slots))
    assert info.reserved_machines == slots
    info.reserved_machines.append(SlotInfo(machine_name="c"))
    assert len(info.reserved_machines) == 3
    for change in (lambda: info.reserved_machines.append("d"),
                   lambda: info.reserved_machines.extend([QueueInfo()]),
                   lambda: info.reserved_machines.insert(0, None),
                   lambda: info.reserved_machines.__setitem__(0, "e"),
                   lambda: info.reserved_machines.__setitem__(slice(0, 1), ["e"]),
                   lambda: info.reserved_machines.__iadd__(["f"])):
        with pytest.raises(TypeError):
            change()
    assert len(info.reserved_machines) == 3
    with pytest.raises(TypeError) as error:
        ReservationInfo(reserved_machines=[slots[0], "node"])
    assert "ReservationInfo.reserved_machines[1]" in str(error.value)
    for value in (slots[0], "node", 3):
        with pytest.raises(TypeError):
            ReservationInfo(reserved_machines=value)


# -- record behaviour -----------------------------------------------------------------------

def test_asdict_gives_every_field_in_order():
    jt = JobTemplate(remote_command="/bin/true", args=["x"])
    result = jt._asdict()
    assert list(result) == list(JobTemplate._fields)
    assert result["remote_command"] == "/bin/true" and result["args"] == ["x"]
    assert result["job_name"] is None


def test_replace_returns_a_changed_copy_and_leaves_the_original():
    jt = JobTemplate(remote_command="/bin/true", args=["x"])
    jt.implementation_specific["note"] = "kept"
    changed = jt._replace(args=["y"], jobName="n")
    assert (changed.remote_command, changed.args, changed.job_name) == ("/bin/true", ["y"],
                                                                        "n")
    assert changed.implementation_specific == {"note": "kept"}
    assert (jt.args, jt.job_name) == (["x"], None)
    changed.args.append("z")
    assert jt.args == ["x"]


def test_copy_replace_protocol_is_replace():
    info = JobInfo(job_id="1")
    changed = info.__replace__(jobId="2")
    assert (info.job_id, changed.job_id) == ("1", "2")


def test_replace_checks_names_and_values():
    jt = JobTemplate()
    with pytest.raises(InvalidArgumentException):
        jt._replace(bogus=1)
    with pytest.raises(TypeError):
        jt._replace(args="x")


def test_repr_shows_the_set_fields_only_in_readable_form():
    info = JobInfo(job_id="17", job_state=JobState.DONE, exit_status=0)
    assert repr(info) == "JobInfo(job_id='17', exit_status=0, job_state=JobState.DONE)"
    jt = JobTemplate(args=["a"], job_environment={"A": "1"})
    jt.implementation_specific["x"] = "y"
    assert repr(jt) == ("JobTemplate(args=['a'], job_environment={'A': '1'}, "
                        "implementation_specific={'x': 'y'})")


def test_equality_compares_type_fields_and_implementation_specific():
    assert JobInfo(job_id="1") == JobInfo({"jobId": "1"})
    assert not JobInfo(job_id="1") != JobInfo(job_id="1")
    assert JobInfo(job_id="1") != JobInfo(job_id="2")
    assert JobInfo(job_id="1") != Notification(job_id="1")
    assert JobInfo(job_id="1") != {"job_id": "1"}
    other = JobInfo(job_id="1")
    other.implementation_specific["x"] = "y"
    assert JobInfo(job_id="1") != other


@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda cls: cls.__name__)
def test_records_are_mutable_and_so_not_hashable(cls):
    with pytest.raises(TypeError):
        hash(cls())


@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda cls: cls.__name__)
def test_every_record_survives_pickle_and_deepcopy(cls):
    record = cls(dict((field, sample(field)) for field in cls._fields))
    record.implementation_specific["vendor_attribute"] = "value"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(record, protocol))
        assert again == record and again is not record
        assert again.implementation_specific == {"vendor_attribute": "value"}
    duplicate = copy.deepcopy(record)
    assert duplicate == record
    assert copy.copy(record) == record


def test_a_pickled_list_field_still_checks_what_is_added():
    jt = pickle.loads(pickle.dumps(JobTemplate(args=["a"]), 2))
    with pytest.raises(TypeError) as error:
        jt.args.append(1)
    assert "JobTemplate.args" in str(error.value)


def test_field_containers_pickled_alone_keep_checking():
    jt = JobTemplate(args=["a"], job_environment={"A": "1"})
    info = ReservationInfo(reserved_machines=[SlotInfo(machine_name="m")])
    args = pickle.loads(pickle.dumps(jt.args, 2))
    environment = pickle.loads(pickle.dumps(jt.job_environment, 2))
    machines = pickle.loads(pickle.dumps(info.reserved_machines, 2))
    assert (args, environment, machines) == (["a"], {"A": "1"}, [SlotInfo(machine_name="m")])
    with pytest.raises(TypeError) as error:
        args.append(1)
    assert "JobTemplate.args" in str(error.value)
    with pytest.raises(TypeError) as error:
        environment["B"] = 2
    assert "JobTemplate.job_environment" in str(error.value)
    with pytest.raises(TypeError) as error:
        machines.append("m")
    assert "ReservationInfo.reserved_machines" in str(error.value)


def test_dir_lists_the_fields():
    assert "remote_command" in dir(JobTemplate())


def test_the_docstring_lists_the_fields_with_both_spellings():
    assert "``remote_command`` / ``remoteCommand``: str" in JobTemplate.__doc__
    assert "``load``: float" in MachineInfo.__doc__


# -- implementation-specific attributes --------------------------------------------------

def test_implementation_specific_is_a_dict_of_strings_per_instance():
    first, second = JobTemplate(), JobTemplate()
    first.implementation_specific["a"] = b"1"
    assert first.implementation_specific == {"a": "1"}
    assert second.implementation_specific == {}
    with pytest.raises(TypeError) as error:
        first.implementation_specific["b"] = 2
    assert "JobTemplate.implementation_specific" in str(error.value)
    first.implementation_specific = {"c": "3"}
    assert first.implementation_specific == {"c": "3"}
    with pytest.raises(TypeError):
        first.implementation_specific = ["c"]


def test_implementation_specific_may_be_given_to_the_constructor():
    info = JobInfo(job_id="1", implementation_specific={"vendor": "v"})
    assert info.implementation_specific == {"vendor": "v"}


def test_without_a_provider_no_implementation_specific_attribute_exists():
    with pytest.raises(InvalidArgumentException):
        JobTemplate(stub_jt_note="x")
    with pytest.raises(AttributeError):
        JobTemplate().stub_jt_note


@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda cls: cls.__name__)
def test_the_provider_is_asked_with_the_c_type_name(provider, cls):
    name = "%s_extra" % TYPE_NAMES[cls] if cls not in (JobTemplate, JobInfo) else None
    if name is None:
        name = "stub_jt_note" if cls is JobTemplate else "stub_ji_note"
    record = cls()
    assert getattr(record, name) is None
    setattr(record, name, "set")
    assert getattr(record, name) == "set"
    assert record.implementation_specific == {name: "set"}
    assert provider == [TYPE_NAMES[cls]]


def test_implementation_specific_attributes_are_read_written_and_built(provider):
    jt = JobTemplate(remote_command="/bin/true", stub_jt_note=u"hello")
    assert jt.stub_jt_note == "hello"
    assert jt.implementation_specific == {"stub_jt_note": "hello"}
    jt.implementation_specific["stub_jt_note"] = "changed"
    assert jt.stub_jt_note == "changed"
    jt.stub_jt_note = None
    assert jt.implementation_specific == {}
    with pytest.raises(TypeError) as error:
        jt.stub_jt_note = 5
    assert "JobTemplate.stub_jt_note" in str(error.value)
    assert "stub_jt_note" in dir(jt)


def test_an_unknown_name_lists_the_implementation_specific_names_too(provider):
    with pytest.raises(InvalidArgumentException) as error:
        JobInfo(stub_ji_typo="x")
    assert "stub_ji_note" in str(error.value) and "stub_ji_other" in str(error.value)


def test_implementation_specific_names_are_per_type(provider):
    with pytest.raises(InvalidArgumentException):
        JobInfo(stub_jt_note="x")


def test_the_provider_is_asked_once_per_type_until_reregistered(provider):
    JobTemplate(stub_jt_note="a")
    JobTemplate(stub_jt_note="b").stub_jt_note
    JobInfo(stub_ji_note="c")
    assert provider == ["jtemplate", "jinfo"]
    calls = []
    types.register_implementation_specific(lambda name: calls.append(name) or ["other"])
    with pytest.raises(InvalidArgumentException):
        JobTemplate(stub_jt_note="a")
    assert JobTemplate(other="x").other == "x"
    assert calls == ["jtemplate"]


def test_private_and_special_names_never_ask_the_provider(provider):
    jt = JobTemplate()
    assert not hasattr(jt, "__array_interface__")
    assert not hasattr(jt, "_something")
    assert provider == []


def test_a_provider_without_library_means_no_names_and_is_asked_again():
    calls = []

    def failing(type_name):
        calls.append(type_name)
        raise LibraryNotFoundError("no library")

    types.register_implementation_specific(failing)
    with pytest.raises(InvalidArgumentException):
        JobTemplate(vendor_name="x")
    with pytest.raises(AttributeError):
        JobTemplate().vendor_name
    assert calls == ["jtemplate", "jtemplate", "jtemplate"]


def test_a_provider_must_be_callable():
    with pytest.raises(TypeError) as error:
        types.register_implementation_specific(["names"])
    assert "provider" in str(error.value)


def test_registering_returns_the_provider_before(provider):
    def other(type_name):
        return []

    previous = types.register_implementation_specific(other)
    assert previous is not None and previous("jtemplate") == ["stub_jt_note"]
    assert types.register_implementation_specific(None) is other


# -- constants --------------------------------------------------------------------------------

def test_constants_have_the_c_values():
    assert constants.INFINITE_TIME == -1
    assert constants.ZERO_TIME == 0
    assert constants.HOME_DIR == "$DRMAA2_HOME_DIR$"
    assert constants.WORKING_DIR == "$DRMAA2_WORKING_DIR$"
    assert constants.PARAMETRIC_INDEX == "$DRMAA2_INDEX$"
    assert constants.NOW.value == -2


def test_now_is_one_object_that_survives_pickle_and_copy():
    assert repr(constants.NOW) == "drmaa2.NOW"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(constants.NOW, protocol)) is constants.NOW
    assert copy.deepcopy(constants.NOW) is constants.NOW
