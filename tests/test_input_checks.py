"""Every value is checked once, where it enters the public API, naming the argument; the
C layer only guards against what must never reach C.  Run against the stub library:
string arguments that are no UTF-8 text, sessions stored under such names by earlier
versions, timeouts (only the int INFINITE_TIME waits forever) and reservations whose
times could not be read back."""
import datetime
import re

import pytest
import six

import drmaa2
from drmaa2 import _arguments
from drmaa2._c import values
from drmaa2._c.handles import JobSessionHandle, ReservationSessionHandle
from drmaa2._c.library import Library
from drmaa2.constants import INFINITE_TIME
from drmaa2.exceptions import InternalException, InvalidArgumentException
from drmaa2.types import UTC, JobTemplate, ReservationTemplate

#: Strings that are no valid text: bytes that are not UTF-8, and (on Python 3, whose
#: str can hold them) a lone surrogate.
NOT_TEXT = [b"\xff\xfe"] + ([] if six.PY2 else [u"\udcff"])
REPLACED = u"\ufffd" if not six.PY2 else u"\ufffd".encode("utf-8")


@pytest.fixture
def library(stub_library):
    """A facade of its own on the stub, to do what the public API refuses."""
    return Library.load(environ={"DRMAA2_LIBRARY_PATH": stub_library})


@pytest.fixture
def job_session():
    session = drmaa2.create_job_session("input-checks")
    yield session
    session.close()
    drmaa2.destroy_job_session("input-checks")


@pytest.fixture
def reservation_session():
    session = drmaa2.create_reservation_session("input-checks")
    yield session
    session.close()
    drmaa2.destroy_reservation_session("input-checks")


# ------------------------------------------------------------- strings that are no text

def _string_calls():
    def monitoring(call):
        def run(bad):
            session = drmaa2.open_monitoring_session()
            try:
                return call(session, bad)
            finally:
                session.close()
        return run

    return [
        ("session_name", lambda bad: drmaa2.create_job_session(bad)),
        ("contact", lambda bad: drmaa2.create_job_session("fine", bad)),
        ("session_name", lambda bad: drmaa2.open_job_session(bad)),
        ("session_name", lambda bad: drmaa2.destroy_job_session(bad)),
        ("session_name", lambda bad: drmaa2.create_reservation_session(bad)),
        ("contact", lambda bad: drmaa2.create_reservation_session("fine", bad)),
        ("session_name", lambda bad: drmaa2.open_reservation_session(bad)),
        ("session_name", lambda bad: drmaa2.destroy_reservation_session(bad)),
        ("session", lambda bad: drmaa2.destroy_session(bad)),
        ("session", lambda bad: drmaa2.destroy_session(session=bad)),
        ("session_name", lambda bad: drmaa2.destroy_session(session_name=bad)),
        ("contact", lambda bad: drmaa2.open_monitoring_session(bad)),
        ("names[1]", monitoring(lambda session, bad: session.get_all_machines(["m", bad]))),
        ("names[0]", monitoring(lambda session, bad: session.get_all_queues([bad]))),
        ("name", lambda bad: drmaa2.describe_attribute(JobTemplate(), bad)),
    ]


@pytest.mark.parametrize("bad", NOT_TEXT, ids=repr)
@pytest.mark.parametrize("named, call", _string_calls())
def test_a_string_argument_that_is_no_text_is_refused_naming_it(named, call, bad):
    with pytest.raises(InvalidArgumentException) as caught:
        call(bad)
    assert named in str(caught.value)
    assert drmaa2.get_job_session_names() == []
    assert drmaa2.get_reservation_session_names() == []


@pytest.mark.parametrize("bad", NOT_TEXT, ids=repr)
def test_ids_that_are_no_text_are_refused_naming_them(job_session, reservation_session,
                                                       bad):
    with pytest.raises(InvalidArgumentException) as caught:
        job_session.get_job_array(bad)
    assert "job_array_id" in str(caught.value)
    with pytest.raises(InvalidArgumentException) as caught:
        reservation_session.get_reservation(bad)
    assert "reservation_id" in str(caught.value)


def test_string_arguments_are_given_on_as_the_native_str():
    assert _arguments.text(b"caf\xc3\xa9", "name") == (b"caf\xc3\xa9" if six.PY2 else
                                                       u"caf\xe9")
    assert _arguments.text_list([b"a", u"b"], "names") == ["a", "b"]


