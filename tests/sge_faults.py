"""The DRMAA v1 backend on a real Grid Engine under faults and at its edges: what the
library carries (at each measured limit the value arrives byte for byte, one byte over
drmaa2 refuses it), submitters killed while submitting (no job the DRM accepted is lost),
and why a job failed.

Needs the single-host cell of ``make test-sge`` (tools/test-sge.sh runs this file after
the conformance suite, with DRMAA2_BACKEND=drmaa1, DRMAA_LIBRARY_PATH and the jemalloc
preload set); without it, every test fails (it is not collected by ``make test``).
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import warnings

import pytest

import drmaa2
import drmaa2.backend
from drmaa2 import JobState, JobTemplate
from drmaa2._c.drmaa1 import names, profiles
from drmaa2.backend.drmaa1 import states
from drmaa2.backend.drmaa1.store import Store

GRID_ENGINE = profiles.GridEngine

#: What each job of the edge cases writes to its output: its arguments, the variables
#: starting with EDGE_, and its working directory.
REPORT = ("import json, os, sys; json.dump({'args': sys.argv[1:], 'cwd': os.getcwd(), "
          "'env': dict((k, v) for k, v in os.environ.items() if k.startswith('EDGE_'))}, "
          "sys.stdout)")


@pytest.fixture(autouse=True)
def drmaa1_backend(monkeypatch, tmp_path):
    """The DRMAA v1 backend on the cell, with a store of this test's own."""
    if not os.environ.get("DRMAA_LIBRARY_PATH") or not os.environ.get("SGE_ROOT"):
        pytest.fail("needs the Grid Engine cell of make test-sge (tools/test-sge.sh): "
                    "DRMAA_LIBRARY_PATH and SGE_ROOT are not set")
    monkeypatch.setenv("DRMAA2_BACKEND", "drmaa1")
    monkeypatch.setenv("DRMAA2_DRMAA1_STATE_DIR", str(tmp_path / "drmaa1-state"))
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    drmaa2.backend.current()


@pytest.fixture
def session():
    job_session = drmaa2.create_job_session()
    yield job_session
    for job in job_session.get_jobs():
        if job.get_state()[0] not in (JobState.DONE, JobState.FAILED,
                                      JobState.UNDETERMINED):
            try:
                job.terminate()
            except drmaa2.InvalidStateException:
                pass
    job_session.close()
    drmaa2.destroy_job_session(job_session.session_name)


@pytest.fixture
def reporter(tmp_path):
    """A script that reports what the job got (its command must be one word)."""
    path = tmp_path / "report.py"
    path.write_text(u"#!%s\n%s\n" % (sys.executable, REPORT))
    path.chmod(0o755)
    return str(path)


def edge_job(session, tmp_path, reporter, tag, **fields):
    fields.setdefault("output_path", str(tmp_path / (tag + ".out")))
    fields.setdefault("error_path", str(tmp_path / (tag + ".err")))
    fields.setdefault("job_name", "edge")
    return session.run_job(JobTemplate(remote_command=reporter, **fields)), fields


def report_of(job, fields):
    job.wait_terminated(120)
    info = job.get_info()
    assert info.job_state == JobState.DONE and info.exit_status == 0, (
        info.job_state, info.annotation, open(fields["error_path"]).read())
    with open(fields["output_path"]) as output:
        return json.load(output)


def refused(session, tmp_path, reporter, **fields):
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        edge_job(session, tmp_path, reporter, "refused", **fields)
    return str(caught.value)


# ---------------------------------------------------------------- what the library carries

