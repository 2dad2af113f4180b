"""Binding a real library (the stub): the prototype table against the header, mandatory and
optional functions (hidden from a wrapper of the stub), aliases, profile choice and
probes, and the error checks' handling of vendor quirks."""
import ctypes
import logging
import os
import re

import pytest

from drmaa2._c import loader, prototypes
from drmaa2._c.containers import Containers
from drmaa2._c.errors import ErrorChecker
from drmaa2._c.handles import JobHandle
from drmaa2._c.library import Library
from drmaa2._c.profiles import PROFILES
from drmaa2.exceptions import (AuthorizationException, ImplementationSpecificException,
                               InternalException, InvalidArgumentException,
                               InvalidSessionException, InvalidStateException,
                               LibraryNotFoundError, TimeoutException,
                               UnsupportedOperationException)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = os.path.join(ROOT, "tests", "stub", "drmaa2.h")


@pytest.fixture
def library_path():
    """The library under test: the stub unless DRMAA2_LIBRARY_PATH says otherwise."""
    path = os.environ["DRMAA2_LIBRARY_PATH"]
    if not os.path.exists(path):
        pytest.fail("%s is missing: run `make stub` (make test does it)" % path)
    return path


class HidingLibrary(object):
    """The real library with some symbols hidden, as an older or smaller vendor's would be."""

    def __init__(self, path, hidden):
        self._cdll = ctypes.CDLL(path)
        self._hidden = set(hidden)

    def __getitem__(self, name):
        if name in self._hidden:
            raise AttributeError("undefined symbol: %s" % name)
        return self._cdll[name]

    def __getattr__(self, name):
        if name in self._hidden:
            raise AttributeError("undefined symbol: %s" % name)
        return getattr(self._cdll, name)


def library_without(path, *hidden):
    return Library(loader.Loaded(HidingLibrary(path, hidden), path, "test"), environ={})


def header_functions():
    with open(HEADER) as handle:
        text = re.sub(r"/\*.*?\*/", "", handle.read(), flags=re.S)
    names = set(re.findall(r"\b(drmaa2_\w+)\s*\(", text))
    return set(name for name in names if not name.endswith(("_entryfree", "_callback")))


def test_the_table_declares_every_function_of_the_header():
    table = set("drmaa2_" + name for entry in prototypes.TABLE
                for name in (entry.name,) + entry.aliases)
    # drmaa2_rinfo_create is no standard function: reservation infos are only ever read.
    assert header_functions() - table == set(["drmaa2_rinfo_create"])
    assert table - header_functions() == set(["drmaa2_version_impl_spec"])  # UGE only


def test_every_function_is_bound_with_its_prototype_and_a_check(library_path):
    library = Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path})
    assert library.missing == ["drmaa2_version_impl_spec"]
    for entry in prototypes.TABLE:
        if entry.name == "version_impl_spec":
            continue
        function = getattr(library.c, entry.name)
        assert function.restype == entry.restype, entry.name
        assert list(function.argtypes) == list(entry.argtypes), entry.name
        assert (function.errcheck is not None) == (entry.check != prototypes.NO_RESULT)


def test_the_stub_is_profiled_gfd230_and_probed(library_path, caplog):
    caplog.set_level(logging.DEBUG, logger="drmaa2")
    library = Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path})
    assert (library.path, library.found_by, library.profile) == \
        (library_path, "DRMAA2_LIBRARY_PATH", "gfd230")
    quirks = library.quirks
    assert (quirks.lasterror_text_static, quirks.lasterror_resets, quirks.list_prepends,
            quirks.jinfo_is_2012) == (False, True, False, False)
    assert any("layout profile gfd230" in record.getMessage() for record in caplog.records)


def machines(library):
    session = library.open_msession(None)
    try:
        return library.msession_get_all_machines(session, None)
    finally:
        library.close_msession(session)
        session.free()


