"""Shared test set-up: every test gets a stub state directory of its own, and the
binding is pointed at the stub library built by ``make stub``."""
import os
import signal

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUB_LIBRARY = os.path.join(ROOT, "build", "libdrmaa2.so")

os.environ.setdefault("DRMAA2_LIBRARY_PATH", STUB_LIBRARY)

# A suite started in the background by a non-interactive shell inherits SIGINT ignored,
# and so would every child it starts: the Ctrl-C tests need it delivered.
signal.signal(signal.SIGINT, signal.default_int_handler)


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