def test_arguments_arrive_byte_for_byte_up_to_the_measured_limit(session, tmp_path,
                                                                  reporter):
    first = GRID_ENGINE.ARGUMENT_LINE - len("job_arg1=")
    tenth = GRID_ENGINE.ARGUMENT_LINE - len("job_arg10=")
    cases = {
        "first": ["x" * first],
        "tenth": ["a"] * 9 + ["y" * tenth],
        "utf8": [u"\u00e4\u20ac\U0001F600 \t'\"$HOME;", "a\rb", "", "--x=y"],
    }
    jobs = dict((tag, edge_job(session, tmp_path, reporter, tag, args=args))
                for tag, args in cases.items())
    for tag, (job, fields) in jobs.items():
        assert report_of(job, fields)["args"] == cases[tag], tag
    message = refused(session, tmp_path, reporter, args=["x" * (first + 1)])
    assert message.startswith("args[0]:") and str(first) in message
    message = refused(session, tmp_path, reporter, args=["a"] * 9 + ["y" * (tenth + 1)])
    assert message.startswith("args[9]:") and str(tenth) in message
    assert refused(session, tmp_path, reporter, args=["a\nb"]).startswith("args[0]:")


def test_one_byte_over_the_argument_limit_really_is_cut_by_the_library(tmp_path, reporter):
    """The measurement still holds: past the limit, Grid Engine's library (called
    without drmaa2's check) cuts the argument, so the limit is not too strict."""
    library = drmaa2.backend.current().library
    library.init(None)
    first = GRID_ENGINE.ARGUMENT_LINE - len("job_arg1=")
    output = str(tmp_path / "raw.out")
    job_id = library.run_job({names.REMOTE_COMMAND: reporter, names.OUTPUT_PATH: ":" + output,
                              names.ERROR_PATH: ":/dev/null"},
                             {names.V_ARGV: ["x" * (first + 1)],
                              names.V_ENV: ["EDGE_LONG=" + "e" * (GRID_ENGINE.ENVIRONMENT_ENTRY
                                                                  - len("EDGE_LONG=") + 1)]})
    library.wait(job_id, 120)
    with open(output) as report:
        got = json.load(report)
    assert [len(arg) for arg in got["args"]] == [first]
    assert len("EDGE_LONG=" + got["env"]["EDGE_LONG"]) == GRID_ENGINE.ENVIRONMENT_ENTRY


def test_environment_values_arrive_byte_for_byte_up_to_the_measured_limit(session, tmp_path,
                                                                          reporter):
    longest = GRID_ENGINE.ENVIRONMENT_ENTRY - len("EDGE_LONG=")
    environment = {"EDGE_LONG": "v" * longest, "EDGE_LINES": "a\nb\r\nc",
                   "EDGE_UTF8": u"\u00e4\u20ac", "EDGE_EMPTY": "", "EDGE_BLANKS": " a b\t"}
    job, fields = edge_job(session, tmp_path, reporter, "env", job_environment=environment)
    assert report_of(job, fields)["env"] == environment
    message = refused(session, tmp_path, reporter,
                      job_environment={"EDGE_LONG": "v" * (longest + 1)})
    assert message.startswith("job_environment['EDGE_LONG']:") and "9999" in message
    message = refused(session, tmp_path, reporter, job_environment={"EDGE_EQ": "a=b"})
    assert message.startswith("job_environment['EDGE_EQ']:") and "'='" in message


def test_the_command_arguments_and_environment_together_up_to_the_measured_limit(
        session, tmp_path, reporter):
    # The exact sum of the limit: the command, arguments of 999 bytes, one of the rest.
    room = GRID_ENGINE.EXEC_TOTAL - (len(reporter) + 1 + 8)
    count, rest = divmod(room, 1008)
    args = ["z" * 999] * count + ["r" * (rest - 9)]
    job, fields = edge_job(session, tmp_path, reporter, "total", args=args)
    assert report_of(job, fields)["args"] == args
    message = refused(session, tmp_path, reporter, args=args[:-1] + ["r" * (rest - 8)])
    assert "together" in message and str(GRID_ENGINE.EXEC_TOTAL) in message


