"""Threads: many threads submitting, waiting for, querying and reaping jobs at once.

Half the threads share one job session, the other half have a session each; an event
callback is registered for the whole run.  Every thread submits its jobs in batches
(``/bin/sh -c 'exit N'``, N different from job to job), waits for them (one with
``wait_any_terminated``, the rest with ``wait_terminated``), asks each its state and
info, and reaps them.  Every job must be accounted for: DONE with its own exit status,
its DONE event delivered to the callback, gone after reaping.  The run happens in a
child process with a time limit, so a deadlock or a crash fails it instead of hanging
or killing the caller.  Then processes whose (slow) event callback is being called
exit normally: the interpreter must shut down cleanly around the library's thread.
Then sessions are closed while four threads use them (those calls must end in
``InvalidSessionException``), a forked child submits through its parent's session, and
eight threads register and unregister event callbacks while jobs run.

    python tests/reliability/threads.py [--threads 16] [--jobs 100]
"""
from __future__ import print_function

import collections
import json
import os
import sys
import threading
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402

#: How many jobs a thread submits before it waits for them.
BATCH = 10
#: The longest one wait for a job may take, in seconds.
JOB_TIMEOUT = 300


def exit_status_of(thread_index, job_index):
    """The exit status job ``job_index`` of thread ``thread_index`` ends with."""
    return (thread_index * 31 + job_index * 7) % 256


class Events(object):
    """What the event callback saw: the states reported per (session, job id)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.states = collections.defaultdict(list)
        self.arrived = threading.Condition(self.lock)
        self.count = 0

    def __call__(self, notification):
        with self.lock:
            self.states[(notification.session_name, notification.job_id)].append(
                notification.job_state)
            self.count += 1
            self.arrived.notify_all()

    def wait_for_done(self, keys, done_state, timeout):
        """Wait until each (session, job id) of ``keys`` has a DONE event; return those
        still missing."""
        deadline = common.clock() + timeout
        with self.lock:
            while True:
                missing = [key for key in keys if done_state not in self.states.get(key, ())]
                remaining = deadline - common.clock()
                if not missing or remaining <= 0:
                    return missing
                self.arrived.wait(min(remaining, 0.5))


def thread_body(drmaa2, index, jobs, session, events, results):
    """One thread's work; its findings go to ``results[index]``."""
    own = session is None
    found = {"jobs": 0, "problems": []}
    results[index] = found
    problems = found["problems"]
    try:
        if own:
            session = drmaa2.create_job_session()
        keys = []
        for first in range(0, jobs, BATCH):
            batch = []
            for job_index in range(first, min(first + BATCH, jobs)):
                status = exit_status_of(index, job_index)
                job = session.run_job(drmaa2.JobTemplate(
                    remote_command="/bin/sh", args=["-c", "exit %d" % status],
                    job_name="thread%d-job%d" % (index, job_index)))
                batch.append((job, status))
            some = session.wait_any_terminated([job for job, _ in batch], JOB_TIMEOUT)
            if some not in [job for job, _ in batch]:
                problems.append("wait_any_terminated returned %r, not one of the batch" % some)
            listed = set(job.job_id for job in session.get_jobs())
            for job, status in batch:
                job.wait_terminated(JOB_TIMEOUT)
                state, _ = job.get_state()
                info = job.get_info()
                if job.job_id not in listed:
                    problems.append("job %s is missing from get_jobs()" % job.job_id)
                if state != drmaa2.JobState.DONE or info.exit_status != status or \
                        info.job_id != job.job_id:
                    problems.append("job %s: state %s, exit status %r, info of %r; expected "
                                    "DONE, %d" % (job.job_id, state, info.exit_status,
                                                  info.job_id, status))
                keys.append((session.session_name, job.job_id))
            missing = events.wait_for_done([key for key in keys[-len(batch):]],
                                           drmaa2.JobState.DONE, JOB_TIMEOUT)
            for key in missing:
                problems.append("no DONE event for job %s of session %s" % (key[1], key[0]))
            for job, _ in batch:
                job.reap()
                try:
                    job.get_state()
                    problems.append("job %s still answers after reap()" % job.job_id)
                except drmaa2.InvalidArgumentException:
                    pass
                found["jobs"] += 1
        if own:
            left = session.get_jobs()
            if left:
                problems.append("%d jobs left in the session after reaping all" % len(left))
            session.close()
            drmaa2.destroy_job_session(session.session_name)
    except Exception:
        problems.append("thread %d raised:\n%s" % (index, traceback.format_exc()))


