"""Exits and forks while threads are inside the library.

The exit round: interpreters that open a job session, start two daemon threads calling
into the library without pause (a job's state and info and the session's jobs in one,
waits on a running job in the other) and then end normally, the threads still inside
the library.  Every interpreter must exit with status 0: no crash, no hang, no library
error in a thread (the handles those threads use are not freed under them, nor the
store or the DRMAA v1 session closed).  It goes through the public API only, so it runs
over any backend (``DRMAA2_BACKEND``).

The fork round: one process keeps two threads inside the library and forks children;
each child asks the job it inherited for its state, opens the session again and lists
its jobs (every tenth also runs a job and waits for it), then exits.  No child may hang
(the store's locks are free in the child, which opens its own connection) and every one
must succeed: handles made before the fork go on working in the child.

    python tests/reliability/exits.py [--exits 200] [--forks 200]
"""
from __future__ import print_function

import os
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402

#: How long one interpreter may take to start, exit, or one forked child to finish.
EXIT_TIMEOUT = 120
FORK_CHILD_TIMEOUT = 60
#: The fork round stops after this many hung children (each costs its time limit).
MAX_HUNG = 5

#: Makes the session and the long job the exit round's interpreters share; prints its id.
SETUP = r"""
import json, sys
import drmaa2
session = drmaa2.create_job_session(sys.argv[1])
job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep", args=["600"]))
print(json.dumps({"job_id": job.job_id}))
"""

#: Ends the job and the session of SETUP.
CLEANUP = r"""
import sys
import drmaa2
session = drmaa2.open_job_session(sys.argv[1])
for job in session.get_jobs():
    try:
        job.terminate()
    except drmaa2.InvalidStateException:
        pass  # it ended
session.close()
drmaa2.destroy_job_session(sys.argv[1])
"""

#: One interpreter of the exit round: two daemon threads inside the library, then the
#: main thread ends (argv: session name, job id, pause before the end in seconds).
EXIT_CHILD = r"""
import sys, threading, time
import drmaa2
session = drmaa2.open_job_session(sys.argv[1])
job = [job for job in session.get_jobs() if job.job_id == sys.argv[2]][0]

def looping(calls, ready, write=sys.stderr.write, error=drmaa2.Drmaa2Exception,
            timeout=drmaa2.TimeoutException):
    def body():
        while True:
            try:
                calls()
            except timeout:
                pass
            except error as caught:
                write("LIBRARY ERROR in a daemon thread: %s: %s\n"
                      % (type(caught).__name__, caught))
                return
            except BaseException:  # Python 2 tears modules down under daemon threads
                return
            ready.set()
    thread = threading.Thread(target=body)
    thread.daemon = True
    thread.start()

def asking():
    job.get_state()
    job.get_info()
    session.get_jobs()

readies = [threading.Event(), threading.Event()]
looping(asking, readies[0])
looping(lambda: job.wait_terminated(0.1), readies[1])
for ready in readies:
    if not ready.wait(60):
        sys.exit("a thread made no call within 60 s")
time.sleep(float(sys.argv[3]))
print("exiting")
"""

#: The fork round, in one process (argv: forks, the time a child may take, the hung
#: children after which it stops): two threads inside the library, then forked children
#: using the library; prints the counts as JSON.
FORKS = r"""
import json, os, signal, sys, threading, time, warnings
import drmaa2
warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads, 3.12+
forks = int(sys.argv[1])
child_timeout = float(sys.argv[2])
max_hung = int(sys.argv[3])
session = drmaa2.create_job_session()
job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep", args=["600"]))
stop = threading.Event()
ready = [threading.Event(), threading.Event()]

def asking():
    while not stop.is_set():
        job.get_state()
        job.get_info()
        ready[0].set()

def waiting():
    while not stop.is_set():
        try:
            job.wait_terminated(0.05)
        except drmaa2.TimeoutException:
            pass
        session.get_jobs()
        ready[1].set()

threads = [threading.Thread(target=asking), threading.Thread(target=waiting)]
for thread in threads:
    thread.daemon = True
    thread.start()
for event in ready:
    event.wait(60)

def in_child(index):
    state = job.get_state()[0]
    if state is not drmaa2.JobState.RUNNING:
        raise AssertionError("the inherited job is %s, not RUNNING" % state.name)
    again = drmaa2.open_job_session(session.session_name)
    if job.job_id not in [other.job_id for other in again.get_jobs()]:
        raise AssertionError("the session opened again lacks the job")
    if index % 10 == 0:
        ran = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sh",
                                                 args=["-c", "exit 7"]))
        ran.wait_terminated(child_timeout / 2)
        if ran.get_info().exit_status != 7:
            raise AssertionError("a child's job ended with %r" % ran.get_info())
    again.close()

hung = failed = tried = 0
problems = []
for index in range(forks):
    if hung >= max_hung:
        problems.append("stopped after %d hung children, %d forks of %d tried"
                        % (hung, tried, forks))
        break
    tried += 1
    time.sleep(0.001 * (index % 7))
    pid = os.fork()
    if pid == 0:
        try:
            in_child(index)
            os._exit(0)
        except BaseException as error:
            try:
                sys.stderr.write("child %d: %s: %s\n" % (index, type(error).__name__, error))
            finally:
                os._exit(3)
    deadline = time.time() + child_timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if status != 0:
                failed += 1
                problems.append("forked child %d ended with status %d" % (index, status))
            break
        if time.time() > deadline:
            hung += 1
            problems.append("forked child %d hung (killed after %g s)" % (index, child_timeout))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.002)
stop.set()
for thread in threads:
    thread.join(60)
job.terminate()
session.close()
drmaa2.destroy_job_session(session.session_name)
print(json.dumps({"hung": hung, "failed": failed, "tried": tried, "problems": problems}))
"""


