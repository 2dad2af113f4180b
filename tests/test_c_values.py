"""The exception classes and code mapping, the enums' fallbacks, and the conversion of single
values between Python and C (no library needed)."""
import datetime
import pickle

import pytest
import six

from drmaa2 import constants, exceptions
from drmaa2._c import values
from drmaa2.enums import (Capability, CpuArchitecture, Event, JobState, OperatingSystem,
                          from_value, to_value)
from drmaa2.exceptions import (AuthorizationException, DeniedByDrmsException,
                               Drmaa2Exception, ImplementationSpecificException,
                               InvalidArgumentException, LibraryNotFoundError,
                               SessionManagementException, TimeoutException)

STANDARD_CODES = [
    (1, "DeniedByDrmsException"), (2, "DrmCommunicationException"),
    (3, "TryLaterException"), (4, "SessionManagementException"), (5, "TimeoutException"),
    (6, "InternalException"), (7, "InvalidArgumentException"),
    (8, "InvalidSessionException"), (9, "InvalidStateException"),
    (10, "OutOfResourceException"), (11, "UnsupportedAttributeException"),
    (12, "UnsupportedOperationException"), (13, "ImplementationSpecificException"),
]


@pytest.mark.parametrize("code,name", STANDARD_CODES)
def test_every_standard_code_maps_to_its_class_with_code_and_text(code, name):
    error = exceptions.from_code(code, "the library's words")
    assert type(error).__name__ == name
    assert isinstance(error, Drmaa2Exception)
    assert error.code == code
    assert error.message == "the library's words"
    assert str(error) == "the library's words"


@pytest.mark.parametrize("code", [-1, 14, 15, 99, 2 ** 31 - 1])
def test_unknown_codes_are_implementation_specific_keeping_the_number(code):
    error = exceptions.from_code(code, "")
    assert type(error) is ImplementationSpecificException
    assert error.code == code
    assert str(code) in str(error)


def test_extra_codes_of_a_profile_win_over_the_fallback():
    error = exceptions.from_code(14, "not allowed", {14: AuthorizationException})
    assert type(error) is AuthorizationException
    assert isinstance(error, DeniedByDrmsException)


def test_the_builtin_bases():
    assert issubclass(InvalidArgumentException, ValueError)
    assert issubclass(LibraryNotFoundError, OSError)
    assert issubclass(LibraryNotFoundError, Drmaa2Exception)
    assert issubclass(SessionManagementException, Drmaa2Exception)
    if six.PY3:
        assert issubclass(TimeoutException, TimeoutError)  # noqa: F821


def test_exceptions_pickle_with_code_and_message():
    error = pickle.loads(pickle.dumps(exceptions.from_code(9, "bad state")))
    assert (type(error).__name__, error.code, error.message) == ("InvalidStateException", 9,
                                                                 "bad state")


def test_a_non_ascii_message_prints():
    error = exceptions.from_code(7, u"caf\xe9")
    assert u"caf\xe9" in (str(error).decode("utf-8") if six.PY2 else str(error))


@pytest.mark.parametrize("enum_class,fallback", [
    (JobState, JobState.UNDETERMINED), (OperatingSystem, OperatingSystem.OTHER_OS),
    (CpuArchitecture, CpuArchitecture.OTHER_CPU), (Event, Event.ATTRIBUTE_CHANGE)])
def test_unknown_enum_values_give_the_fallback(enum_class, fallback):
    assert from_value(enum_class, 9999) is fallback
    assert from_value(enum_class, 2) is enum_class(2)


def test_enum_values_are_the_c_values():
    assert JobState.FAILED.value == 8
    assert CpuArchitecture.PPC64LE.value == 16
    assert OperatingSystem.WINNT.value == 11
    assert Capability.RT_MACHINEARCH.value == 12


def test_to_value_takes_member_or_int_and_refuses_others():
    assert to_value(JobState, JobState.RUNNING) == 3
    assert to_value(JobState, 3) == 3
    with pytest.raises(InvalidArgumentException) as caught:
        to_value(JobState, 44, "job_state")
    assert "job_state" in str(caught.value)
    with pytest.raises(TypeError):
        to_value(JobState, True)
    with pytest.raises(TypeError):
        to_value(JobState, OperatingSystem.LINUX)


# ---------------------------------------------------------------- strings

def test_strings_encode_as_utf8_from_text_or_bytes():
    assert values.encode_string(u"h\xe9", "x") == b"h\xc3\xa9"
    assert values.encode_string(b"raw", "x") == b"raw"
    assert values.decode_string(b"h\xc3\xa9") == (b"h\xc3\xa9" if six.PY2 else u"h\xe9")


