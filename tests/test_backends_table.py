"""The table of tests/backends.py and the selection it drives: which backends are tested,
and which tests each deselects (by the stub_only and needs markers)."""
import os
import subprocess
import sys

import pytest

import backends
from conftest import ROOT


def test_every_backend_declares_every_entry():
    entries = set(backends.BACKENDS[backends.DEFAULT])
    for name, table in backends.BACKENDS.items():
        assert set(table) == entries, name


def test_the_default_backend_is_the_stub():
    assert backends.selected({}) == ["libdrmaa2"]
    assert backends.feature(backends.DEFAULT, "stub") is True


def test_the_variable_names_the_backends_and_an_unknown_one_is_an_error():
    assert backends.selected({backends.VARIABLE: " drmaa1, libdrmaa2 "}) == [
        "drmaa1", "libdrmaa2"]
    with pytest.raises(ValueError) as caught:
        backends.selected({backends.VARIABLE: "libdrmaa2,drmaa3"})
    assert "drmaa3" in str(caught.value) and "drmaa1" in str(caught.value)
    with pytest.raises(ValueError):
        backends.selected({backends.VARIABLE: " , "})


@pytest.mark.parametrize("name, marks, reason", [
    ("libdrmaa2", [], None),
    ("libdrmaa2", [("stub_only", ())], None),
    ("libdrmaa2", [("needs", ("reservations", "monitoring"))], None),
    ("drmaa1", [], None),
    ("drmaa1", [("stub_only", ())], "stub_only"),
    ("drmaa1", [("needs", ("events",))], "needs events"),
    ("drmaa1", [("needs", ("reservations",)), ("needs", ("monitoring", "reservations"))],
     "needs monitoring, reservations"),
    ("drmaa1", [("needs", ("events",)), ("stub_only", ())], "stub_only"),
])
def test_markers_deselect_a_test_where_the_table_says_it_does_not_hold(name, marks, reason):
    assert backends.why_not(name, marks) == reason


@pytest.mark.parametrize("args", [(), ("queues",), ("events", "stub")])
def test_needs_names_only_optional_families(args):
    with pytest.raises(ValueError) as caught:
        backends.why_not("libdrmaa2", [("needs", args)])
    assert "reservations, monitoring, events" in str(caught.value)


def test_a_test_selected_out_on_a_backend_is_counted_as_deselected_with_its_reason():
    # Collection only: no test runs, so no DRMAA v1 library is needed.
    env = dict(os.environ)
    env[backends.VARIABLE] = "libdrmaa2,drmaa1"
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider",
         os.path.join("tests", "test_api_errors.py"),
         os.path.join("tests", "test_api_events.py")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = child.communicate()[0].decode("utf-8", "replace")
    assert child.returncode == 0, out
    assert "test_the_callback_must_be_callable[drmaa1]" in out
    assert "[drmaa1]" not in out.replace("test_the_callback_must_be_callable[drmaa1]", "")
    assert "31 deselected" in out, out
    assert "deselected on backend drmaa1: 28 test(s), stub_only" in out
    assert "deselected on backend drmaa1: 3 test(s), needs events" in out