def exit_round(env, exits, parallel):
    """``exits`` interpreters (``parallel`` at a time) that end with two daemon threads
    inside the library; return (clean exits, crashes, failures)."""
    name = "exit-round-%d" % os.getpid()
    try:
        found = common.last_json_line(common.run_python(SETUP, env, EXIT_TIMEOUT, [name]))
    except common.ChildFailed as error:
        return 0, 0, ["setting up the exit round: %s" % error]
    outcomes = []
    indices = list(range(exits))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not indices:
                    return
                index = indices.pop(0)
            pause = (0, 0.001, 0.005, 0.02, 0.05)[index % 5]
            try:
                common.run_python(EXIT_CHILD, env, EXIT_TIMEOUT,
                                  [name, found["job_id"], str(pause)])
                outcome = None
            except common.ChildFailed as error:
                outcome = "interpreter %d exiting with threads inside the library: %s" % (
                    index, error)
            with lock:
                outcomes.append(outcome)

    try:
        workers = [threading.Thread(target=worker) for _ in range(parallel)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    finally:
        try:
            common.run_python(CLEANUP, env, EXIT_TIMEOUT, [name])
        except common.ChildFailed as error:
            outcomes.append("cleaning up the exit round: %s" % error)
    failures = [outcome for outcome in outcomes if outcome is not None]
    crashes = len([failure for failure in failures if "(a crash)" in failure])
    return outcomes.count(None), crashes, failures


def fork_round(env, forks, child_timeout=FORK_CHILD_TIMEOUT, max_hung=MAX_HUNG):
    """``forks`` children forked while two threads are inside the library (stopping
    after ``max_hung`` hung ones); return (hung children, failed children, failures)."""
    try:
        found = common.last_json_line(common.run_python(
            FORKS, env, forks * 5 + (max_hung + 1) * child_timeout + 120,
            [str(forks), str(child_timeout), str(max_hung)]))
    except common.ChildFailed as error:
        return None, None, ["the fork round's process: %s" % error]
    return found["hung"], found["failed"], found["problems"]


def run_exits(exits=200, state_dir=None, parallel=2, **environment):
    """The exit round; return the part's report.  ``environment``: variables for the
    interpreters (e.g. DRMAA2_BACKEND)."""
    with common.scratch_directory("exits") as scratch:
        env = common.child_environment(state_dir or os.path.join(scratch, "state"),
                                       **environment)
        clean, crashes, failures = exit_round(env, exits, parallel)
    return common.report("exit", [
        ("exits", exits), ("threads_inside", 2),
        ("backend", env.get("DRMAA2_BACKEND", "default")), ("clean_exits", clean),
        ("crashes", crashes)], failures)


def run_forks(forks=200, state_dir=None, child_timeout=FORK_CHILD_TIMEOUT, max_hung=MAX_HUNG):
    """The fork round (over the stub); return the part's report."""
    with common.scratch_directory("forks") as scratch:
        env = common.child_environment(state_dir or os.path.join(scratch, "state"))
        hung, failed, failures = fork_round(env, forks, child_timeout, max_hung)
    return common.report("fork", [
        ("forks", forks), ("threads_inside", 2), ("hung_children", hung),
        ("failed_children", failed)], failures)


def arguments(parser):
    parser.add_argument("--exits", type=int, default=200, help="interpreter exits")
    parser.add_argument("--forks", type=int, default=200, help="forked children")


def run_both(options):
    """Both rounds, as one result (their counts prefixed with the round)."""
    results = [run_exits(options.exits), run_forks(options.forks)]
    counts = [("%s_%s" % (result["part"], key), value) for result in results
              for key, value in result["counts"].items()]
    return common.report("exits", counts, sum((result["failures"] for result in results), []))


def main(argv=None):
    return common.main(__doc__, arguments, run_both, argv)


if __name__ == "__main__":
    sys.exit(main())
