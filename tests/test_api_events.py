"""Event notification end to end, on the backends that offer it: callbacks get
Notification objects from the library's thread; a callback that raises is logged and the
process goes on."""
import logging
import threading

import pytest

import drmaa2
from backends import PATIENCE, run
from drmaa2 import Event, JobState

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def callbacks(session):
    """The job session; afterwards no callback is left registered."""
    yield session
    drmaa2.register_event_notification(None)


def wait_for(condition, what):
    """Give the library's thread time to deliver (a guard, never a timing assertion)."""
    pause = threading.Event()
    for _ in range(1000):
        if condition():
            return
        pause.wait(0.01)
    raise AssertionError("gave up waiting for " + what)


@pytest.mark.needs("events")
def test_a_callback_gets_notifications_of_state_changes(callbacks):
    received = []
    lock = threading.Lock()

    def callback(notification):
        with lock:
            received.append((notification, threading.current_thread()))

    drmaa2.register_event_notification(callback)
    job = run(callbacks, "/bin/true")
    job.wait_terminated(PATIENCE)

    def saw_done():
        with lock:
            return any(n.job_id == job.job_id and n.job_state == JobState.DONE
                       for n, _ in received)

    wait_for(saw_done, "the notification of the job's end")
    with lock:
        mine = [n for n, _ in received if n.job_id == job.job_id]
    assert all(isinstance(n, drmaa2.Notification) for n in mine)
    assert all(n.event == Event.NEW_STATE for n in mine)
    assert all(n.session_name == callbacks.session_name for n in mine)


@pytest.mark.needs("events")
def test_a_callback_that_raises_is_logged_and_the_process_goes_on(callbacks, caplog):
    calls = []

    def callback(notification):
        calls.append(notification)
        raise RuntimeError("callback failure for the test")

    caplog.set_level(logging.ERROR, logger="drmaa2")
    drmaa2.register_event_notification(callback)
    job = run(callbacks, "/bin/true")
    job.wait_terminated(PATIENCE)
    wait_for(lambda: any("callback failure for the test" in record.getMessage()
                         or (record.exc_info and "callback failure for the test"
                             in str(record.exc_info[1]))
                         for record in caplog.records), "the log of the failing callback")
    assert calls
    again = run(callbacks, "/bin/true")
    again.wait_terminated(PATIENCE)
    assert again.get_info().exit_status == 0


@pytest.mark.needs("events")
def test_none_unregisters_the_callback(callbacks):
    received = []
    drmaa2.register_event_notification(received.append)
    drmaa2.register_event_notification(None)
    job = run(callbacks, "/bin/true")
    job.wait_terminated(PATIENCE)
    marker = run(callbacks, "/bin/true")
    marker.wait_terminated(PATIENCE)
    assert [n for n in received if n.job_id in (job.job_id, marker.job_id)] == []


def test_the_callback_must_be_callable():
    with pytest.raises(TypeError) as caught:
        drmaa2.register_event_notification("not a function")
    assert "callback" in str(caught.value)