@pytest.mark.parametrize("bad", NOT_TEXT, ids=repr)
def test_the_c_layer_never_lets_what_is_no_text_through(library, bad):
    # The last guard, for callers of the C layer that skipped the public checks.
    with pytest.raises(InvalidArgumentException) as caught:
        values.encode_string(bad, "session name")
    assert "session name" in str(caught.value)
    with pytest.raises(InvalidArgumentException):
        library.create_jsession(bad, None)
    with pytest.raises(InvalidArgumentException):
        library.containers.new_string_list(["fine", bad], "names")
    assert library.get_jsession_names() == []


# ------------------------------------------- sessions stored under names that are no text

def _store_job_session(library, raw_name):
    """A job session stored under ``raw_name`` as earlier versions let it through."""
    handle = JobSessionHandle(library.c.create_jsession(raw_name, None), library.c.jsession_free)
    library.close_jsession(handle)
    handle.free()


def _store_reservation_session(library, raw_name):
    handle = ReservationSessionHandle(library.c.create_rsession(raw_name, None),
                                      library.c.rsession_free)
    library.close_rsession(handle)
    handle.free()


# b"\xff\xfe" as given as bytes; b"\xff" is what '\udcff' became (surrogateescape).
@pytest.mark.parametrize("raw_name, listed", [(b"\xff\xfe", REPLACED * 2),
                                              (b"old\xff", u"old" + REPLACED
                                               if not six.PY2 else b"old" + REPLACED)])
