"""End to end through the stub library (profile gfd230): every struct type round-trips with
real and with unset values, big and non-ASCII templates survive, and every error code the
stub can inject reaches Python as its exception class with the library's text."""
import datetime
import os
import platform
import threading

import pytest

from drmaa2 import constants
from drmaa2._c.library import Library
from drmaa2.enums import CpuArchitecture, Event, JobState, OperatingSystem
from drmaa2.exceptions import Drmaa2Exception, InvalidArgumentException
from drmaa2.types import (UTC, JobInfo, JobTemplate, MachineInfo, QueueInfo,
                          ReservationInfo, ReservationTemplate, SlotInfo, Version)

FALSE_FLAGS = dict(submit_as_hold=False, rerunnable=False, email_on_started=False,
                   email_on_terminated=False, join_files=False)


@pytest.fixture
def library():
    path = os.environ["DRMAA2_LIBRARY_PATH"]
    if not os.path.exists(path):
        pytest.fail("%s is missing: run `make stub` (make test does it)" % path)
    return Library.load(environ={"DRMAA2_LIBRARY_PATH": path})


@pytest.fixture
def session(library):
    handle = library.create_jsession("c-layer", None)
    yield handle
    library.close_jsession(handle)
    handle.free()
    library.destroy_jsession("c-layer")


def converted(library, struct_name, value, unset_all=False):
    """``value`` written into a struct the library created, and read back."""
    with library._struct(struct_name, value, "value", unset_all=unset_all) as address:
        return library.records.read(struct_name, address)


def full_job_template():
    return JobTemplate(
        remote_command=u"/bin/\u00e9cho", args=["a", u"\u00fc", "c"], submit_as_hold=True,
        rerunnable=True, job_environment={"A": "1", u"\u00fc": u"\u2603"},
        working_directory="/tmp", job_category="short", email=["a@b.c"],
        email_on_started=True, email_on_terminated=True, job_name=u"n\u00e9",
        input_path="/in", output_path="/out", error_path="/err", join_files=True,
        reservation_id="r1", queue_name="local", min_slots=1, max_slots=2, priority=5,
        candidate_machines=["m1", "m2"], min_phys_memory=1024,
        machine_os=OperatingSystem.LINUX, machine_arch=CpuArchitecture.X64,
        start_time=constants.NOW, deadline_time=datetime.datetime(2030, 1, 1, tzinfo=UTC),
        stage_in_files={"in": "/a"}, stage_out_files={"out": "/b"},
        resource_limits={"CPU_TIME": "10"}, accounting_id="acct",
        implementation_specific={"stub_nice": "5"})


# --------------------------------------------------------- structs the library creates

def test_a_job_template_round_trips_every_field(library):
    template = full_job_template()
    assert all(getattr(template, field) is not None for field in JobTemplate._fields)
    assert converted(library, "jtemplate", template) == template


def test_an_unset_job_template_round_trips_with_false_flags(library):
    # DRMAA2_UNSET_BOOL is DRMAA2_FALSE: unset flags read back as False.
    assert converted(library, "jtemplate", JobTemplate()) == JobTemplate(**FALSE_FLAGS)


def test_a_job_template_from_a_dict_converts_too(library):
    assert converted(library, "jtemplate", {"remoteCommand": "/bin/true"}) == \
        JobTemplate(remote_command="/bin/true", **FALSE_FLAGS)


def test_a_job_info_filter_round_trips_every_field_and_unset(library):
    info = JobInfo(
        job_id="7", job_name="j", exit_status=0, terminating_signal="SIGTERM",
        annotation="a", job_state=JobState.RUNNING, job_sub_state="s",
        allocated_machines=["m1"], submission_machine="h", job_owner=u"\u00f8le",
        slots=2, queue_name="local", wallclock_time=datetime.timedelta(seconds=3),
        cpu_time=datetime.timedelta(seconds=2),
        submission_time=datetime.datetime(2020, 1, 1, tzinfo=UTC),
        dispatch_time=datetime.datetime(2020, 1, 2, tzinfo=UTC),
        finish_time=datetime.datetime(2020, 1, 3, tzinfo=UTC))
    assert all(getattr(info, field) is not None for field in JobInfo._fields)
    assert converted(library, "jinfo", info, unset_all=True) == info
    assert converted(library, "jinfo", JobInfo(), unset_all=True) == JobInfo()


def test_a_reservation_template_round_trips_every_field_and_unset(library):
    template = ReservationTemplate(
        reservation_name="r", start_time=datetime.datetime(2030, 1, 1, tzinfo=UTC),
        end_time=datetime.datetime(2030, 1, 2, tzinfo=UTC),
        duration=datetime.timedelta(hours=1), min_slots=1, max_slots=2, job_category="c",
        users_acl=["alice", "bob"], candidate_machines=["m"], min_phys_memory=10,
        machine_os=OperatingSystem.LINUX, machine_arch=CpuArchitecture.ARM64)
    assert all(getattr(template, field) is not None for field in ReservationTemplate._fields)
    assert converted(library, "rtemplate", template) == template
    assert converted(library, "rtemplate", ReservationTemplate()) == ReservationTemplate()


