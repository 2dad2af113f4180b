"""The run-time quirks of vendors' libraries that the stub emulates (DRMAA2_STUB_QUIRKS,
tests/stub/quirks.c) and the variants table that ``make test-vendors`` runs
(tests/variants.py): the quirks no conformance test reaches, and the one the binding
cannot handle (docs/library.md)."""
import ctypes
import os
import re

import pytest

import drmaa2
import variants
from backends import PATIENCE, sleeper
from conftest import ROOT
from drmaa2 import JobState

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def quirks(monkeypatch):
    """Sets DRMAA2_STUB_QUIRKS for this test (the stub reads it on every call)."""
    def set_quirks(*names):
        monkeypatch.setenv(variants.QUIRKS_VARIABLE, ",".join(names))
    return set_quirks


def stub_quirk_names():
    with open(os.path.join(ROOT, "tests", "stub", "quirks.c")) as handle:
        text = handle.read()
    table = re.search(r"quirk_names\[STUB_QUIRK_COUNT\] = \{(.*?)\};", text, re.S).group(1)
    return re.findall(r'^\s*"(\w+)",', table, re.M)


def test_the_variants_name_every_quirk_of_the_stub_and_only_those():
    used = set(quirk for _, quirks in variants.VARIANTS.values() for quirk in quirks)
    assert sorted(used | set(variants.UNHANDLED_QUIRKS)) == sorted(stub_quirk_names())
    assert not used & set(variants.UNHANDLED_QUIRKS)
    assert all(build in variants.BUILDS for build, _ in variants.VARIANTS.values())


def test_an_unknown_quirk_fails_every_call_naming_it(session, quirks):
    quirks("list_prepends", "no_such_quirk")
    try:
        with pytest.raises(drmaa2.InvalidArgumentException, match="no_such_quirk"):
            session.get_jobs()
    finally:
        quirks()


def test_an_empty_job_array_whose_library_gives_null_has_no_jobs(session, quirks):
    array = session.run_bulk_jobs(drmaa2.JobTemplate(remote_command="/bin/true"), 1, 2, 1)
    for job in array.jobs:
        job.wait_terminated(PATIENCE)
        job.reap()
    quirks("empty_jarray_null")
    assert array.jobs == []


def test_a_library_whose_waits_do_nothing_returns_before_the_job_ended(session, quirks):
    # PBS Pro (c-api.md 5.16): the binding cannot tell such a wait from a real one
    # (docs/library.md); this is what a user of that library sees.
    job = sleeper(session, "30")
    quirks("noop_waits")
    assert drmaa2.supports(drmaa2.Capability.JT_EMAIL)   # TRUE for everything
    job.wait_terminated(PATIENCE)
    assert job.get_state()[0] not in (JobState.DONE, JobState.FAILED)
    job.terminate()


def test_the_sticky_last_error_survives_successes_and_the_mocks_dict_del_sets_none(
        quirks):
    c = ctypes.CDLL(drmaa2.library_path())
    c.drmaa2_dict_create.restype = c.drmaa2_list_get.restype = ctypes.c_void_p
    c.drmaa2_dict_create.argtypes = [ctypes.c_void_p]
    c.drmaa2_dict_del.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    c.drmaa2_list_get.argtypes = [ctypes.c_void_p, ctypes.c_long]
    c.drmaa2_dict_free.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    quirks("sticky_lasterror")
    dictionary = ctypes.c_void_p(c.drmaa2_dict_create(None))
    try:
        assert c.drmaa2_dict_del(dictionary, b"missing") == 7   # fails ...
        assert c.drmaa2_lasterror() == 0                         # ... setting no error
        assert c.drmaa2_list_get(None, 0) is None                # INVALID_ARGUMENT
        assert c.drmaa2_lasterror() == 7
        other = ctypes.c_void_p(c.drmaa2_dict_create(None))     # a success ...
        assert other.value
        c.drmaa2_dict_free(ctypes.byref(other))
        assert c.drmaa2_lasterror() == 7                         # ... does not reset it
    finally:
        c.drmaa2_dict_free(ctypes.byref(dictionary))