def test_a_job_session_stored_under_no_text_opens_and_goes_by_its_listed_name(
        library, raw_name, listed):
    _store_job_session(library, raw_name)
    names = drmaa2.get_job_session_names()
    assert names == [listed]
    session = drmaa2.open_job_session(names[0])
    assert session.session_name == listed
    job = session.run_job(JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(30)
    assert drmaa2.open_job_session(names[0]).get_jobs() == [job]
    session.close()
    drmaa2.destroy_job_session(names[0])
    assert drmaa2.get_job_session_names() == []
    assert library.containers.take_bytes_list(library.c.get_jsession_names()) == []


def test_a_reservation_session_stored_under_no_text_opens_and_goes_by_its_listed_name(
        library):
    _store_reservation_session(library, b"\xff\xfe")
    names = drmaa2.get_reservation_session_names()
    assert names == [REPLACED * 2]
    drmaa2.open_reservation_session(names[0]).close()
    drmaa2.destroy_session(names[0])
    assert drmaa2.get_reservation_session_names() == []


def test_a_session_really_named_with_replacement_characters_is_itself(library):
    _store_job_session(library, b"\xff")
    drmaa2.create_job_session(REPLACED).close()
    drmaa2.destroy_job_session(REPLACED)        # the one of that name, not the stored one
    assert library.containers.take_bytes_list(library.c.get_jsession_names()) == [b"\xff"]


def test_two_stored_names_that_read_alike_are_not_guessed_between(library):
    _store_job_session(library, b"\xff")
    _store_job_session(library, b"\xfe")
    assert drmaa2.get_job_session_names() == [REPLACED, REPLACED]
    with pytest.raises(InvalidArgumentException) as caught:
        drmaa2.destroy_job_session(REPLACED)
    assert "2 sessions" in str(caught.value)
    assert len(drmaa2.get_job_session_names()) == 2


def test_an_unknown_name_with_replacement_characters_still_says_there_is_none(library):
    _store_job_session(library, b"\xff")
    with pytest.raises(InvalidArgumentException) as caught:
        drmaa2.open_job_session(u"x" + REPLACED if not six.PY2 else b"x" + REPLACED)
    assert "no job session named" in str(caught.value)


# ------------------------------------------------------------------------------ timeouts

def _short(value):
    text = repr(value)
    return text if len(text) < 24 else text[:10] + "..."


def _wait_calls():
    return [
        ("wait_started", lambda session, job, timeout: job.wait_started(timeout)),
        ("wait_terminated", lambda session, job, timeout: job.wait_terminated(timeout)),
        ("wait_any_started",
         lambda session, job, timeout: session.wait_any_started([job], timeout)),
        ("wait_any_terminated",
         lambda session, job, timeout: session.wait_any_terminated([job], timeout)),
    ]


@pytest.fixture
def ended_job(job_session):
    job = job_session.run_job(JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(INFINITE_TIME)
    return job


@pytest.mark.parametrize("timeout", [-1.0, datetime.timedelta(seconds=-1), -5, -0.5,
                                     -2 ** 1024, float("-inf"), float("nan")], ids=_short)
@pytest.mark.parametrize("function, call", _wait_calls())
def test_only_the_int_infinite_time_waits_forever_other_negatives_are_refused(
        job_session, ended_job, function, call, timeout):
    with pytest.raises(InvalidArgumentException) as caught:
        call(job_session, ended_job, timeout)
    assert "timeout" in str(caught.value)


@pytest.mark.parametrize("timeout", [2 ** 1024, 10 ** 400, 1e300, float("inf"),
                                     datetime.timedelta.max, INFINITE_TIME], ids=_short)
@pytest.mark.parametrize("function, call", _wait_calls())
def test_a_huge_timeout_is_a_long_wait_never_an_overflow(job_session, ended_job, function,
                                                          call, timeout):
    result = call(job_session, ended_job, timeout)
    assert result in (None, ended_job)


def test_a_negative_timeout_is_refused_where_it_enters():
    for timeout in (-5, -1.0, datetime.timedelta(seconds=-1)):
        with pytest.raises(InvalidArgumentException) as caught:
            _arguments.timeout(timeout)
        assert "timeout" in str(caught.value)
    assert _arguments.timeout(INFINITE_TIME) == INFINITE_TIME
    assert _arguments.timeout(2 ** 1024) == INFINITE_TIME
    assert _arguments.timeout(datetime.timedelta(seconds=3)) == 3


def test_a_huge_timeout_still_waits_for_the_job(job_session):
    job = job_session.run_job(JobTemplate(remote_command="/bin/sleep", args=["0.3"]))
    job.wait_terminated(2 ** 1024)
    assert job.get_state()[0] is drmaa2.JobState.DONE


# -------------------------------------------------------------------------- bulk indices

@pytest.mark.parametrize("arguments, error, named", [
    ((None, 3, 1), TypeError, "begin_index"),
    ((2 ** 63, 2 ** 63, 1), InvalidArgumentException, "begin_index"),
    ((1, 2 ** 63, 1), InvalidArgumentException, "end_index"),
    ((1, 3, 2 ** 64), InvalidArgumentException, "step"),
    ((1, 3, 1, 2 ** 63), InvalidArgumentException, "max_parallel"),
])
def test_bulk_indices_are_checked_where_they_enter(job_session, arguments, error, named):
    with pytest.raises(error) as caught:
        job_session.run_bulk_jobs(JobTemplate(remote_command="/bin/true"), *arguments)
    assert named in str(caught.value)
    assert job_session.get_jobs() == []


# ------------------------------------------------------------ reservations out of range

@pytest.mark.parametrize("template", [
    ReservationTemplate(duration=datetime.timedelta(days=3000000), min_slots=1),
    ReservationTemplate(start_time=datetime.datetime(9999, 12, 31),
                        duration=datetime.timedelta(days=365), min_slots=1),
    ReservationTemplate(start_time=datetime.datetime(9999, 12, 31, 23, 59, 59),
                        duration=datetime.timedelta(seconds=0.5), min_slots=1),
], ids=["3000000 days from now", "365 days from 9999-12-31", "half a second too late"])
def test_a_reservation_that_could_not_be_read_back_is_refused_when_requested(
        reservation_session, template):
    with pytest.raises(InvalidArgumentException) as caught:
        reservation_session.request_reservation(template)
    assert "duration" in str(caught.value)
    assert reservation_session.get_reservations() == []


def test_a_reservation_ending_at_the_last_second_is_granted_and_read_back(
        reservation_session):
    start = datetime.datetime(9999, 12, 31, 22, 0, tzinfo=UTC)
    reservation = reservation_session.request_reservation(ReservationTemplate(
        start_time=start, duration=datetime.timedelta(seconds=7199), min_slots=1))
    info = reservation.get_info()
    assert info.reserved_start_time == start
    assert info.reserved_end_time == datetime.datetime(9999, 12, 31, 23, 59, 59,
                                                       tzinfo=UTC)


def test_a_time_the_library_returns_out_of_range_is_its_internal_error(library):
    # Through the C layer, which does not check requests: as a library of another vendor
    # might return such a time.
    session = library.create_rsession("out-of-range", None)
    try:
        reservation = library.rsession_request_reservation(session, ReservationTemplate(
            duration=datetime.timedelta(days=3000000), min_slots=1))
        with pytest.raises(InternalException) as caught:
            library.r_get_info(reservation)
        message = str(caught.value)
        assert "ReservationInfo.reserved_end_time" in message and "9999-12-31" in message
        value = int(re.search(r"the time (\d+)", message).group(1))
        assert value > 3000000 * 86400   # the value, named
        library.r_terminate(reservation)
    finally:
        library.close_rsession(session)
        session.free()
        library.destroy_rsession("out-of-range")


def test_a_duration_the_library_returns_out_of_range_is_its_internal_error():
    with pytest.raises(InternalException) as caught:
        values.duration_from_c(10 ** 15)
    assert str(10 ** 15) in str(caught.value)
    with pytest.raises(InternalException) as caught:
        values.time_from_c(260996112994)
    assert "260996112994" in str(caught.value)
