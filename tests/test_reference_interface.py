"""drmaa2 as users of the OGF reference interface (OpenGridForum/drmaa2-python,
drmaa2/__init__.py) call it: every keyword name of its functions and methods, its
data types used as its namedtuples are (positional construction in the standard's field
order, unpacking, indexing, len, _make, the implementation-specific attributes after the
standard fields), and no name of ``__future__`` among the package's."""
import __future__
import importlib
import inspect
import pkgutil

import pytest
import six

import drmaa2
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate, SlotInfo, Version,
                          register_implementation_specific)

#: The reference's signatures, without self: a trailing "=" marks a default.
REFERENCE_SIGNATURES = {
    "supports": ["capability"],
    "create_job_session": ["session_name=", "contact="],
    "create_reservation_session": ["session_name=", "contact="],
    "open_job_session": ["session_name"],
    "open_reservation_session": ["session_name"],
    "open_monitoring_session": ["contact="],
    "destroy_session": ["session"],
    "get_job_session_names": [],
    "get_reservation_session_names": [],
    "register_event_notification": ["callback"],
    "describe_attribute": ["instance", "name"],
    "ReservationSession.get_reservation": ["reservation_id"],
    "ReservationSession.request_reservation": ["reservation_template"],
    "ReservationSession.get_reservations": [],
    "ReservationSession.close": [],
    "Reservation.get_info": [],
    "Reservation.terminate": [],
    "JobArray.suspend": [], "JobArray.resume": [], "JobArray.hold": [],
    "JobArray.release": [], "JobArray.terminate": [], "JobArray.reap": [],
    "JobSession.get_jobs": ["filter="],
    "JobSession.get_job_array": ["job_array_id"],
    "JobSession.run_job": ["job_template"],
    "JobSession.run_bulk_jobs": ["job_template", "begin_index", "end_index", "step",
                                 "max_parallel="],
    "JobSession.wait_any_started": ["jobs", "timeout"],
    "JobSession.wait_any_terminated": ["jobs", "timeout"],
    "JobSession.close": [],
    "Job.suspend": [], "Job.resume": [], "Job.hold": [], "Job.release": [],
    "Job.terminate": [], "Job.reap": [], "Job.get_state": [], "Job.get_info": [],
    "Job.wait_started": ["timeout"], "Job.wait_terminated": ["timeout"],
    "MonitoringSession.get_all_reservations": [],
    "MonitoringSession.get_all_jobs": ["filter="],
    "MonitoringSession.get_all_queues": ["names="],
    "MonitoringSession.get_all_machines": ["names"],
    "MonitoringSession.close": [],
}

#: The reference's namedtuple fields, in its order (the standard's).
REFERENCE_FIELDS = {
    Notification: "event job_id session_name job_state",
    JobTemplate: "remote_command args submit_as_hold rerunnable job_environment "
                 "working_directory job_category email email_on_started email_on_terminated "
                 "job_name input_path output_path error_path join_files reservation_id "
                 "queue_name min_slots max_slots priority candidate_machines "
                 "min_phys_memory machine_os machine_arch start_time deadline_time "
                 "stage_in_files stage_out_files resource_limits accounting_id",
    QueueInfo: "name",
    JobInfo: "job_id job_name exit_status terminating_signal annotation job_state "
             "job_sub_state allocated_machines submission_machine job_owner slots "
             "queue_name wallclock_time cpu_time submission_time dispatch_time finish_time",
    MachineInfo: "name available sockets cores_per_socket threads_per_core load "
                 "phys_memory virt_memory machine_os machine_os_version machine_arch",
    ReservationInfo: "reservation_id reservation_name reserved_start_time "
                     "reserved_end_time users_acl reserved_slots reserved_machines",
    ReservationTemplate: "reservation_name start_time end_time duration min_slots "
                         "max_slots job_category users_acl candidate_machines "
                         "min_phys_memory machine_os machine_arch",
    SlotInfo: "machine_name slots",
    Version: "major minor",
}