def test_drmaa2_layout_overrides_the_profile_and_the_layout_read(library_path):
    standard = Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path})
    forced = Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path,
                                   "DRMAA2_LAYOUT": "uge"})
    assert (standard.profile, forced.profile) == ("gfd230", "uge")
    (right,), (swapped,) = machines(standard), machines(forced)
    # The stub writes the standard order; read as Grid Engine's, OS and arch trade places.
    assert (swapped.machine_os.value, swapped.machine_arch.value) == \
        (right.machine_arch.value, right.machine_os.value)


def test_a_bad_drmaa2_layout_is_an_error(library_path):
    with pytest.raises(InvalidArgumentException) as caught:
        Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path, "DRMAA2_LAYOUT": "sge"})
    assert "gfd230" in str(caught.value)


def test_a_library_lacking_mandatory_functions_is_refused_naming_them(library_path):
    with pytest.raises(LibraryNotFoundError) as caught:
        library_without(library_path, "drmaa2_j_get_info", "drmaa2_jsession_run_job")
    assert "drmaa2_j_get_info" in str(caught.value)
    assert "drmaa2_jsession_run_job" in str(caught.value)
    assert library_path in str(caught.value)


def test_the_loader_refuses_an_incomplete_library_named_by_the_variable(library_path, mocker):
    mocker.patch.object(loader, "load_file",
                        side_effect=lambda path: HidingLibrary(path, ["drmaa2_lasterror"]))
    with pytest.raises(LibraryNotFoundError) as caught:
        Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path})
    assert "DRMAA2_LIBRARY_PATH=%s" % library_path in str(caught.value)
    assert "drmaa2_lasterror" in str(caught.value)


def test_a_renamed_function_binds_under_its_other_name(library_path):
    library = library_without(library_path, "drmaa2_j_get_jtemplate",
                              "drmaa2_jarray_get_jtemplate", "drmaa2_r_get_reservation_template")
    assert library.c.symbols["j_get_jtemplate"] == "drmaa2_j_get_jt"
    assert library.c.symbols["jarray_get_jtemplate"] == "drmaa2_jarray_get_job_template"
    assert library.c.symbols["r_get_reservation_template"] == "drmaa2_r_get_rtemplate"


def test_a_function_missing_under_every_name_is_refused(library_path):
    with pytest.raises(LibraryNotFoundError) as caught:
        library_without(library_path, "drmaa2_j_get_jtemplate", "drmaa2_j_get_jt")
    assert "drmaa2_j_get_jtemplate" in str(caught.value)


def test_a_missing_optional_function_raises_only_when_called(library_path):
    library = library_without(library_path, "drmaa2_get_drmaa_name", "drmaa2_j_reap",
                              "drmaa2_jtemplate_impl_spec")
    assert set(library.missing) >= set(["drmaa2_get_drmaa_name", "drmaa2_j_reap"])
    assert library.get_drms_name() == "drmaa2-stub"
    # The DRMAA name is optional information (UGE 8.3 lacks the function): None.
    assert library.get_drmaa_name() is None
    job = JobHandle(0x1000, free_function=lambda address: None)
    with pytest.raises(UnsupportedOperationException) as caught:
        library.j_reap(job)
    assert "drmaa2_j_reap" in str(caught.value)
    assert library.impl_spec("jtemplate") == []
    assert library.impl_spec("jinfo") == ["stub_max_rss_kib"]


def test_names_versions_capabilities_and_resource_limits(library_path):
    from drmaa2.enums import Capability
    from drmaa2.types import Version
    library = Library.load(environ={"DRMAA2_LIBRARY_PATH": library_path})
    assert library.get_drmaa_name() == "drmaa2-stub"
    assert library.get_drmaa_version() == Version(major="2", minor="2")
    assert isinstance(library.get_drms_version(), Version)
    assert library.supports(Capability.CALLBACK) is True
    assert library.supports(Capability.JT_EMAIL) is False
    assert library.resource_limit_names()["CPU_TIME"] == "CPU_TIME"
    with pytest.raises(InvalidArgumentException):
        library.impl_spec("jobtemplate")
    with pytest.raises(TypeError):
        library.supports(None)


# ----------------------------------------------- error checks over fake functions

