"""Waits end to end, on every backend: timeouts, ZERO_TIME and INFINITE_TIME, waiting on
many jobs, several threads waiting at once, and Ctrl-C during an infinite wait."""
import datetime
import fcntl
import signal
import subprocess
import sys
import threading

import pytest

import backends
import drmaa2
from backends import PATIENCE, EndWaiters, held_back, job_template, run, sleeper
from conftest import ROOT
from drmaa2 import INFINITE_TIME, ZERO_TIME, JobState
from reliability import common

pytestmark = pytest.mark.usefixtures("backend")


def test_wait_terminated_with_infinite_time_returns_when_the_job_ends(session):
    job = run(session, "/bin/sh", "-c", "sleep 0.2")
    job.wait_terminated(INFINITE_TIME)
    assert job.get_state()[0] == JobState.DONE


def test_waits_default_to_infinite_time(session):
    job = sleeper(session, "0.1")
    job.wait_started()
    job.wait_terminated()
    assert job.get_state()[0] == JobState.DONE


def test_a_timeout_in_seconds_raises_timeout_exception(session):
    job = sleeper(session)
    job.wait_started(PATIENCE)  # on a busy machine the job may take longer than the wait
    with pytest.raises(drmaa2.TimeoutException) as caught:
        job.wait_terminated(0.3)
    assert job.job_id in str(caught.value)
    assert job.get_state()[0] == JobState.RUNNING


def test_timeout_exception_is_the_builtin_timeout_error_on_python_3(session):
    job = sleeper(session)
    if sys.version_info[0] >= 3:
        with pytest.raises(TimeoutError):  # noqa: F821 (Python 3)
            job.wait_terminated(0.2)
    else:
        with pytest.raises(drmaa2.TimeoutException):
            job.wait_terminated(0.2)


def test_a_timedelta_is_a_timeout_too(session):
    job = sleeper(session)
    with pytest.raises(drmaa2.TimeoutException):
        job.wait_terminated(datetime.timedelta(milliseconds=200))


def test_zero_time_checks_without_waiting(session):
    job = sleeper(session)
    job.wait_started(PATIENCE)
    with pytest.raises(drmaa2.TimeoutException):
        job.wait_terminated(ZERO_TIME)
    job.wait_started(ZERO_TIME)
    job.terminate()
    job.wait_terminated(PATIENCE)
    job.wait_terminated(ZERO_TIME)


def test_wait_started_returns_once_the_job_runs(session):
    job = sleeper(session)
    job.wait_started(PATIENCE)
    assert job.get_state()[0] == JobState.RUNNING