def deep_directory(base, length):
    """A directory of exactly ``length`` bytes under ``base``, created."""
    path = str(base)
    while len(path) + 201 < length:
        path += "/" + "d" * 199
    path += "/" + "d" * (length - len(path) - 1)
    os.makedirs(path)
    assert len(path) == length
    return path


def test_paths_arrive_up_to_the_measured_limit(session, tmp_path, reporter):
    directory = deep_directory(tmp_path / "wd", GRID_ENGINE.PATH_BYTES[names.WD])
    output = deep_directory(tmp_path / "out", GRID_ENGINE.PATH_BYTES[names.OUTPUT_PATH] - 3)
    output += "/o"  # 4,094 bytes: with its ':' the attribute's limit
    job, fields = edge_job(session, tmp_path, reporter, "paths", working_directory=directory,
                           output_path=output)
    assert report_of(job, fields)["cwd"] == directory
    message = refused(session, tmp_path, reporter, output_path=output + "o")
    assert message.startswith("output_path:") and "4095" in message
    assert refused(session, tmp_path, reporter,
                   working_directory=str(tmp_path) + "/a\nb").startswith("working_directory:")
    assert refused(session, tmp_path, reporter,
                   output_path=str(tmp_path) + "/a\nb").startswith("output_path:")


def test_job_names_are_checked_with_grid_engines_rules_before_submission(session, tmp_path,
                                                                         reporter):
    job, fields = edge_job(session, tmp_path, reporter, "name", job_name="n" * 511)
    report_of(job, fields)
    assert job.get_info().job_name == "n" * 511
    for name in ("a b", u"\u00e4", "1abc", "a/b", "n" * 512, ""):
        message = refused(session, tmp_path, reporter, job_name=name)
        assert message.startswith("job_name:") and "not a Grid Engine job name" in message


# ---------------------------------------------------------------- killed submitters

SUBMITTER = """
import sys, drmaa2
session = drmaa2.open_job_session(sys.argv[1])
template = drmaa2.JobTemplate(remote_command="/bin/sleep", args=["600"], submit_as_hold=True,
                              output_path="/dev/null", error_path="/dev/null")
sys.stdout.write("ready\\n")
sys.stdout.flush()
if sys.argv[2] == "bulk":
    session.run_bulk_jobs(template, 1, 5000, 1)
else:
    for _ in range(60):
        session.run_job(template)
sys.stdout.write("done\\n")
"""


def drm_job_numbers():
    listing = subprocess.check_output(["qstat", "-u", "*"]).decode()
    return set(re.findall(r"^\s*(\d+)\s", listing, re.MULTILINE))


def pending_intents(store, name):
    return set(intent.tag for intent in store.intents(name))


def kill_round(name, mode, delay):
    """Start a submitter and SIGKILL it inside a submission: at the first moment, ``delay``
    seconds or more into its submissions, that a new intent is pending in the store.
    Return the DRM's new job numbers and whether an intent was pending after the kill."""
    before = drm_job_numbers()
    store = Store()
    known = pending_intents(store, name)
    child = subprocess.Popen([sys.executable, "-c", SUBMITTER, name, mode],
                             stdout=subprocess.PIPE)
    assert child.stdout.readline() == b"ready\n"
    time.sleep(delay)
    deadline = time.time() + 60
    while (child.poll() is None and time.time() < deadline
           and not pending_intents(store, name) - known):
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait()
    pending = bool(pending_intents(store, name) - known)
    return drm_job_numbers() - before, pending


@pytest.mark.parametrize("mode, delays", [
    ("bulk", (0.0, 0.01, 0.02, 0.03, 0.04, 0.06, 0.1, 0.2)),
    ("loop", (0.0, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0))])
