"""Children forked while threads are inside the stub (tests/reliability/exits.py;
``make reliability`` runs 200): without the fix most hung, so 30 forks fail with near
certainty.  drmaa2's own locks are free in a forked child.  And an event callback that
blocks holds up neither unregistering nor the process's exit.  (The exit round's small
version is in test_api_exit.py, on every backend.)"""
import os
import signal
import threading
import warnings

import pytest

from drmaa2._c import forks
from reliability import common, exits


def test_children_forked_while_threads_are_inside_the_library_neither_hang_nor_fail(
        stub_library, stub_state_dir):
    result = exits.run_forks(30, state_dir=str(stub_state_dir), child_timeout=20, max_hung=1)
    assert result["failures"] == []
    assert (result["counts"]["hung_children"], result["counts"]["failed_children"]) == (0, 0)


#: A callback that never returns (until the process ends); then the main thread
#: unregisters it or not (argv[1]) and ends.
BLOCKED_CALLBACK = r"""
import sys, threading
import drmaa2
entered, forever = threading.Event(), threading.Event()
def callback(notification):
    entered.set()
    forever.wait()
drmaa2.register_event_notification(callback)
with drmaa2.create_job_session() as session:
    session.run_job(drmaa2.JobTemplate(remote_command="/bin/true"))
    if not entered.wait(60):
        sys.exit("no notification within 60 s")
if sys.argv[1] == "unregister":
    drmaa2.register_event_notification(None)
    drmaa2.register_event_notification(lambda notification: None)  # and again
    drmaa2.register_event_notification(None)
print("ending")
"""


@pytest.mark.parametrize("how", ["unregister", "exit"])
def test_neither_unregistering_nor_exit_waits_for_a_callback_that_blocks(
        how, stub_library, stub_state_dir):
    # Before, both waited for the callback to return: here for ever (the time limit).
    env = common.child_environment(str(stub_state_dir))
    out = common.run_python(BLOCKED_CALLBACK, env, 60, [how])
    assert out.strip() == "ending"


def test_a_lock_another_thread_held_at_a_fork_is_free_in_the_child():
    # The Python side's locks: without renewal the child would wait for ever (the alarm).
    lock = forks.Lock()
    held, release = threading.Event(), threading.Event()

    def holder():
        with lock:
            held.set()
            release.wait(60)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(60)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads, 3.12+
        pid = os.fork()
    if pid == 0:
        signal.alarm(20)
        with lock:
            os._exit(0)
    release.set()
    thread.join(60)
    assert os.waitpid(pid, 0)[1] == 0
    with lock:  # and the parent's is the lock it was
        pass