class FakeErrorState(object):
    """lasterror / lasterror_text / string_free of a pretend library."""

    def __init__(self, code, text):
        self.code = code
        self.text = ctypes.create_string_buffer(text)
        self.freed = []

    def lasterror(self):
        return self.code

    def lasterror_text(self):
        return ctypes.addressof(self.text)

    def string_free(self, address):
        self.freed.append(address)


def checker_for(state, static=False, resets=True, profile="gfd230"):
    checker = ErrorChecker()
    checker.functions = state
    checker.lasterror_text_static = static
    checker.lasterror_resets = resets
    checker.extra_error_classes = PROFILES[profile].extra_error_classes
    checker.zero_wait_invalid_state = PROFILES[profile].zero_wait_invalid_state
    return checker


def test_a_static_error_text_is_not_freed_and_a_copy_is():
    entry = prototypes.BY_NAME["j_get_info"]
    state = FakeErrorState(8, b"no such session")
    with pytest.raises(InvalidSessionException):
        checker_for(state, static=True)(entry, None, ())
    assert state.freed == []
    with pytest.raises(InvalidSessionException) as caught:
        checker_for(state, static=False)(entry, None, ())
    assert len(state.freed) == 1
    assert caught.value.message == "no such session"


def test_code_14_is_authorization_in_the_uge_profile_only():
    entry = prototypes.BY_NAME["j_suspend"]
    state = FakeErrorState(0, b"not yours")
    with pytest.raises(AuthorizationException):
        checker_for(state, profile="uge")(entry, 14, ())
    with pytest.raises(ImplementationSpecificException) as caught:
        checker_for(state, profile="gfd230")(entry, 14, ())
    assert caught.value.code == 14


@pytest.mark.parametrize("profile", ["uge", "uge83"])
def test_grid_engines_invalid_state_on_a_wait_whose_time_is_up_is_a_timeout(profile):
    state = FakeErrorState(9, b"job is not finished")
    job_wait = prototypes.BY_NAME["j_wait_terminated"]
    with pytest.raises(TimeoutException) as caught:
        checker_for(state, profile=profile)(job_wait, 9, (0x10, 0))
    assert caught.value.message == "job is not finished"
    with pytest.raises(TimeoutException):
        checker_for(state, profile=profile)(
            prototypes.BY_NAME["jsession_wait_any_started"], None, (0x10, 0x20, 0))
    # A wait with a real timeout is a timeout too (its time is up); a wait without a
    # limit, and any other function, keep the library's code.
    with pytest.raises(TimeoutException):
        checker_for(state, profile=profile)(job_wait, 9, (0x10, 5))
    with pytest.raises(InvalidStateException):
        checker_for(state, profile=profile)(job_wait, 9, (0x10, -1))
    with pytest.raises(InvalidStateException):
        checker_for(state, profile=profile)(prototypes.BY_NAME["j_suspend"], 9, (0x10,))


def test_the_standard_profiles_keep_invalid_state_on_a_zero_time_wait():
    state = FakeErrorState(9, b"wrong state")
    with pytest.raises(InvalidStateException):
        checker_for(state, profile="gfd230")(prototypes.BY_NAME["j_wait_started"], 9, (0x10, 0))


def test_the_returned_error_code_wins_over_lasterror():
    state = FakeErrorState(0, b"")
    with pytest.raises(InvalidSessionException) as caught:
        checker_for(state)(prototypes.BY_NAME["close_jsession"], 8, ())
    assert "drmaa2_close_jsession" in str(caught.value)


def test_an_earlier_error_text_is_not_given_as_this_calls_on_a_sticky_library():
    state = FakeErrorState(5, b"job 1 did not start within 0 s")
    with pytest.raises(InvalidSessionException) as caught:
        checker_for(state, resets=False)(prototypes.BY_NAME["close_jsession"], 8, ())
    assert caught.value.message == "drmaa2_close_jsession failed with DRMAA2 error code 8"
    with pytest.raises(InvalidSessionException) as caught:
        checker_for(state, resets=True)(prototypes.BY_NAME["close_jsession"], 8, ())
    assert caught.value.message == "job 1 did not start within 0 s"  # today's check