def test_bytes_that_are_no_utf8_decode_to_replacement_characters():
    decoded = values.decode_string(b"caf\xe9")
    assert (decoded.decode("utf-8") if six.PY2 else decoded) == u"caf\ufffd"


@pytest.mark.parametrize("value", [u"a\0b", b"a\0b"])
def test_a_nul_inside_a_string_is_refused_naming_the_argument(value):
    with pytest.raises(InvalidArgumentException) as caught:
        values.encode_string(value, "remote_command")
    assert "remote_command" in str(caught.value)


def test_a_non_string_is_a_type_error():
    with pytest.raises(TypeError) as caught:
        values.encode_string(5, "queue_name")
    assert "queue_name" in str(caught.value)


# ---------------------------------------------------------------- numbers

def test_counts_map_unset_to_none_and_back():
    assert values.count_from_c(-1) is None
    assert values.count_from_c(0) == 0
    assert values.count_from_c(-99999, unset=-99999) is None
    assert values.count_to_c(None, "slots") == -1
    assert values.count_to_c(None, "priority", unset=-99999) == -99999
    assert values.count_to_c(7, "slots") == 7


def test_counts_refuse_bools_floats_and_overflow():
    with pytest.raises(TypeError):
        values.count_to_c(True, "slots")
    with pytest.raises(TypeError):
        values.count_to_c(1.5, "slots")
    with pytest.raises(InvalidArgumentException) as caught:
        values.count_to_c(2 ** 63, "slots")
    assert "slots" in str(caught.value)


def test_bools_and_enums():
    assert values.bool_from_c(1) is True and values.bool_from_c(0) is False
    assert values.bool_to_c(None, "x") == 0 and values.bool_to_c(True, "x") == 1
    with pytest.raises(TypeError):
        values.bool_to_c(1, "join_files")
    assert values.enum_from_c(OperatingSystem, -1) is None
    assert values.enum_from_c(JobState, 9) is JobState.UNDETERMINED
    assert values.enum_to_c(CpuArchitecture, None, "x") == -1
    assert values.enum_to_c(CpuArchitecture, CpuArchitecture.ARM64, "x") == 3


# ------------------------------------------------------------------ times

def test_absolute_times_are_aware_utc_datetimes():
    moment = values.time_from_c(86400)
    assert moment == datetime.datetime(1970, 1, 2, tzinfo=values.UTC)
    assert moment.utcoffset() == datetime.timedelta(0)
    assert values.time_from_c(-3) is None
    assert values.time_from_c(-1) is None


def test_now_is_a_start_time_only():
    # An info's times cannot hold drmaa2.NOW: a library returning DRMAA2_NOW there reads
    # as unset instead of breaking the whole get_info().
    assert values.time_from_c(-2) is None
    assert values.start_time_from_c(-2) is constants.NOW
    assert values.start_time_from_c(-3) is None
    assert values.start_time_from_c(60) == values.time_from_c(60)


def test_absolute_times_to_c():
    assert values.time_to_c(None, "t") == -3
    assert values.time_to_c(constants.NOW, "t") == -2
    assert values.time_to_c(datetime.datetime(1970, 1, 2, tzinfo=values.UTC), "t") == 86400
    assert values.time_to_c(datetime.datetime(1970, 1, 2), "t") == 86400  # naive is UTC
    assert values.time_to_c(100.9, "t") == 100
    with pytest.raises(TypeError):
        values.time_to_c("tomorrow", "start_time")


def test_durations():
    assert values.duration_from_c(-3) is None
    assert values.duration_from_c(-1, values.UNSET_NUM) is None
    assert values.duration_from_c(90) == datetime.timedelta(seconds=90)
    assert values.duration_to_c(None, "d") == -3
    assert values.duration_to_c(None, "d", unset=-1) == -1
    assert values.duration_to_c(datetime.timedelta(minutes=2), "d") == 120
    assert values.duration_to_c(1.2, "d") == 2
    with pytest.raises(InvalidArgumentException):
        values.duration_to_c(-5, "duration")


def test_timeouts():
    assert values.timeout_to_c(constants.INFINITE_TIME) == -1
    assert values.timeout_to_c(constants.ZERO_TIME) == 0
    assert values.timeout_to_c(0.2) == 1
    assert values.timeout_to_c(datetime.timedelta(seconds=3)) == 3
    # A negative timeout is refused where it enters, naming it (its twin:
    # test_input_checks.test_a_negative_timeout_is_refused_where_it_enters).
    with pytest.raises(TypeError):
        values.timeout_to_c("soon")
