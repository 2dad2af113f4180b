"""The DRMAA v1 C boundary (drmaa2._c.drmaa1) through C calls: a fake libdrmaa whose
functions are C function pointers (ctypes callbacks) bound by the real prototype table,
so that templates, NULL-terminated vectors, string vectors, diagnosis buffers, wait
status decoding and error codes all cross a real C calling boundary."""
import ctypes

import pytest

from drmaa2._c.drmaa1 import errors, names, prototypes
from drmaa2._c.drmaa1.library import Drmaa1Library
from drmaa2._c.loader import Loaded
from drmaa2.exceptions import (AuthorizationException, DeniedByDrmsException,
                               ImplementationSpecificException, InternalException,
                               InvalidArgumentException, InvalidStateException,
                               TimeoutException, TryLaterException)

# The fake wait status: bit 8 set means "exited" with the low byte as status; bit 9 means
# "signaled" (always SIGTERM).
EXITED, SIGNALED = 0x100, 0x200


def _pointer_args(entry):
    return [ctypes.c_void_p if argtype not in (ctypes.c_int, ctypes.c_uint, ctypes.c_long,
                                               ctypes.c_size_t) else argtype
            for argtype in entry.argtypes]


def _write(address, text, size):
    data = text.encode() + b"\0"
    ctypes.memmove(address, data, min(len(data), size))


def _set_int(address, value):
    ctypes.cast(address, ctypes.POINTER(ctypes.c_int))[0] = value


class FakeLibdrmaa(object):
    """A DRMAA v1 'library' of C callbacks; records what C received."""

    def __init__(self):
        self.templates = {}        # address -> {name: value or list}
        self.deleted = []
        self.vectors = {}          # address -> [strings], the vectors handed out
        self.released = []
        self.fail = {}             # function -> (code, diagnosis)
        self.wait_answer = (errors.SUCCESS, EXITED | 3, ["cpu=1.25", "end_time=99"])
        self.init_code = errors.SUCCESS
        self.controls = []
        self._functions = {}
        self._next = 1000
        for entry in prototypes.TABLE:
            implementation = getattr(self, "c_" + entry.name, None) or self._succeed(entry)
            ctype = ctypes.CFUNCTYPE(entry.restype, *_pointer_args(entry))
            self._functions["drmaa_" + entry.name] = ctype(self._guard(entry, implementation))

    def __getitem__(self, symbol):
        if symbol not in self._functions:
            raise AttributeError(symbol)
        return self._functions[symbol]

    def _guard(self, entry, implementation):
        def call(*args):
            if entry.name in self.fail:
                code, diagnosis = self.fail[entry.name]
                _write(args[-2], diagnosis, args[-1])
                return code
            return implementation(*args)
        return call

    @staticmethod
    def _succeed(entry):
        if entry.restype is None:
            return lambda *args: None
        if entry.name == "strerror":
            return lambda code: b"fake error text"
        return lambda *args: 0

    def _new(self):
        self._next += 1
        return self._next

    def _vector(self, strings):
        address = self._new()
        self.vectors[address] = list(strings)
        return address

    # templates
    def c_allocate_job_template(self, out, diag, size):
        address = self._new()
        self.templates[address] = {}
        ctypes.cast(out, ctypes.POINTER(ctypes.c_void_p))[0] = address
        return 0

    def c_delete_job_template(self, template, diag, size):
        self.deleted.append(template)
        return 0

    def c_set_attribute(self, template, name, value, diag, size):
        self.templates[template][ctypes.string_at(name).decode()] = (
            ctypes.string_at(value).decode())
        return 0

    def c_set_vector_attribute(self, template, name, values, diag, size):
        array = ctypes.cast(values, ctypes.POINTER(ctypes.c_char_p))
        items, index = [], 0
        while array[index] is not None:
            items.append(array[index].decode())
            index += 1
        self.templates[template][ctypes.string_at(name).decode()] = items
        return 0

    # string vectors
    def _next_of(self, vector, buffer, size):
        items = self.vectors[vector]
        if not items:
            return errors.NO_MORE_ELEMENTS
        _write(buffer, items.pop(0), size)
        return 0

    c_get_next_attr_name = c_get_next_attr_value = c_get_next_job_id = _next_of

    def _release(self, vector):
        self.released.append(vector)

    c_release_attr_names = c_release_attr_values = c_release_job_ids = _release

    # session and names
    def c_init(self, contact, diag, size):
        return self.init_code

    def c_get_DRM_system(self, buffer, length, diag, size):
        _write(buffer, "SGE 8.1.9", length)
        return 0

    def c_get_attribute_names(self, out, diag, size):
        ctypes.cast(out, ctypes.POINTER(ctypes.c_void_p))[0] = self._vector(
            [names.REMOTE_COMMAND, names.WD])
        return 0

    # jobs
    def c_run_job(self, job_id, length, template, diag, size):
        _write(job_id, "42", length)
        self.last_template = self.templates[template]
        return 0

    def c_run_bulk_jobs(self, out, template, start, end, step, diag, size):
        ids = ["43.%d" % index for index in range(start, end + 1, step)]
        ctypes.cast(out, ctypes.POINTER(ctypes.c_void_p))[0] = self._vector(ids)
        return 0

    def c_job_ps(self, job_id, state, diag, size):
        _set_int(state, names.PS_USER_SUSPENDED)
        return 0

    def c_control(self, job_id, action, diag, size):
        self.controls.append((ctypes.string_at(job_id).decode(), action))
        return 0

    def c_wait(self, job_id, out, length, stat, timeout, rusage, diag, size):
        code, status, usage = self.wait_answer
        if code in (errors.SUCCESS, errors.NO_RUSAGE):
            _write(out, ctypes.string_at(job_id).decode(), length)
            _set_int(stat, status)
            ctypes.cast(rusage, ctypes.POINTER(ctypes.c_void_p))[0] = (
                self._vector(usage) if code == errors.SUCCESS else None)
        return code

    def c_wifexited(self, out, stat, diag, size):
        _set_int(out, 1 if stat & EXITED else 0)
        return 0

    def c_wexitstatus(self, out, stat, diag, size):
        _set_int(out, stat & 0xff)
        return 0

    def c_wifsignaled(self, out, stat, diag, size):
        _set_int(out, 1 if stat & SIGNALED else 0)
        return 0

    def c_wtermsig(self, buffer, length, stat, diag, size):
        _write(buffer, "SIGTERM", length)
        return 0