@pytest.mark.stub_only
def test_a_wait_starts_a_queued_job_that_its_submitter_did_not_start(session,
                                                                    stub_state_dir):
    # Holding the job's lock file keeps run_job from starting the job, as when the
    # submitting process dies between recording the job and starting it.
    with open(str(stub_state_dir / "run" / "1.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        job = session.run_job(job_template("/bin/true"))
        assert job.job_id == "1"
        assert job.get_state()[0] == JobState.QUEUED
    job.wait_terminated(PATIENCE)
    assert job.get_state()[0] == JobState.DONE


@pytest.mark.parametrize("timeout, error", [
    ("5", TypeError), (None, TypeError), (True, TypeError), ([1], TypeError),
    (-2, drmaa2.InvalidArgumentException), (-0.5, drmaa2.InvalidArgumentException),
    (float("nan"), drmaa2.InvalidArgumentException),
])
def test_a_bad_timeout_is_refused_naming_it(session, timeout, error):
    job = sleeper(session, "0.1")
    with pytest.raises(error) as caught:
        job.wait_terminated(timeout)
    assert "timeout" in str(caught.value)


def test_wait_any_terminated_returns_the_job_that_ended(session):
    long_job = sleeper(session)
    long_job.wait_started(PATIENCE)  # else it may still be starting when the short one ended
    short_job = sleeper(session, "0.1")
    found = session.wait_any_terminated([long_job, short_job], PATIENCE)
    assert found is short_job
    assert long_job.get_state()[0] == JobState.RUNNING
    assert session.wait_any_started([long_job], PATIENCE) is long_job


def test_wait_any_started_returns_a_started_job(session):
    held = run(session, "/bin/true", submit_as_hold=True)
    runs = sleeper(session)
    assert session.wait_any_started([held, runs], INFINITE_TIME) is runs


def test_wait_any_times_out(session):
    jobs = [sleeper(session), sleeper(session)]
    with pytest.raises(drmaa2.TimeoutException):
        session.wait_any_terminated(jobs, 0.3)
    with pytest.raises(drmaa2.TimeoutException):
        session.wait_any_terminated(jobs, ZERO_TIME)


@pytest.mark.parametrize("jobs, error", [
    ([], drmaa2.InvalidArgumentException), ("job", TypeError), ([1], TypeError),
])
def test_wait_any_refuses_what_is_no_list_of_jobs(session, jobs, error):
    with pytest.raises(error) as caught:
        session.wait_any_terminated(jobs, 1)
    assert "jobs" in str(caught.value)


def test_wait_any_refuses_a_single_job_not_in_a_list(session):
    job = sleeper(session, "0.1")
    with pytest.raises(TypeError):
        session.wait_any_terminated(job, 1)


def test_two_threads_wait_at_once_while_the_main_thread_runs(session):
    jobs = [sleeper(session), sleeper(session)]
    for job in jobs:
        job.wait_started(PATIENCE)
    waiters = EndWaiters(jobs)
    # Both threads are blocked in their waits, and this thread still runs: it ends the jobs.
    assert waiters.all_waiting()
    waiters.end_and_check()


def test_ctrl_c_interrupts_an_infinite_wait(session, backend):
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "job = session.run_job(drmaa2.JobTemplate(remote_command='/bin/sleep', args=['60'],\n"
        "                      output_path='/dev/null', error_path='/dev/null'))\n"
        "job.wait_started(60)\n"
        "try:\n"
        "    sys.stdout.write('waiting\\n'); sys.stdout.flush()\n"
        "    job.wait_terminated(drmaa2.INFINITE_TIME)\n"
        "    sys.stdout.write('wait ended\\n')\n"
        "except KeyboardInterrupt:\n"
        "    sys.stdout.write('interrupted\\n')\n"
        "    job.terminate()\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, session.session_name], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    guard = threading.Timer(60, child.kill)  # never hang the suite on a broken wait
    guard.start()
    try:
        assert child.stdout.readline() == b"waiting\n"
        common.until_asleep(child.pid, threads=2, at_most=0.3)  # inside its wait
        child.send_signal(signal.SIGINT)
        out, err = child.communicate()
    finally:
        guard.cancel()
    assert out == b"interrupted\n", err.decode("utf-8", "replace")
    assert child.returncode == 0
    job, = session.get_jobs()
    job.wait_terminated(PATIENCE)
    assert job.get_info().job_state in backends.ended_elsewhere(backend, JobState.FAILED)


def test_as_completed_yields_each_job_once_as_it_ends(session, tmp_path):
    release = str(tmp_path / "release")
    slow = held_back(session, release)
    quick = sleeper(session, "0")
    iterator = drmaa2.as_completed([slow, quick, slow], timeout=2 * PATIENCE)
    seen = [next(iterator)]
    open(release, "w").close()  # the slow job ends only after the first was yielded
    seen.extend(iterator)
    assert sorted(job.job_id for job in seen) == sorted([slow.job_id, quick.job_id])
    assert seen[-1] == slow
    assert all(job.get_state()[0] is JobState.DONE for job in seen)


def test_ctrl_c_interrupts_as_completed_and_the_job_goes_on(session):
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "job, = [j for j in session.get_jobs() if j.job_id == sys.argv[2]]\n"
        "sys.stdout.write('waiting\\n'); sys.stdout.flush()\n"
        "try:\n"
        "    list(drmaa2.as_completed([job]))\n"
        "    sys.stdout.write('ended\\n')\n"
        "except KeyboardInterrupt:\n"
        "    sys.stdout.write('interrupted\\n')\n"
    )
    job = sleeper(session, "60")
    child = subprocess.Popen([sys.executable, "-c", script, session.session_name, job.job_id],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    guard = threading.Timer(60, child.kill)  # never hang the suite on a broken wait
    guard.start()
    try:
        assert child.stdout.readline() == b"waiting\n"
        common.until_asleep(child.pid, threads=2, at_most=1.0)  # inside its wait
        child.send_signal(signal.SIGINT)
        out, err = child.communicate()
    finally:
        guard.cancel()
    assert out == b"interrupted\n", err.decode("utf-8", "replace")
    assert job.get_state()[0] not in backends.ENDED
