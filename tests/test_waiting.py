"""The waits' machinery against the stub: waits sleep in helper threads that stay few,
callers stay interruptible, ``as_completed`` yields each job once, a watch grows while it
waits, the user's event callback works beside the waits, and a process exits and forks
cleanly with waits in flight."""
import os
import signal
import subprocess
import sys
import threading

import pytest

import drmaa2
from conftest import ROOT
from drmaa2 import INFINITE_TIME, JobState
from backends import PATIENCE, EndWaiters, held_back, job_template, sleeper
from drmaa2.backend import waiting
from reliability import common

pytestmark = pytest.mark.usefixtures("backend")


def quick(session):
    return session.run_job(job_template("/bin/true"))


def run_child(script, *args):
    child = subprocess.Popen([sys.executable, "-c", script] + list(args), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    guard = threading.Timer(60, child.kill)  # never hang the suite on a broken wait
    guard.start()
    try:
        out, err = child.communicate()
    finally:
        guard.cancel()
    return child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


# ------------------------------------------------------------------ the helpers


def test_many_waiting_threads_share_a_bounded_pool_of_helpers(session):
    jobs = [sleeper(session) for _ in range(3 * waiting.MAX_HELPERS)]  # some queued
    before = threading.active_count()
    waiters = EndWaiters(jobs)
    threading.Event().wait(0.5)
    assert waiters.all_waiting()
    assert 1 <= waiting.helper_count() <= waiting.MAX_HELPERS
    assert threading.active_count() <= before + len(waiters.threads) + waiting.MAX_HELPERS
    waiters.end_and_check()
    assert waiting.helper_count() <= waiting.MAX_HELPERS


def test_a_wait_fails_when_its_session_is_destroyed_under_it(backend):
    doomed = drmaa2.create_job_session()
    job = sleeper(doomed)
    outcome = []

    def wait_for():
        try:
            job.wait_terminated(INFINITE_TIME)
            outcome.append("returned")
        except drmaa2.Drmaa2Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=wait_for)
    thread.start()
    threading.Event().wait(0.3)
    job.terminate()
    doomed.close()
    drmaa2.destroy_job_session(doomed.session_name)
    thread.join(PATIENCE)
    assert not thread.is_alive()
    # it ended before its record went, or the destroyed session's job is unknown
    assert outcome == ["returned"] or isinstance(outcome[0], drmaa2.InvalidArgumentException)
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        job.wait_terminated(INFINITE_TIME)
    assert "destroyed" in str(caught.value)


@pytest.mark.needs("events")
def test_the_users_event_callback_works_beside_the_waits(session):
    events = []
    drmaa2.register_event_notification(events.append)
    try:
        job = quick(session)
        job.wait_terminated(PATIENCE)
        for _ in range(100):
            if any(e.job_id == job.job_id and e.job_state is JobState.DONE for e in events):
                break
            threading.Event().wait(0.05)
        assert any(e.job_id == job.job_id and e.job_state is JobState.DONE for e in events)
    finally:
        drmaa2.register_event_notification(None)
    del events[:]
    job = quick(session)
    job.wait_terminated(PATIENCE)  # waits go on without any callback
    assert job.get_state()[0] is JobState.DONE


@pytest.mark.needs("events")
def test_a_blocking_user_callback_does_not_hold_up_the_waits(session):
    release = threading.Event()
    drmaa2.register_event_notification(lambda notification: release.wait(30))
    try:
        for _ in range(3):
            job = quick(session)
            job.wait_terminated(PATIENCE)
            assert job.get_state()[0] is JobState.DONE
    finally:
        release.set()
        drmaa2.register_event_notification(None)