def test_a_template_with_a_thousand_environment_entries_and_arguments(library):
    template = JobTemplate(remote_command="/bin/true",
                           args=["arg %d \u00e9" % i for i in range(1000)],
                           job_environment=dict(("VAR_%d" % i, "value %d" % i)
                                                for i in range(1000)))
    back = converted(library, "jtemplate", template)
    assert back.args == template.args
    assert back.job_environment == template.job_environment


def test_bad_input_raises_before_anything_reaches_c(library):
    with pytest.raises(TypeError) as caught:
        converted(library, "jtemplate", ["/bin/true"])
    assert "JobTemplate" in str(caught.value)


def test_an_impl_specific_value_the_library_refuses_raises_its_error(library):
    with pytest.raises(InvalidArgumentException) as caught:
        converted(library, "jtemplate",
                  JobTemplate(implementation_specific={"stub_nice": "99"}))
    assert "stub_nice" in str(caught.value)


def test_describe_attribute(library):
    text = library.describe_attribute(JobTemplate(), "stub_nice")
    assert "nice" in text
    with pytest.raises(Drmaa2Exception):
        library.describe_attribute(MachineInfo(), "x")


# ------------------------------------------------------------- through the DRM itself

def test_a_submitted_template_comes_back_from_the_job(library, session):
    template = JobTemplate(
        remote_command="/bin/true", args=[u"\u00e9t\u00e9", "x" * 300],
        submit_as_hold=True, rerunnable=True, job_environment={u"K\u00e9": u"\u2603"},
        working_directory="/tmp", job_name=u"caf\u00e9", input_path="/dev/null",
        output_path="/dev/null", error_path="/dev/null", join_files=True,
        queue_name="local", min_slots=1, priority=3, candidate_machines=[platform.node()],
        machine_os=OperatingSystem.LINUX, start_time=constants.NOW,
        resource_limits={"CPU_TIME": "60"}, implementation_specific={"stub_nice": "4"})
    job = library.jsession_run_job(session, template)
    try:
        assert library.j_get_jtemplate(job) == template._replace(email_on_started=False,
                                                                 email_on_terminated=False)
    finally:
        library.j_terminate(job)


def test_a_thousand_arguments_and_variables_reach_the_job(library, session, tmp_path):
    output = str(tmp_path / "out")
    template = JobTemplate(remote_command="/bin/sh",
                           args=["-c", 'echo "$#" "$VAR_999"', "sh"] +
                                ["a%d" % i for i in range(997)],
                           job_environment=dict(("VAR_%d" % i, "v%d" % i) for i in range(1000)),
                           output_path=output)
    job = library.jsession_run_job(session, template)
    library.j_wait_terminated(job, 30)
    assert library.j_get_jtemplate(job) == JobTemplate(**dict(template._asdict(), **FALSE_FLAGS))
    with open(output) as handle:
        assert handle.read().split() == ["997", "v999"]


def test_job_info_of_a_finished_job_has_every_field(library, session):
    job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/sh",
                                                        args=["-c", "exit 3"], job_name="ji"))
    library.j_wait_terminated(job, 30)
    info = library.j_get_info(job)
    assert info.job_id == library.j_get_id(job)
    assert (info.job_name, info.exit_status, info.job_state) == ("ji", 3, JobState.DONE)
    assert info.allocated_machines and all(isinstance(m, str) for m in info.allocated_machines)
    assert isinstance(info.wallclock_time, datetime.timedelta)
    assert info.submission_time <= info.dispatch_time <= info.finish_time
    assert info.finish_time.utcoffset() == datetime.timedelta(0)
    assert info.terminating_signal is None
    assert "stub_max_rss_kib" in info.implementation_specific
    assert library.j_get_state(job) == (JobState.DONE, info.job_sub_state)


def test_jobs_found_by_a_filter(library, session):
    job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/true",
                                                        job_name="wanted"))
    library.jsession_run_job(session, JobTemplate(remote_command="/bin/true",
                                                  job_name="other"))
    found = library.jsession_get_jobs(session, JobInfo(job_name="wanted"))
    assert [library.j_get_id(j) for j in found] == [library.j_get_id(job)]
    assert len(library.jsession_get_jobs(session, None)) == 2