def stacks():
    """The stack of every thread of this process (to show a deadlock)."""
    lines = []
    for ident, frame in sys._current_frames().items():
        lines.append("thread %s:\n%s" % (ident, "".join(traceback.format_stack(frame))))
    return "\n".join(lines)


def child(shared_threads, own_threads, jobs, time_limit):
    """The run itself (in the child process); prints the JSON result."""
    import drmaa2
    events = Events()
    drmaa2.register_event_notification(events)
    shared = drmaa2.create_job_session()
    results = {}
    threads = []
    for index in range(shared_threads + own_threads):
        session = shared if index < shared_threads else None
        thread = threading.Thread(target=thread_body,
                                  args=(drmaa2, index, jobs, session, events, results))
        thread.daemon = True
        threads.append(thread)
    started = common.clock()
    for thread in threads:
        thread.start()
    problems = []
    for thread in threads:
        thread.join(max(0.0, time_limit - (common.clock() - started)))
    stuck = [thread for thread in threads if thread.is_alive()]
    if stuck:
        problems.append("%d threads still running after %g s (a deadlock?):\n%s"
                        % (len(stuck), time_limit, stacks()))
    jobs_done = sum(result["jobs"] for result in results.values())
    for index in sorted(results):
        problems.extend(results[index]["problems"])
    if shared.get_jobs():
        problems.append("jobs left in the shared session after reaping all")
    shared.close()
    drmaa2.destroy_job_session(shared.session_name)
    drmaa2.register_event_notification(None)
    expected = (shared_threads + own_threads) * jobs
    print(json.dumps({"jobs_run": jobs_done, "jobs_lost": expected - jobs_done,
                      "events": events.count, "seconds": round(common.clock() - started, 1),
                      "problems": problems}))
    sys.stdout.flush()
    os._exit(0)  # stuck daemon threads must not hold the exit up


#: A process that exits while its (slow) event callback is being called from the
#: library's thread, the interpreter shutting down around it.
EXIT_WHILE_DELIVERING = r"""
import sys, time, drmaa2
drmaa2.register_event_notification(lambda notification: time.sleep(0.02))
session = drmaa2.create_job_session()
jobs = [session.run_job({"remoteCommand": "/bin/true"}) for _ in range(20)]
jobs[len(jobs) // 2].wait_terminated(60)
time.sleep(float(sys.argv[1]))
print("{}")
"""


#: Threads using a session while another thread closes it, round after round; then a
#: forked child submitting through its parent's session; then eight threads registering
#: and unregistering event callbacks while jobs run.
CLOSE_RACES = r"""
import gc, json, os, sys, threading, time, drmaa2
problems, refused = [], [0]
def use(session):
    while True:
        try:
            session.get_jobs()
            session.run_job({"remoteCommand": "/bin/true", "submitAsHold": True}).terminate()
        except drmaa2.InvalidSessionException:
            refused[0] += 1
            return
        except Exception as error:
            problems.append("a thread using a session being closed got %r" % (error,))
            return
rounds = int(sys.argv[1])
for index in range(rounds):
    session = drmaa2.create_job_session()
    users = [threading.Thread(target=use, args=(session,)) for _ in range(4)]
    for thread in users:
        thread.start()
    time.sleep(0.005 * (index % 5))
    session.close()
    for thread in users:
        thread.join(60)
        if thread.is_alive():
            problems.append("a thread using a closed session did not stop")
    drmaa2.destroy_job_session(session.session_name)
    del session
    gc.collect()
session = drmaa2.create_job_session()
session.run_job({"remoteCommand": "/bin/true"}).wait_terminated(60)
pid = os.fork()
if pid == 0:
    try:
        job = session.run_job({"remoteCommand": "/bin/sh", "args": ["-c", "exit 4"]})
        job.wait_terminated(60)
        os._exit(job.get_info().exit_status)
    except BaseException:
        os._exit(99)
status = os.waitpid(pid, 0)[1]
if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 4:
    problems.append("a forked child's job through its parent's session: status %r" % status)
# Callbacks registered and unregistered by many threads while events arrive.
stop = threading.Event()
def submit():
    while not stop.is_set():
        job = session.run_job({"remoteCommand": "/bin/true"})
        job.wait_terminated(60)
        job.reap()
def flip():
    try:
        for index in range(rounds * 6):
            drmaa2.register_event_notification(
                (lambda notification: time.sleep(0.001)) if index % 2 else None)
    except Exception as error:
        problems.append("registering callbacks from threads: %r" % (error,))
submitters = [threading.Thread(target=submit) for _ in range(2)]
flippers = [threading.Thread(target=flip) for _ in range(8)]
for thread in submitters + flippers:
    thread.start()
for thread in flippers:
    thread.join(300)
stop.set()
for thread in submitters:
    thread.join(60)
if any(thread.is_alive() for thread in submitters + flippers):
    problems.append("threads registering callbacks did not finish")
print(json.dumps({"refused": refused[0], "problems": problems}))
"""