@pytest.fixture
def fake():
    return FakeLibdrmaa()


@pytest.fixture
def library(fake):
    return Drmaa1Library(Loaded(fake, "/fake/libdrmaa.so", "DRMAA_LIBRARY_PATH"), environ={})


def test_init_picks_the_profile_from_the_drm_system(library):
    library.init()
    assert library.active
    assert library.profile.name == "gridengine"
    assert library.drm_system() == "SGE 8.1.9"


def test_an_already_active_session_is_accepted_and_a_second_contact_refused(fake, library):
    fake.init_code = errors.ALREADY_ACTIVE_SESSION
    library.init()
    assert library.active
    with pytest.raises(InvalidArgumentException) as caught:
        library.init("session=other")
    assert "one per process" in str(caught.value)


def test_a_failing_init_raises_with_the_diagnosis(fake, library):
    fake.fail["init"] = (errors.DRMS_INIT_FAILED, "cannot reach qmaster")
    with pytest.raises(Exception) as caught:
        library.init()
    assert "DRMAA_ERRNO_DRMS_INIT_FAILED" in str(caught.value)
    assert "cannot reach qmaster" in str(caught.value)
    assert not library.active


def test_run_job_sets_attributes_and_null_terminated_vectors_then_deletes(fake, library):
    job_id = library.run_job({names.REMOTE_COMMAND: "/bin/echo", names.WD: "/tmp"},
                             {names.V_ARGV: ["a b", "c"], names.V_ENV: []})
    assert job_id == "42"
    assert fake.last_template == {names.REMOTE_COMMAND: "/bin/echo", names.WD: "/tmp",
                                  names.V_ARGV: ["a b", "c"], names.V_ENV: []}
    assert len(fake.deleted) == 1


def test_a_refused_attribute_raises_with_its_diagnosis_and_frees_the_template(fake, library):
    fake.fail["set_attribute"] = (errors.INVALID_ATTRIBUTE_VALUE, "drmaa_wd: no such dir")
    with pytest.raises(InvalidArgumentException) as caught:
        library.run_job({names.WD: "/nowhere"}, {})
    message = str(caught.value)
    assert "drmaa_set_attribute" in message
    assert "DRMAA_ERRNO_INVALID_ATTRIBUTE_VALUE" in message
    assert "drmaa_wd: no such dir" in message
    assert caught.value.drmaa1_code == errors.INVALID_ATTRIBUTE_VALUE
    assert len(fake.deleted) == 1