def test_null_without_an_error_code_is_an_internal_error():
    with pytest.raises(InternalException) as caught:
        checker_for(FakeErrorState(0, b""))(prototypes.BY_NAME["j_get_info"], None, ())
    assert "drmaa2_j_get_info" in str(caught.value)


def test_an_optional_null_is_no_value_unless_the_library_reports_an_error():
    entry = prototypes.BY_NAME["jsession_get_contact"]
    assert checker_for(FakeErrorState(0, b""))(entry, None, ()) is None
    assert checker_for(FakeErrorState(2, b"x"), resets=False)(entry, None, ()) is None
    with pytest.raises(Exception) as caught:
        checker_for(FakeErrorState(2, b"down"), resets=True)(entry, None, ())
    assert type(caught.value).__name__ == "DrmCommunicationException"


def test_a_prepending_library_gets_lists_added_in_reverse(mocker):
    functions = mocker.Mock()
    functions.list_create.return_value = 0x10
    Containers(functions, list_prepends=True).new_list(1, None, [1, 2, 3])
    assert [call[0][1] for call in functions.list_add.call_args_list] == [3, 2, 1]
    functions.reset_mock()
    Containers(functions, list_prepends=False).new_list(1, None, [1, 2, 3])
    assert [call[0][1] for call in functions.list_add.call_args_list] == [1, 2, 3]


class QuirkyLibrary(object):
    """A pretend C library (Python callbacks behind C function pointers) with the quirks
    the load-time probes look for: a static error text (PBS), no reset of the last error
    on success (OGF mock), a prepending list_add (PBS), a 2012 job info."""

    def __init__(self, static_text, resets, prepends, jinfo_2012, del_sets_error=True):
        self.static_text, self.resets = static_text, resets
        self.del_sets_error = del_sets_error
        self.prepends, self.jinfo_2012 = prepends, jinfo_2012
        self.error = 0
        self.text = ctypes.create_string_buffer(b"Invalid argument")
        self.lists = {}
        self.jinfo = ctypes.create_string_buffer(144)
        self.keep = []
        from drmaa2._c.containers import libc_free, strdup
        self.strdup, self.free = strdup, libc_free

    def _succeed(self):
        if self.resets:
            self.error = 0

    def dict_create(self, callback):
        self._succeed()
        return 0x1000

    def dict_del(self, dictionary, key):
        if self.del_sets_error:
            self.error = 7
        return 7

    def dict_free(self, address):
        address[0] = None

    def lasterror(self):
        return self.error

    def lasterror_text(self):
        if self.static_text:
            return ctypes.addressof(self.text)
        return self.strdup(b"Invalid argument")

    def string_free(self, address):
        self.free(address[0])
        address[0] = None

    def list_create(self, list_type, callback):
        self._succeed()
        handle = 0x2000 + len(self.lists)
        self.lists[handle] = []
        return handle

    def list_add(self, handle, item):
        self.lists[handle].insert(0 if self.prepends else len(self.lists[handle]), item)
        return 0

    def list_get(self, handle, index):
        return self.lists[handle][index]

    def list_free(self, address):
        del self.lists[address[0]]
        address[0] = None

    def jinfo_create(self):
        # Every field unset: exitStatus and jobState are -1, pointers NULL.
        exit_status, job_state = (8, 32) if self.jinfo_2012 else (16, 40)
        ctypes.c_int.from_buffer(self.jinfo, exit_status).value = -1
        ctypes.c_int.from_buffer(self.jinfo, job_state).value = -1
        return ctypes.addressof(self.jinfo)

    def jinfo_free(self, address):
        address[0] = None

    def __getitem__(self, symbol):
        entry = prototypes.BY_NAME[symbol[len("drmaa2_"):]]
        function = ctypes.CFUNCTYPE(entry.restype, *entry.argtypes)(getattr(self, entry.name))
        self.keep.append(function)
        return function


