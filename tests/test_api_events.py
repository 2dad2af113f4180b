"""Event notification end to end against the stub: callbacks get Notification objects from
the library's thread; a callback that raises is logged and the process goes on."""
import logging
import threading

import pytest

import drmaa2
from drmaa2 import Event, JobState, JobTemplate


@pytest.fixture
def session():
    with drmaa2.create_job_session() as job_session:
        yield job_session
    drmaa2.register_event_notification(None)


def wait_for(condition, what):
    """Give the library's thread time to deliver (a guard, never a timing assertion)."""
    pause = threading.Event()
    for _ in range(1000):
        if condition():
            return
        pause.wait(0.01)
    raise AssertionError("gave up waiting for " + what)


def test_a_callback_gets_notifications_of_state_changes(session):
    received = []
    lock = threading.Lock()

    def callback(notification):
        with lock:
            received.append((notification, threading.current_thread()))

    drmaa2.register_event_notification(callback)
    job = session.run_job(JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(30)

    def saw_done():
        with lock:
            return any(n.job_id == job.job_id and n.job_state == JobState.DONE
                       for n, _ in received)

    wait_for(saw_done, "the notification of the job's end")
    with lock:
        mine = [n for n, _ in received if n.job_id == job.job_id]
    assert all(isinstance(n, drmaa2.Notification) for n in mine)
    assert all(n.event == Event.NEW_STATE for n in mine)
    assert all(n.session_name == session.session_name for n in mine)


def test_a_callback_that_raises_is_logged_and_the_process_goes_on(session, caplog):
    calls = []

    def callback(notification):
        calls.append(notification)
        raise RuntimeError("callback failure for the test")

    caplog.set_level(logging.ERROR, logger="drmaa2")
    drmaa2.register_event_notification(callback)
    job = session.run_job(JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(30)
    wait_for(lambda: any("callback failure for the test" in record.getMessage()
                         or (record.exc_info and "callback failure for the test"
                             in str(record.exc_info[1]))
                         for record in caplog.records), "the log of the failing callback")
    assert calls
    again = session.run_job(JobTemplate(remote_command="/bin/true"))
    again.wait_terminated(30)
    assert again.get_info().exit_status == 0


def test_none_unregisters_the_callback(session):
    received = []
    drmaa2.register_event_notification(received.append)
    drmaa2.register_event_notification(None)
    job = session.run_job(JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(30)
    marker = session.run_job(JobTemplate(remote_command="/bin/true"))
    marker.wait_terminated(30)
    assert [n for n in received if n.job_id in (job.job_id, marker.job_id)] == []


def test_the_callback_must_be_callable():
    with pytest.raises(TypeError) as caught:
        drmaa2.register_event_notification("not a function")
    assert "callback" in str(caught.value)