def parameters(function):
    """[(name, has_default)] of ``function`` without self."""
    if six.PY2:
        spec = inspect.getargspec(function)
        names = [name for name in spec.args if name != "self"]
        defaults = len(spec.defaults or ())
        return [(name, index >= len(names) - defaults) for index, name in enumerate(names)]
    return [(p.name, p.default is not p.empty)
            for p in inspect.signature(function).parameters.values()
            if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


@pytest.mark.parametrize("name", sorted(REFERENCE_SIGNATURES))
def test_the_reference_signature_is_accepted(name):
    function = drmaa2
    for part in name.split("."):
        function = getattr(function, part)
    ours = parameters(function)
    reference = REFERENCE_SIGNATURES[name]
    # The reference's parameters in its order and names (positional and keyword calls
    # alike), with a default wherever it has one; any further parameter has a default.
    assert [n for n, _ in ours[:len(reference)]] == [p.rstrip("=") for p in reference]
    for (ours_name, has_default), theirs in zip(ours, reference):
        assert has_default or not theirs.endswith("="), (name, ours_name)
    assert all(has_default for _, has_default in ours[len(reference):]), (name, ours)


@pytest.fixture
def no_library_names():
    """The data types told of no implementation-specific attribute."""
    previous = register_implementation_specific(lambda type_name: [])
    yield
    register_implementation_specific(previous)


@pytest.mark.parametrize("cls", sorted(REFERENCE_FIELDS, key=lambda c: c.__name__))
def test_positional_construction_unpacking_indexing_len_and_make(cls, no_library_names):
    names = REFERENCE_FIELDS[cls].split()
    assert cls._fields == tuple(names)
    values = [None] * len(names)
    values[0] = {Notification: drmaa2.Event.NEW_STATE}.get(cls, "first")
    values[-1] = {JobInfo: None, MachineInfo: drmaa2.CpuArchitecture.X64,
                  ReservationInfo: [SlotInfo("node", 2)], SlotInfo: 2,
                  Notification: drmaa2.JobState.DONE, JobTemplate: "acct",
                  ReservationTemplate: drmaa2.CpuArchitecture.ARM64,
                  QueueInfo: "first", Version: "7"}[cls]
    record = cls(*values)
    assert len(record) == len(names)
    assert tuple(record) == tuple(values)
    assert record[0] == values[0] and record[-1] == values[-1]
    assert record[:2] == tuple(values[:2])
    assert getattr(record, names[0]) == values[0]
    assert cls._make(values) == record
    first, rest = record[0], list(record)[1:]
    unpacked = tuple(record)
    assert (first,) + tuple(rest) == unpacked
    with pytest.raises(TypeError) as caught:
        cls(*(values + [None]))
    assert "at most %d positional" % len(names) in str(caught.value)
    with pytest.raises(TypeError):
        record["name"]


def test_unpacking_a_version_and_a_slot_info_as_the_reference_users_do():
    major, minor = drmaa2.Version("2", "2")
    assert (major, minor) == ("2", "2")
    machine, slots = SlotInfo("node1", 4)
    assert (machine, slots) == ("node1", 4)


def test_positional_and_keyword_values_mix_and_collide_as_in_a_namedtuple():
    jt = JobTemplate("/bin/sleep", ["1"], job_name="nap")
    assert (jt.remote_command, jt.args, jt.job_name) == ("/bin/sleep", ["1"], "nap")
    with pytest.raises(TypeError) as caught:
        JobTemplate("/bin/sleep", remoteCommand="/bin/true")
    assert "multiple values for 'remote_command'" in str(caught.value)


def test_positional_values_are_checked_and_the_record_stays_mutable():
    with pytest.raises(TypeError) as caught:
        JobTemplate("/bin/sleep", "1")  # args: a lone string
    assert "JobTemplate.args" in str(caught.value)
    jt = JobTemplate("/bin/sleep")
    jt.args = ["2"]
    assert tuple(jt)[:2] == ("/bin/sleep", ["2"])


def test_one_mapping_alone_keeps_its_meaning():
    jt = JobTemplate({"remoteCommand": "/bin/sleep", "args": ["1"]})
    assert (jt.remote_command, jt.args) == ("/bin/sleep", ["1"])
    with pytest.raises(TypeError) as caught:  # _make takes values, always
        JobTemplate._make([{"remoteCommand": "x"}])
    assert "JobTemplate.remote_command" in str(caught.value)


@pytest.fixture
def library_names():
    """The data types told of implementation-specific attributes, as the loaded library
    would declare them."""
    names = {"jtemplate": ["uge_jt_pe", "uge_jt_native"], "jinfo": ["stub_max_rss_kib"]}
    previous = register_implementation_specific(lambda type_name: names.get(type_name, []))
    yield names
    register_implementation_specific(previous)


def test_implementation_specific_attributes_follow_the_standard_fields(library_names):
    standard = len(JobTemplate._fields)
    values = ["/bin/sleep"] + [None] * (standard - 1) + ["mpi", "-l h=a"]
    jt = JobTemplate(*values)
    assert len(jt) == standard + 2
    assert tuple(jt)[standard:] == ("mpi", "-l h=a")
    assert jt[-2] == jt.uge_jt_pe == "mpi"
    assert jt.implementation_specific == {"uge_jt_pe": "mpi", "uge_jt_native": "-l h=a"}
    assert JobTemplate._make(values) == jt
    jt.uge_jt_pe = "smp"  # still mutable
    assert jt[standard] == "smp"
    assert len(JobInfo()) == len(JobInfo._fields) + 1
    assert len(QueueInfo()) == 1


def test_the_package_exports_no_future_names():
    features = [name for name in __future__.all_feature_names]
    modules = [drmaa2] + [importlib.import_module(info[1]) for info in
                          pkgutil.walk_packages(drmaa2.__path__, "drmaa2.")
                          if not info[1].endswith("__main__")]
    found = ["%s.%s" % (module.__name__, name) for module in modules for name in features
             if isinstance(getattr(module, name, None), __future__._Feature)]
    assert found == []
    assert not hasattr(drmaa2, "absolute_import")