@pytest.mark.parametrize("quirky", [True, False])
def test_the_probes_find_each_quirk(quirky):
    from drmaa2._c import probes
    library = QuirkyLibrary(static_text=quirky, resets=not quirky, prepends=quirky,
                            jinfo_2012=quirky)
    quirks = probes.probe(library)
    assert (quirks.lasterror_text_static, quirks.lasterror_resets, quirks.list_prepends,
            quirks.jinfo_is_2012) == (quirky, not quirky, quirky, quirky)
    assert library.lists == {}


@pytest.mark.parametrize("resets", [True, False])
def test_a_reset_is_proven_only_by_an_error_that_a_success_cleared(resets):
    """The OGF mock's dict_del fails without setting the last error: seeing SUCCESS after
    it proves nothing, and the library is taken as one that never resets."""
    from drmaa2._c import probes
    library = QuirkyLibrary(static_text=False, resets=resets, prepends=False,
                            jinfo_2012=True, del_sets_error=False)
    assert probes.probe(library).lasterror_resets is False


class StickyErrorLibrary(HidingLibrary):
    """The stub as a library that never resets its last error (the OGF mock): the last
    error it reported stays until another replaces it, its dict_del fails without setting
    one (so that the load-time probe sees SUCCESS after a failure), and a job session has
    no contact (NULL)."""

    def __init__(self, path):
        super(StickyErrorLibrary, self).__init__(path, ())
        from drmaa2._c.containers import strdup
        self._strdup = strdup
        self.code, self.text = 0, None
        void_p = ctypes.c_void_p
        self._lasterror_text = self._cdll.drmaa2_lasterror_text
        self._lasterror_text.restype = void_p
        self._string_free = self._cdll.drmaa2_string_free
        self._string_free.argtypes = [ctypes.POINTER(void_p)]
        # Each lookup a new function object, as a CDLL gives (binding sets an errcheck).
        self._functions = {
            "drmaa2_lasterror": (ctypes.CFUNCTYPE(ctypes.c_int), self.lasterror),
            "drmaa2_lasterror_text": (ctypes.CFUNCTYPE(void_p), self.lasterror_text),
            "drmaa2_dict_del": (ctypes.CFUNCTYPE(ctypes.c_int, void_p, ctypes.c_char_p),
                                lambda dictionary, key: 7),
            "drmaa2_jsession_get_contact": (ctypes.CFUNCTYPE(void_p, void_p),
                                            lambda session: None),
        }
        self._keep = []

    def lasterror(self):
        code = self._cdll.drmaa2_lasterror()
        if code:
            address = self._lasterror_text()
            self.code = code
            self.text = ctypes.string_at(address) if address else None
            if address:
                self._string_free(ctypes.byref(ctypes.c_void_p(address)))
        return self.code

    def lasterror_text(self):
        return self._strdup(self.text) if self.text else None

    def __getitem__(self, name):
        if name in self._functions:
            prototype, implementation = self._functions[name]
            self._keep.append(prototype(implementation))
            return self._keep[-1]
        return super(StickyErrorLibrary, self).__getitem__(name)


def test_two_sessions_in_a_row_each_waiting_by_zero_time_polls_on_a_sticky_library(
        library_path, monkeypatch):
    """Issue 14's case: after a wait that polled with ZERO_TIME (each poll a TIMEOUT the
    library keeps as its last error), the next session's NULL contact is no value, not
    the stored TimeoutException."""
    import drmaa2
    import drmaa2._c
    import drmaa2.backend
    sticky = StickyErrorLibrary(library_path)
    library = Library(loader.Loaded(sticky, library_path, "test"), environ={})
    assert library.quirks.lasterror_resets is False
    monkeypatch.setenv("DRMAA2_BACKEND", "libdrmaa2")
    monkeypatch.setattr(drmaa2._c, "_library", [library])
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    for _ in range(2):
        session = drmaa2.create_job_session()
        assert session.contact is None
        job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep", args=["0.3"]))
        with pytest.raises(TimeoutException):
            job.wait_terminated(drmaa2.ZERO_TIME)
        job.wait_terminated(drmaa2.INFINITE_TIME)
        assert sticky.code == 5  # the stored error is the TIMEOUT of a poll
        session.close()
        drmaa2.destroy_job_session(session.session_name)