def test_exit_with_waits_in_flight_is_clean(session):
    script = (
        "import sys, threading, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "jobs = [session.run_job(drmaa2.JobTemplate(remote_command='/bin/sleep',\n"
        "                                           args=['60'])) for _ in range(3)]\n"
        "for job in jobs:\n"
        "    t = threading.Thread(target=job.wait_terminated, args=(drmaa2.INFINITE_TIME,))\n"
        "    t.daemon = True\n"
        "    t.start()\n"
        "t = threading.Thread(target=lambda: list(drmaa2.as_completed(jobs)))\n"
        "t.daemon = True\n"
        "t.start()\n"
        "threading.Event().wait(0.5)\n"
        "print('exiting')\n"
    )
    code, out, err = run_child(script, session.session_name)
    assert (code, out) == (0, "exiting\n"), err
    assert "Fatal" not in err and "Traceback" not in err, err


def test_a_forked_child_waits_with_helpers_of_its_own(session):
    if not hasattr(os, "fork"):
        pytest.fail("this test needs os.fork")
    first = quick(session)
    first.wait_terminated(PATIENCE)   # the parent has helpers now
    job = sleeper(session, "0.3")
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 if its wait saw the end
        code = 1
        try:
            job.wait_terminated(PATIENCE)
            code = 0 if job.get_state()[0] is JobState.DONE else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def test_ctrl_c_interrupts_as_completed(session):
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "jobs = [session.run_job(drmaa2.JobTemplate(remote_command='/bin/sleep',\n"
        "                                           args=['30'])) for _ in range(2)]\n"
        "try:\n"
        "    sys.stdout.write('waiting\\n'); sys.stdout.flush()\n"
        "    list(drmaa2.as_completed(jobs))\n"
        "    sys.stdout.write('wait ended\\n')\n"
        "except KeyboardInterrupt:\n"
        "    sys.stdout.write('interrupted\\n')\n"
        "for job in jobs:\n"
        "    job.terminate()\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, session.session_name], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    guard = threading.Timer(30, child.kill)
    guard.start()
    try:
        assert child.stdout.readline() == b"waiting\n"
        common.until_asleep(child.pid, threads=2, at_most=0.5)  # inside its wait
        child.send_signal(signal.SIGINT)
        out, err = child.communicate()
    finally:
        guard.cancel()
    assert out == b"interrupted\n", err.decode("utf-8", "replace")
    assert child.returncode == 0


# ------------------------------------------------------------------ as_completed


def test_as_completed_yields_each_job_once_as_it_ends(session, tmp_path):
    release = str(tmp_path / "release")
    slow = held_back(session, release)
    fast = [quick(session) for _ in range(5)]
    jobs = [slow] + fast
    iterator = drmaa2.as_completed(jobs + [fast[0], slow], timeout=60)
    seen = [next(iterator) for _ in fast]
    open(release, "w").close()  # the slow job ends only after the fast ones were yielded
    seen.extend(iterator)
    assert sorted(job.job_id for job in seen) == sorted(job.job_id for job in jobs)
    assert seen[-1] == slow
    assert all(any(job is given for given in jobs) for job in seen)  # the objects given
    assert all(job.get_state()[0] is JobState.DONE for job in seen)


def test_as_completed_of_nothing_yields_nothing():
    assert list(drmaa2.as_completed([])) == []
    assert list(drmaa2.as_completed(iter(()), timeout=None)) == []


def test_as_completed_mixes_sessions(session):
    other = drmaa2.create_job_session()
    try:
        jobs = [quick(session), quick(other), sleeper(other, "0.3")]
        seen = list(drmaa2.as_completed(jobs, timeout=None))
        assert sorted((j.session_name, j.job_id) for j in seen) == \
            sorted((j.session_name, j.job_id) for j in jobs)
    finally:
        other.close()
        drmaa2.destroy_job_session(other.session_name)


def test_as_completed_raises_timeout_when_the_time_is_up(session):
    done = quick(session)
    done.wait_terminated(PATIENCE)
    slow = sleeper(session)
    iterator = drmaa2.as_completed([slow, done], timeout=0.5)
    assert next(iterator) is done
    with pytest.raises(drmaa2.TimeoutException) as caught:
        next(iterator)
    assert "1 of the 2 jobs" in str(caught.value)


@pytest.mark.parametrize("jobs, error", [(None, TypeError), ([1], TypeError),
                                         (["job"], TypeError)])
def test_as_completed_refuses_what_is_no_jobs(jobs, error):
    with pytest.raises(error) as caught:
        drmaa2.as_completed(jobs)
    assert "jobs" in str(caught.value)


def test_as_completed_refuses_a_bad_timeout(session):
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        drmaa2.as_completed([quick(session)], timeout=-2)
    assert "timeout" in str(caught.value)


def test_a_watch_takes_jobs_added_while_it_waits(session):
    backend = session._backend
    handle = session._live_handle()
    watch = backend.jsession_watch_terminated(handle)
    slow = sleeper(session)
    watch.add([slow._handle])
    taken = []
    thread = threading.Thread(target=lambda: taken.append(watch.take(PATIENCE)))
    thread.start()
    threading.Event().wait(0.3)
    late = quick(session)
    watch.add([late._handle, late._handle])
    thread.join(PATIENCE)
    assert taken == [late._handle]
    assert len(watch) == 1
    with pytest.raises(drmaa2.TimeoutException):
        watch.take(0.2)
    slow.terminate()
    assert watch.take(PATIENCE) is slow._handle
    with pytest.raises(drmaa2.TimeoutException):
        watch.take(INFINITE_TIME)  # nothing left: at once
    watch.close()


def test_a_watch_sees_a_job_beyond_its_window_end(session, monkeypatch):
    monkeypatch.setattr(waiting.Watch, "WINDOW", 2)
    watch = session._backend.jsession_watch_terminated(session._live_handle())
    slow = [sleeper(session, submit_as_hold=True) for _ in range(3)]
    late = quick(session)
    watch.add([job._handle for job in slow + [late]])
    assert watch.take(PATIENCE) is late._handle
    for job in slow:
        job.terminate()
    assert set(watch.take(PATIENCE) for _ in slow) == set(job._handle for job in slow)
    watch.close()


def test_ended_jobs_beyond_a_window_of_running_ones_are_taken_without_waiting(
        session, monkeypatch):
    # A window of jobs that run long must not hold the watch to one job beyond it per
    # full look (one a second): the full looks go on while they find jobs that ended.
    monkeypatch.setattr(waiting.Watch, "WINDOW", 2)
    watch = session._backend.jsession_watch_terminated(session._live_handle())
    slow = [sleeper(session, submit_as_hold=True) for _ in range(2)]
    ended = [quick(session) for _ in range(3)]
    for job in ended:
        job.wait_terminated(PATIENCE)
    watch.add([job._handle for job in slow + ended])
    asked = []
    ask = watch._ask

    def recording_ask(jobs, seconds):
        asked.append(seconds)
        return ask(jobs, seconds)
    watch._ask = recording_ask
    taken = [watch.take(PATIENCE)]
    del asked[:]
    taken += [watch.take(PATIENCE) for _ in ended[1:]]
    assert set(taken) == set(job._handle for job in ended)
    assert asked and all(seconds == drmaa2.ZERO_TIME for seconds in asked), asked
    for job in slow:
        job.terminate()
    watch.close()


def test_the_ranks_of_a_watch_follow_removals_anywhere():
    import random
    ranks, model = waiting._Ranks(), []
    chooser = random.Random(7)
    for step in range(2000):
        if model and chooser.random() < 0.45:
            slot = chooser.choice(model)
            assert ranks.remove(slot) == model.index(slot)
            model.remove(slot)
        else:
            model.append(ranks.append())


def test_stopping_the_helpers_passes_over_one_whose_start_ctrl_c_interrupted():
    # submit() counts a helper before starting it; Ctrl-C during thread.start() leaves one
    # that never ran, and the exit hook must not fail on it ("cannot join thread before it
    # is started", printed after "drmaa2: interrupted" by the CLI).
    helpers = waiting._Helpers()
    helpers.threads.append(threading.Thread(target=lambda: None))
    helpers.stop()
    assert helpers.stopping