def test_no_job_the_drm_accepted_is_missing_after_the_submitter_was_killed(mode, delays):
    name = "killed-" + mode
    drmaa2.create_job_session(name).close()
    pending_rounds = 0
    accepted = 0
    try:
        for delay in delays:
            accepted_now, pending = kill_round(name, mode, delay)
            pending_rounds += pending
            accepted += len(accepted_now)
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                reopened = drmaa2.open_job_session(name)
            listed = set(job.job_id.split(".")[0] for job in reopened.get_jobs())
            missing = accepted_now - listed
            assert not missing, "killed %.2f s into %s: the DRM has %s, the session not" % (
                delay, mode, sorted(missing))
            if mode == "bulk":
                for number in accepted_now:
                    array = reopened.get_job_array(number)
                    assert len(array.jobs) == 5000
            reopened.close()
            if accepted_now:
                subprocess.call(["qdel"] + sorted(accepted_now), stdout=open(os.devnull, "w"))
    finally:
        drmaa2.destroy_job_session(name)
    # The kills did land inside submissions: some found the submission's intent pending.
    assert pending_rounds > 0 and accepted > 0, (pending_rounds, accepted)


# ---------------------------------------------------------------- why a job failed

def test_a_job_grid_engine_could_not_start_says_why(session, tmp_path):
    causes = {
        "28": JobTemplate(remote_command="/bin/true", working_directory="/nonexistent/wd",
                          output_path="/dev/null", error_path="/dev/null"),
        "26": JobTemplate(remote_command="/bin/true", output_path="/nonexistent/o/x.out",
                          error_path="/dev/null"),
    }
    jobs = dict((code, session.run_job(template)) for code, template in causes.items())
    for code, job in jobs.items():
        job.wait_terminated(120)
        info = job.get_info()
        assert info.job_state == JobState.FAILED and info.exit_status is None
        assert info.annotation.startswith(states.ABORTED_ANNOTATION)
    deadline = time.time() + 60  # the accounting file is flushed every flush_time (15 s)
    pending = dict(jobs)
    while pending and time.time() < deadline:
        for code, job in list(pending.items()):
            annotation = job.get_info().annotation
            if states.has_reason(annotation):
                assert "failed %s:" % code in annotation, annotation
                assert "qacct -j %s" % job.job_id in annotation
                del pending[code]
        time.sleep(1)
    assert not pending, dict((code, job.get_info().annotation)
                             for code, job in pending.items())


# ---------------------------------------------------------------- the master killed

QMASTER_PID = "/var/spool/gridengine/qmaster/qmaster.pid"


def daemon_pid(pattern):
    import glob
    for path in glob.glob(pattern):
        try:
            pid = int(open(path).read())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            continue
    return None


def wait_until_gone(pid, seconds=10):
    """Return once the process ``pid`` has ended, or after ``seconds``."""
    for _ in range(int(seconds * 10)):
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.1)


def kill_qmaster():
    pid = daemon_pid(QMASTER_PID)
    assert pid, "sge_qmaster is not running"
    os.kill(pid, signal.SIGKILL)
    wait_until_gone(pid)


def start_qmaster():
    if daemon_pid(QMASTER_PID) is None:
        subprocess.check_call(["/usr/sbin/sge_qmaster"])
    for _ in range(120):
        if subprocess.call(["qconf", "-sh"], stdout=open(os.devnull, "w"),
                           stderr=subprocess.STDOUT) == 0:
            return
        time.sleep(0.5)
    pytest.fail("sge_qmaster does not answer after its restart")


def restart_execd():
    pid = daemon_pid("/var/spool/gridengine/execd/*/execd.pid")
    if pid:
        os.kill(pid, signal.SIGTERM)
        wait_until_gone(pid)
    subprocess.check_call(["/usr/sbin/sge_execd"])


@pytest.fixture
def master_restored():
    """Whatever a test does to the master, it runs again afterwards, and the execution
    daemon is restarted (after a restart of the master it may leave new jobs pending for
    minutes)."""
    yield
    start_qmaster()
    restart_execd()


def python_child(code, *args):
    return subprocess.Popen([sys.executable, "-c", code] + list(args),
                            stdout=subprocess.PIPE)


