"""Interpreters ending while daemon threads are inside the library, on every backend
(tests/reliability/exits.py; ``make reliability`` runs 200): the handles those threads
use are not freed under them, nor the store or the DRMAA v1 session closed.  Without the
fix most exits crashed (a segfault in about half of them over the stub): 20 exits fail
with near certainty.  Each exit waits for a helper's C wait to return (up to a second,
drmaa2/backend/waiting.py), so ten interpreters run at a time."""
import pytest

from reliability import exits

pytestmark = pytest.mark.usefixtures("backend")


def test_interpreters_exiting_with_daemon_threads_inside_the_library_end_cleanly(
        backend, stub_state_dir):
    result = exits.run_exits(20, state_dir=str(stub_state_dir), parallel=10)
    assert result["failures"] == []
    assert result["counts"]["backend"] == backend
    assert (result["counts"]["clean_exits"], result["counts"]["crashes"]) == (20, 0)