def test_machine_queue_and_version_infos(library):
    monitoring = library.open_msession(None)
    try:
        machines = library.msession_get_all_machines(monitoring, None)
        queues = library.msession_get_all_queues(monitoring, None)
        assert library.msession_get_all_queues(monitoring, ["no such queue"]) == []
    finally:
        library.close_msession(monitoring)
        monitoring.free()
    (machine,) = machines
    assert isinstance(machine, MachineInfo)
    assert all(getattr(machine, field) is not None for field in MachineInfo._fields)
    assert machine.machine_os is OperatingSystem.LINUX
    expected_arch = {"x86_64": CpuArchitecture.X64, "aarch64": CpuArchitecture.ARM64}
    assert machine.machine_arch is expected_arch.get(platform.machine(), machine.machine_arch)
    assert machine.machine_os_version.major == platform.release().split(".")[0]
    assert queues == [QueueInfo(name="local")]
    assert isinstance(library.get_drms_version(), Version)


def test_reservation_template_info_and_slot_infos(library):
    session = library.create_rsession("c-layer-r", None)
    try:
        template = ReservationTemplate(reservation_name=u"r\u00e9s", start_time=constants.NOW,
                                       duration=datetime.timedelta(minutes=5), min_slots=1,
                                       users_acl=["alice"])
        reservation = library.rsession_request_reservation(session, template)
        assert library.r_get_reservation_template(reservation) == template
        info = library.r_get_info(reservation)
        assert isinstance(info, ReservationInfo)
        assert (info.reservation_id, info.reservation_name) == \
            (library.r_get_id(reservation), template.reservation_name)
        assert info.reserved_slots >= 1
        assert all(isinstance(slot, SlotInfo) and slot.slots >= 1
                   for slot in info.reserved_machines)
        assert sum(slot.slots for slot in info.reserved_machines) == info.reserved_slots
        assert [library.r_get_id(r) for r in library.rsession_get_reservations(session)] == \
            [info.reservation_id]
        library.r_terminate(reservation)
    finally:
        library.close_rsession(session)
        session.free()
        library.destroy_rsession("c-layer-r")


def test_notifications_arrive_converted_and_a_raising_callback_is_contained(
        library, session, caplog):
    received = []
    done = threading.Event()

    def callback(notification):
        received.append(notification)
        if notification.job_state is JobState.DONE:
            done.set()
        raise RuntimeError("a user's callback failing")
    library.register_event_notification(callback)
    try:
        job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
        assert done.wait(30)
    finally:
        library.register_event_notification(None)
    last = received[-1]
    assert (last.event, last.job_id, last.session_name, last.job_state) == \
        (Event.NEW_STATE, library.j_get_id(job), "c-layer", JobState.DONE)
    assert any("event callback raised" in record.getMessage() for record in caplog.records)


# ------------------------------------------------------------------- fault injection

ERRORS = [
    ("DENIED_BY_DRMS", "DeniedByDrmsException", 1),
    ("DRM_COMMUNICATION", "DrmCommunicationException", 2),
    ("TRY_LATER", "TryLaterException", 3),
    ("SESSION_MANAGEMENT", "SessionManagementException", 4),
    ("TIMEOUT", "TimeoutException", 5),
    ("INTERNAL", "InternalException", 6),
    ("INVALID_ARGUMENT", "InvalidArgumentException", 7),
    ("INVALID_SESSION", "InvalidSessionException", 8),
    ("INVALID_STATE", "InvalidStateException", 9),
    ("OUT_OF_RESOURCE", "OutOfResourceException", 10),
    ("UNSUPPORTED_ATTRIBUTE", "UnsupportedAttributeException", 11),
    ("UNSUPPORTED_OPERATION", "UnsupportedOperationException", 12),
    ("IMPLEMENTATION_SPECIFIC", "ImplementationSpecificException", 13),
]


def fail(monkeypatch, function, error):
    monkeypatch.setenv("DRMAA2_STUB_FAIL", "%s:DRMAA2_%s" % (function, error))


def assert_injected(caught, function, class_name, code):
    assert type(caught.value).__name__ == class_name
    assert caught.value.code == code
    assert caught.value.message.startswith(function + ": failure injected by DRMAA2_STUB_FAIL")


@pytest.mark.parametrize("error,class_name,code", ERRORS)
def test_every_error_code_reaches_python_as_its_class(library, session, monkeypatch,
                                                      error, class_name, code):
    fail(monkeypatch, "drmaa2_jsession_run_job", error)
    with pytest.raises(Drmaa2Exception) as caught:
        library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
    assert_injected(caught, "drmaa2_jsession_run_job", class_name, code)