def json_line(child):
    line = child.stdout.readline()
    assert line, "the child process ended without an answer"
    return json.loads(line.decode())


SUBMIT_AND_WAIT = """
import json, sys, drmaa2
session = drmaa2.create_job_session(sys.argv[1])
job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sh",
                                         args=["-c", "sleep 15; exit 7"],
                                         output_path="/dev/null", error_path="/dev/null"))
print(json.dumps({"job_id": job.job_id}))
sys.stdout.flush()
job.wait_started(120)
print(json.dumps({"started": True}))
sys.stdout.flush()
while True:
    try:
        job.wait_terminated(drmaa2.INFINITE_TIME)
        break
    except drmaa2.DrmCommunicationException:
        pass  # the master is down: wait again
info = job.get_info()
print(json.dumps({"state": info.job_state.name, "exit_status": info.exit_status}))
sys.stderr.write("submitter: %s %s %s\\n" % (info.job_state, info.job_sub_state, info.annotation))
"""

WAIT_ELSEWHERE = """
import json, sys, drmaa2
session = drmaa2.open_job_session(sys.argv[1])
job = [job for job in session.get_jobs() if job.job_id == sys.argv[2]][0]
print(json.dumps({"opened": True}))
sys.stdout.flush()
while True:
    try:
        job.wait_terminated(5)
        break
    except (drmaa2.TimeoutException, drmaa2.DrmCommunicationException):
        pass
info = job.get_info()
print(json.dumps({"state": info.job_state.name, "exit_status": info.exit_status}))
sys.stderr.write("other: %s %s %s\\n" % (info.job_state, info.job_sub_state, info.annotation))
"""


def test_the_submitters_observed_end_replaces_an_unobserved_one_across_a_master_restart(
        master_restored):
    name = "master-restart"
    submitter = python_child(SUBMIT_AND_WAIT, name)
    other = None
    try:
        job_id = json_line(submitter)["job_id"]
        assert json_line(submitter) == {"started": True}
        other = python_child(WAIT_ELSEWHERE, name, job_id)
        assert json_line(other) == {"opened": True}
        kill_qmaster()
        time.sleep(20)  # the job ends while the master is down
        start_qmaster()
        restart_execd()
        # The submitting process's end replaces what the other stored meanwhile; Grid
        # Engine's library reports the job aborted (its end came while the master was
        # down), and its accounting, once flushed, has the exit status 7.
        json_line(submitter)
        json_line(other)
        submitter.wait()
        other.wait()
        job = drmaa2.open_job_session(name).get_jobs()[0]
        deadline = time.time() + 60
        while job.get_info().exit_status is None and time.time() < deadline:
            time.sleep(1)
        stored = job.get_info()
        assert (stored.job_state, stored.exit_status) == (JobState.DONE, 7), stored.annotation
    finally:
        for child in (submitter, other):
            if child is not None and child.poll() is None:
                child.kill()
                child.wait()
        try:
            drmaa2.destroy_job_session(name)
        except drmaa2.Drmaa2Exception:
            pass