def test_a_refused_submission_frees_the_template(fake, library):
    fake.fail["run_job"] = (errors.DENIED_BY_DRM, "no suitable queues")
    with pytest.raises(DeniedByDrmsException) as caught:
        library.run_job({names.REMOTE_COMMAND: "/bin/true"}, {})
    assert "no suitable queues" in str(caught.value)
    assert len(fake.deleted) == 1


def test_run_bulk_jobs_reads_and_releases_the_job_ids(fake, library):
    assert library.run_bulk_jobs({names.REMOTE_COMMAND: "/bin/true"}, {}, 1, 5, 2) == [
        "43.1", "43.3", "43.5"]
    assert len(fake.released) == 1
    assert len(fake.deleted) == 1


def test_attribute_names_are_read_and_released(fake, library):
    assert library.attribute_names() == [names.REMOTE_COMMAND, names.WD]
    assert len(fake.released) == 1


def test_wait_decodes_exit_status_and_resource_usage(fake, library):
    result = library.wait("42")
    assert (result.job_id, result.exited, result.exit_status, result.signaled) == (
        "42", True, 3, False)
    assert result.rusage == {"cpu": "1.25", "end_time": "99"}
    assert (result.cpu_time, result.finish_time, result.wallclock_time) == (1.25, 99.0, None)
    assert len(fake.released) == 1


def test_wait_decodes_a_signal(fake, library):
    fake.wait_answer = (errors.SUCCESS, SIGNALED, [])
    result = library.wait("42")
    assert (result.exited, result.exit_status, result.signaled, result.signal) == (
        False, None, True, "SIGTERM")


def test_wait_without_resource_usage_still_answers(fake, library):
    fake.wait_answer = (errors.NO_RUSAGE, EXITED | 0, None)
    result = library.wait("42")
    assert (result.exit_status, result.rusage) == (0, {})


def test_a_wait_that_times_out_raises_timeout(fake, library):
    fake.wait_answer = (errors.EXIT_TIMEOUT, 0, None)
    with pytest.raises(TimeoutException):
        library.wait("42")


def test_job_ps_and_control_pass_through(fake, library):
    assert library.job_ps("42") == names.PS_USER_SUSPENDED
    library.control("42", "resume")
    library.control("42", "terminate")
    assert fake.controls == [("42", 1), ("42", 4)]
    with pytest.raises(ValueError):
        library.control("42", "explode")


def test_control_in_the_wrong_state_is_an_invalid_state(fake, library):
    fake.fail["control"] = (errors.RESUME_INCONSISTENT_STATE, "not suspended")
    with pytest.raises(InvalidStateException):
        library.control("42", "resume")


def test_a_nul_inside_a_value_is_refused_before_c(library):
    with pytest.raises(InvalidArgumentException) as caught:
        library.run_job({names.REMOTE_COMMAND: "/bin/tr\0ue"}, {})
    assert names.REMOTE_COMMAND in str(caught.value)


@pytest.mark.parametrize("code, cls, drmaa2_code", [
    (errors.INTERNAL_ERROR, InternalException, 6),
    (errors.AUTH_FAILURE, AuthorizationException, 1),
    (errors.TRY_LATER, TryLaterException, 3),
    (errors.INVALID_JOB, InvalidArgumentException, 7),
    (errors.HOLD_INCONSISTENT_STATE, InvalidStateException, 9),
    (99, ImplementationSpecificException, 13),
])
def test_error_codes_map_to_drmaa2_exceptions(code, cls, drmaa2_code):
    error = errors.exception_for(code, "drmaa_control", "why")
    assert type(error) is cls
    assert error.code == drmaa2_code
    assert errors.drmaa1_code(error) == code
    assert str(error).startswith("drmaa_control failed: ")
    assert str(error).endswith(": why")


def test_every_standard_error_code_has_a_name_and_class():
    for code in range(1, errors.NO_MORE_ELEMENTS + 1):
        name, cls = errors.ERRORS[code]
        assert name.startswith("DRMAA_ERRNO_")
        assert errors.error_name(code) == name