@pytest.mark.parametrize("function,call", [
    ("drmaa2_j_hold", lambda lib, job: lib.j_hold(job)),                  # drmaa2_error
    ("drmaa2_j_get_state", lambda lib, job: lib.j_get_state(job)),        # UNSET_JSTATE
    ("drmaa2_j_get_info", lambda lib, job: lib.j_get_info(job)),          # NULL struct
    ("drmaa2_j_get_id", lambda lib, job: lib.j_get_id(job)),              # NULL string
    ("drmaa2_j_wait_terminated", lambda lib, job: lib.j_wait_terminated(job, 0)),
    ("drmaa2_jsession_get_contact",                                       # optional value
     lambda lib, job: lib.jsession_get_contact(job.session)),
    ("drmaa2_jsession_get_jobs", lambda lib, job: lib.jsession_get_jobs(job.session, None)),
    ("drmaa2_list_size", lambda lib, job: lib.jsession_get_jobs(job.session, None)),
    ("drmaa2_jinfo_create", lambda lib, job: lib.jsession_get_jobs(job.session, JobInfo())),
    ("drmaa2_dict_set", lambda lib, job: lib.jsession_run_job(
        job.session, JobTemplate(remote_command="x", job_environment={"A": "B"}))),
    ("drmaa2_set_instance_value", lambda lib, job: lib.jsession_run_job(
        job.session, JobTemplate(remote_command="x", implementation_specific={"stub_nice": "1"}))),
    ("drmaa2_get_jsession_names", lambda lib, job: lib.get_jsession_names()),
])
def test_each_kind_of_failure_is_detected(library, session, monkeypatch, function, call):
    job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
    job.session = session
    fail(monkeypatch, function, "INTERNAL")
    with pytest.raises(Drmaa2Exception) as caught:
        call(library, job)
    assert_injected(caught, function, "InternalException", 6)


def test_a_failure_inside_a_conversion_frees_what_was_built(library, monkeypatch):
    # list_add fails while the args list is built: the list and the template are freed
    # (valgrind: tools/leakcheck.py), and the next conversion works.
    fail(monkeypatch, "drmaa2_list_add", "OUT_OF_RESOURCE")
    with pytest.raises(Drmaa2Exception) as caught:
        converted(library, "jtemplate", JobTemplate(args=["a", "b", "c"]))
    assert type(caught.value).__name__ == "OutOfResourceException"
    monkeypatch.delenv("DRMAA2_STUB_FAIL")
    assert converted(library, "jtemplate", JobTemplate(args=["a"])).args == ["a"]


def test_job_arrays_and_job_control_through_the_facade(library, session):
    template = JobTemplate(remote_command="/bin/sleep", args=["30"], submit_as_hold=True)
    array = library.jsession_run_bulk_jobs(session, template, 1, 5, 2, 1)
    array_id = library.jarray_get_id(array)
    jobs = library.jarray_get_jobs(array)
    assert len(jobs) == 3
    assert library.jarray_get_session_name(array) == "c-layer"
    assert library.jarray_get_jtemplate(array) == template._replace(
        rerunnable=False, email_on_started=False, email_on_terminated=False, join_files=False)
    again = library.jsession_get_job_array(session, array_id)
    assert sorted(library.j_get_id(job) for job in library.jarray_get_jobs(again)) == \
        sorted(library.j_get_id(job) for job in jobs)
    assert library.j_get_session_name(jobs[0]) == "c-layer"
    assert library.j_get_state(jobs[0])[0] is JobState.QUEUED_HELD
    library.j_release(jobs[0])
    library.j_wait_started(jobs[0], 30)
    library.j_suspend(jobs[0])
    assert library.j_get_state(jobs[0])[0] is JobState.SUSPENDED
    library.j_resume(jobs[0])
    library.j_release(jobs[1])
    library.j_hold(jobs[1])
    assert library.j_get_state(jobs[1])[0] is JobState.QUEUED_HELD
    library.jarray_terminate(array)
    library.j_wait_terminated(jobs[0], 30)
    with pytest.raises(Drmaa2Exception) as caught:
        library.jsession_run_bulk_jobs(session, template, 0, 5, 1, None)
    assert type(caught.value).__name__ == "InvalidArgumentException"
    # An index that is no int is refused where it enters, naming it (its twin:
    # test_input_checks.test_bulk_indices_are_checked_where_they_enter).


def test_each_thread_gets_its_own_errors_and_conversions(library):
    problems = []

    def work(index):
        try:
            for round_ in range(30):
                name = "missing-%d-%d" % (index, round_)
                try:
                    library.open_jsession(name)
                except Drmaa2Exception as error:
                    if name not in error.message:
                        problems.append((name, error.message))
                template = JobTemplate(remote_command="/bin/%d" % index, args=[str(round_)])
                back = converted(library, "jtemplate", template)
                if (back.remote_command, back.args) != (template.remote_command, template.args):
                    problems.append((index, back))
        except Exception as error:  # recorded, so the main thread's assertion shows it
            problems.append((index, error))
    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