def close_races(env, rounds):
    """Run CLOSE_RACES; return (calls refused with InvalidSessionException, failures)."""
    try:
        found = common.last_json_line(common.run_python(CLOSE_RACES, env, 600, [str(rounds)]))
    except common.ChildFailed as error:
        return 0, ["closing a session in use: %s" % error]
    return found["refused"], found["problems"]


def exits_while_delivering(env, count):
    """Processes that end (normally, not with os._exit) while events are delivered;
    return the failures (a crash or a hang at exit)."""
    failures = []
    for index in range(count):
        pause = (0, 0.005, 0.02, 0.05, 0.1)[index % 5]
        try:
            common.run_python(EXIT_WHILE_DELIVERING, env, 120, [str(pause)])
        except common.ChildFailed as error:
            failures.append("a process exiting while events were delivered: %s" % error)
    return failures


def run(shared_threads=16, own_threads=16, jobs=100, time_limit=900, state_dir=None,
        exits=10, close_rounds=50):
    """Run the threads in a child process, then ``exits`` processes that end while
    events are delivered, then ``close_rounds`` sessions closed while four threads use
    them and a forked child; return the part's report."""
    code = ("import sys; sys.path.insert(0, %r); import threads; "
            "threads.child(%d, %d, %d, %r)" % (HERE, shared_threads, own_threads, jobs,
                                               float(time_limit)))
    failures = []
    with common.scratch_directory("threads") as scratch:
        env = common.child_environment(state_dir or os.path.join(scratch, "state"),
                                       DRMAA2_STUB_SLOTS=32)
        try:
            found = common.last_json_line(common.run_python(code, env, time_limit + 60))
        except common.ChildFailed as error:
            found = {"jobs_run": 0, "jobs_lost": (shared_threads + own_threads) * jobs,
                     "events": 0, "seconds": None, "problems": [str(error)]}
        failures.extend(found["problems"])
        exit_failures = exits_while_delivering(env, exits)
        refused, race_failures = close_races(env, close_rounds)
    failures.extend(exit_failures + race_failures)
    crashed = len([failure for failure in failures if "(a crash)" in failure])
    return common.report("threads", [
        ("threads", "%d shared + %d own sessions" % (shared_threads, own_threads)),
        ("jobs_run", found["jobs_run"]), ("jobs_lost", found["jobs_lost"]),
        ("events", found["events"]), ("clean_exits", exits - len(exit_failures)),
        ("close_races", close_rounds), ("refused_after_close", refused),
        ("callback_flips", 8 * 6 * close_rounds),
        ("crashes", crashed), ("seconds", found["seconds"])], failures)


def arguments(parser):
    """The options of this part run alone."""
    parser.add_argument("--threads", type=int, default=16,
                        help="threads sharing one session, and as many with their own")
    parser.add_argument("--jobs", type=int, default=100, help="jobs per thread")


def main(argv=None):
    return common.main(__doc__, arguments, lambda options: run(
        options.threads, options.threads, options.jobs), argv)


if __name__ == "__main__":
    sys.exit(main())
