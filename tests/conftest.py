"""Shared test set-up: every test gets a stub state directory of its own, and the
binding is pointed at the stub library built by ``make stub``.

The conformance suite (tests/test_api_*.py, tests/test_backends_e2e.py) runs every test
once per backend that DRMAA2_TEST_BACKENDS names (tests/backends.py): each of those
files says ``pytestmark = pytest.mark.usefixtures("backend")``, and its tests take the
``backend`` (the backend's name) and ``session`` (a job session) fixtures defined here.
Two markers select tests by what the backends declare in tests/backends.py:

- ``stub_only``: the test is about the stub itself; it runs only on a backend over the
  stub (``stub`` true in tests/backends.py);
- ``needs(family, ...)``: the test needs optional families (``reservations``,
  ``monitoring``, ``events``); it runs only on a backend that declares them.

A test selected out on a backend is deselected (pytest's summary counts it, and a line
per backend and reason says why), never skipped and never silently passed.
"""
import collections
import os
import signal

import pytest

import backends
import drmaa2
import drmaa2.backend
from drmaa2.types import register_implementation_specific

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUB_LIBRARY = os.path.join(ROOT, "build", "libdrmaa2.so")

os.environ.setdefault("DRMAA2_LIBRARY_PATH", STUB_LIBRARY)

# A suite started in the background by a non-interactive shell inherits SIGINT ignored,
# and so would every child it starts: the Ctrl-C tests need it delivered.
signal.signal(signal.SIGINT, signal.default_int_handler)

#: (backend, reason) -> how many tests were deselected, for the summary.
_DESELECTED = collections.Counter()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "stub_only: the test is about the DRMAA2 stub itself; it runs only on "
        "a backend over the stub (tests/backends.py), and is deselected on the others")
    config.addinivalue_line(
        "markers", "needs(*families): the test needs the optional families named "
        "(reservations, monitoring, events); it is deselected on a backend that does not "
        "declare them all (tests/backends.py)")


def pytest_collection_modifyitems(config, items):
    """Deselect, per backend, the tests whose markers say they do not hold there."""
    kept, deselected = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("backend") if callspec is not None else None
        reason = None
        if name is not None:
            marks = [(mark.name, mark.args) for mark in item.iter_markers()
                     if mark.name in ("stub_only", "needs")]
            reason = backends.why_not(name, marks)
        if reason is None:
            kept.append(item)
        else:
            deselected.append(item)
            _DESELECTED[(name, reason)] += 1
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    for (name, reason), count in sorted(_DESELECTED.items()):
        terminalreporter.write_line("deselected on backend %s: %d test(s), %s"
                                    % (name, count, reason))


@pytest.fixture(autouse=True)
def stub_state_dir(tmp_path, monkeypatch):
    """A fresh DRMAA2_STUB_STATE_DIR for each test, so tests run in any order."""
    state = tmp_path / "stub-state"
    monkeypatch.setenv("DRMAA2_STUB_STATE_DIR", str(state))
    return state


@pytest.fixture(scope="session")
def stub_library():
    """The path of the stub library; fails loudly when it has not been built."""
    if not os.path.exists(STUB_LIBRARY):
        pytest.fail("%s is missing: run `make stub` (make test does it)" % STUB_LIBRARY)
    return STUB_LIBRARY


@pytest.fixture(params=backends.selected())
def backend(request, monkeypatch, tmp_path):
    """The name of the backend under test, made current for this test (each test gets a
    fresh one and, for the DRMAA v1 backend, its own store); child processes inherit it
    through DRMAA2_BACKEND."""
    name = request.param
    monkeypatch.setenv("DRMAA2_BACKEND", name)
    monkeypatch.setenv("DRMAA2_DRMAA1_STATE_DIR", str(tmp_path / "drmaa1-state"))
    before = drmaa2.backend._backend
    drmaa2.backend._backend = None
    try:
        drmaa2.backend.current()
        yield name
    finally:
        drmaa2.backend._backend = before
        # The data types forget the implementation-specific names of this test's backend.
        register_implementation_specific(register_implementation_specific(None))


@pytest.fixture
def session(backend):
    """A job session of the backend under test; afterwards its jobs that have not ended
    are terminated, and the session is closed and destroyed."""
    job_session = drmaa2.create_job_session()
    yield job_session
    if not job_session.closed:
        for job in job_session.get_jobs():
            if job.get_state()[0] not in backends.ENDED:
                try:
                    job.terminate()
                except drmaa2.InvalidStateException:
                    pass  # it ended meanwhile
        job_session.close()
    drmaa2.destroy_job_session(job_session.session_name)