WAIT_WITH_THE_MASTER_DOWN = """
import atexit, json, sys, time, drmaa2, drmaa2.backend
library = drmaa2.backend.current().library
exiting, calls, answers_at_exit = [], [], []
def counted(name):
    call = getattr(library, name)
    def count(*args):
        if not exiting:
            return call(*args)
        calls.append([name] + [str(arg) for arg in args])
        try:
            answer = call(*args)
        except Exception as error:
            answers_at_exit.append("%s: %s" % (type(error).__name__, error))
            raise
        answers_at_exit.append(repr(answer))
        return answer
    return count
for name in ("init", "exit", "wait", "job_ps", "control", "run_job", "run_bulk_jobs"):
    setattr(library, name, counted(name))
def report():  # after the backend's exit hook (registered later, run earlier)
    if exiting:
        print(json.dumps({"calls": calls, "answers": answers_at_exit,
                          "exit_seconds": time.time() - exiting[0]}))
    sys.stdout.flush()
atexit.register(report)
session = drmaa2.create_job_session(sys.argv[1])
template = dict(output_path="/dev/null", error_path="/dev/null")
ended = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sh", args=["-c", "exit 3"],
                                           **template))
job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep", args=["300"],
                                         **template))
ended.wait_terminated(120)
job.wait_started(120)
print(json.dumps({"started": job.job_id, "ended": ended.job_id}))
sys.stdout.flush()
sys.stdin.readline()  # the master is down now
answers = {}
for name, timeout in (("short", 0.5), ("infinite", drmaa2.INFINITE_TIME))[:int(sys.argv[2])]:
    start = time.time()
    try:
        job.wait_terminated(timeout)
        answers[name] = ["ended", str(job.get_state())]
    except drmaa2.Drmaa2Exception as error:
        answers[name] = [type(error).__name__, str(error)]
    answers[name + "_seconds"] = time.time() - start
try:
    if answers:
        session.run_job(drmaa2.JobTemplate(remote_command="/bin/true", **template))
        answers["submission"] = ["submitted"]
except drmaa2.Drmaa2Exception as error:
    answers["submission"] = [type(error).__name__, str(error)]
print(json.dumps(answers))
sys.stdout.flush()
atexit.register(lambda: exiting.append(time.time()))  # the first exit hook to run
"""


@pytest.mark.parametrize("waits", [2, 0], ids=["after-waits", "at-once"])
def test_a_submitter_learns_that_the_master_is_unreachable_and_exits_without_it(
        master_restored, waits):
    """With ``waits``, the submitter waits (and its probe finds the master down) before
    it exits; without, its exit is the first to ask.  Before the master goes down it has
    seen one job end (exit 3) and has one running."""
    name = "master-down"
    child = subprocess.Popen([sys.executable, "-c", WAIT_WITH_THE_MASTER_DOWN, name,
                              str(waits)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        jobs = json_line(child)
        kill_qmaster()
        child.stdin.write(b"go\n")
        child.stdin.flush()
        answers = json_line(child)
        if waits:
            # a wait shorter than the bound times out, saying that the master was
            # unreachable
            assert answers["short"][0] == "TimeoutException", answers
            assert "unreachable" in answers["short"][1], answers
            # an infinite wait learns it and raises
            assert answers["infinite"][0] == "DrmCommunicationException", answers
            assert answers["submission"][0] == "DrmCommunicationException", answers
        started = time.time()
        child.stdin.close()
        at_exit = json_line(child)
        assert child.wait(60) == 0  # exits (a hang detector, not the timing goal)
        exit_seconds = time.time() - started
        # At exit: drmaa_wait without waiting about the job whose end it has not seen,
        # once, and at most one question whether the master answers (none after the
        # waits' probe failed); no drmaa_exit, which would wait for the master.
        asked = [call for call in at_exit["calls"] if call[0] == "job_ps"]
        assert len(asked) <= 1 and (waits or asked), at_exit
        assert [call for call in at_exit["calls"] if call[0] != "job_ps"] == [
            ["wait", jobs["started"]]], at_exit
        sys.stderr.write("exit with the master down, %s: %.2f s (%.2f s in the exit "
                         "hooks; C calls at exit: %s); infinite wait raised after %s s\n"
                         % ("after waits" if waits else "at once", exit_seconds,
                            at_exit["exit_seconds"], at_exit["calls"],
                            answers.get("infinite_seconds")))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # The end the process saw is stored; the job still running is in the session.
    store = Store()
    seen = store.job(name, jobs["ended"])
    assert seen.observed and seen.exit_status == 3, (seen, at_exit)
    assert store.job(name, jobs["started"]) is not None
    start_qmaster()
    subprocess.call(["qdel", "-u", "root"], stdout=open(os.devnull, "w"),
                    stderr=subprocess.STDOUT)
    drmaa2.destroy_job_session(name)
