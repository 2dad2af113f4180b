"""Crashes: a client killed while submitting, a job's supervisor killed, a state directory
that turns read-only or fills up.

- Kill rounds: a child process submits jobs (``/bin/true``) to a named session and
  writes each job id to a file as soon as ``run_job`` returns; it is killed with SIGKILL
  in the middle.  A new process reopens the session: every job whose id was written
  must be there and end (DONE, or FAILED with an annotation when the kill took its
  supervisor's start with it), and SQLite must find the store intact.  Likewise for job
  arrays of 200 held jobs: every array whose ``run_bulk_jobs`` returned must be there
  whole, and no half-written one.
- Read-only: the state directory is made read-only (a read-only bind mount as root,
  the permission bits otherwise); every call must return or raise a DRMAA2 exception
  that names the state directory and says it cannot be written, and once it is
  writable again the store is intact.
- Supervisors: a job's supervising process is killed with SIGKILL while the job runs;
  the job must end FAILED with an annotation, its processes gone.
- Full: the state directory fills up (a small tmpfs as root, and for every user a file
  size limit, RLIMIT_FSIZE); submitting must end in a DRMAA2 exception, and once there
  is room again every job whose ``run_job`` returned is there and ends, the store intact.
- Removed: the state directory is removed (``shutil.rmtree``) at a random moment while a
  child submits to it; no ``run_job`` that began after the removal may return, and the
  child's error names the directory.
- New stores: four processes at once create the first session of a new state directory;
  every one must succeed and run a job (a store being made is never taken for an empty,
  refused one).

    python tests/reliability/crashes.py [--jobs 1000] [--rounds 3] [--supervisors 10]
"""
from __future__ import print_function

import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402

#: The longest all the jobs of one check may take to end, in seconds.
END_TIMEOUT = 300

SUBMIT = r"""
import os, sys, drmaa2
name, count, ids_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    session = drmaa2.open_job_session(name)
except drmaa2.InvalidArgumentException:
    session = drmaa2.create_job_session(name)
out = os.open(ids_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 384)
for index in range(count):
    job = session.run_job({"remoteCommand": "/bin/true"})
    os.write(out, (job.job_id + "\n").encode("ascii"))
"""

SUBMIT_ARRAYS = r"""
import os, sys, drmaa2
name, count, tasks, ids_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
session = drmaa2.create_job_session(name)
out = os.open(ids_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 384)
for index in range(count):
    array = session.run_bulk_jobs({"remoteCommand": "/bin/true", "submitAsHold": True},
                                  1, tasks, 1)
    os.write(out, (array.job_array_id + "\n").encode("ascii"))
"""

REOPEN_ARRAYS = r"""
import json, sys, drmaa2
name, ids = sys.argv[1], sys.argv[2:]
session = drmaa2.open_job_session(name)
sizes = {}
for array_id in ids:
    try:
        array = session.get_job_array(array_id)
    except drmaa2.Drmaa2Exception as error:
        sizes[array_id] = str(error)
        continue
    sizes[array_id] = len(array.jobs)
    array.terminate()
print(json.dumps({"sizes": sizes, "jobs": len(session.get_jobs())}))
"""

REOPEN = r"""
import json, sys, drmaa2
name, timeout = sys.argv[1], float(sys.argv[2])
session = drmaa2.open_job_session(name)
found = {}
for job in session.get_jobs():
    job.wait_terminated(timeout)
    info = job.get_info()
    found[job.job_id] = [info.job_state.name, info.exit_status, info.annotation]
job = session.run_job({"remoteCommand": "/bin/true"})
job.wait_terminated(timeout)
print(json.dumps({"jobs": found, "new_job": job.get_state()[0].name}))
"""

SUPERVISOR = r"""
import errno, json, os, signal, sqlite3, sys, time, drmaa2
count, state_dir = int(sys.argv[1]), sys.argv[2]
session = drmaa2.create_job_session()
jobs = [session.run_job({"remoteCommand": "/bin/sleep", "args": ["60"]})
        for _ in range(count)]
found = []
db = sqlite3.connect(os.path.join(state_dir, "jobs.db"), timeout=60)
for job in jobs:
    job.wait_started(60)
    supervisor, group = db.execute("SELECT sup_pid, pgid FROM jobs WHERE id = ?",
                                   (int(job.job_id),)).fetchone()
    os.kill(supervisor, signal.SIGKILL)
    job.wait_terminated(60)
    info = job.get_info()
    gone = False
    for _ in range(500):
        try:
            with open("/proc/%d/stat" % group) as proc:
                gone = proc.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except IOError:
            gone = True
        if gone:
            break
        time.sleep(0.01)
    found.append([job.job_id, info.job_state.name, info.annotation, gone])
print(json.dumps({"jobs": found}))
"""

TRY_CALLS = r"""
import json, sys, drmaa2
name, job_id = sys.argv[1], sys.argv[2]
outcomes = {}
def attempt(label, call):
    try:
        call()
        outcomes[label] = ["returned", ""]
    except drmaa2.Drmaa2Exception as error:
        outcomes[label] = [type(error).__name__, str(error)]
    except Exception as error:
        outcomes[label] = ["undocumented " + type(error).__name__, str(error)]
def run_job():
    drmaa2.open_job_session(name).run_job({"remoteCommand": "/bin/true"})
def info():
    session = drmaa2.open_job_session(name)
    [job.get_info() for job in session.get_jobs() if job.job_id == job_id]
attempt("create_job_session", lambda: drmaa2.create_job_session())
attempt("open_job_session", lambda: drmaa2.open_job_session(name))
attempt("get_job_session_names", drmaa2.get_job_session_names)
attempt("run_job", run_job)
attempt("get_info", info)
attempt("get_all_jobs", lambda: drmaa2.open_monitoring_session().get_all_jobs())
print(json.dumps(outcomes))
"""

FILL = r"""
import json, os, resource, sys, drmaa2
name, limit, ids_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
session = drmaa2.open_job_session(name)
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
out = open(ids_path, "a")
error = None
for index in range(100000):
    try:
        job = session.run_job({"remoteCommand": "/bin/true", "submitAsHold": index % 2 == 0})
    except drmaa2.Drmaa2Exception as failure:
        error = [type(failure).__name__, str(failure)]
        break
    out.write(job.job_id + "\n")
    out.flush()
later = []
for label, call in (("get_jobs", session.get_jobs), ("run_job", lambda: session.run_job(
        {"remoteCommand": "/bin/true"}))):
    try:
        call()
        later.append([label, "returned"])
    except drmaa2.Drmaa2Exception as failure:
        later.append([label, type(failure).__name__])
print(json.dumps({"error": error, "submitted": index, "later": later}))
"""

REMOVED = r"""
import json, os, sys, drmaa2
ready, begun, removed = sys.argv[1], sys.argv[2], sys.argv[3]
session = drmaa2.create_job_session("removed")
open(ready, "w").close()
accepted_after, calls, error = 0, 0, None
while calls < 200000:
    removed_before = os.path.exists(removed)
    try:
        session.run_job({"remoteCommand": "/bin/true", "submitAsHold": True})
    except drmaa2.Drmaa2Exception as failure:
        error = [type(failure).__name__, str(failure), os.path.exists(begun)]
        break
    calls += 1
    accepted_after += removed_before
print(json.dumps({"calls": calls, "accepted_after": accepted_after, "error": error}))
"""

NEW_STORE = r"""
import json, os, sys, time, drmaa2
ready, go = sys.argv[1], sys.argv[2]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
try:
    with drmaa2.create_job_session() as session:
        job = session.run_job({"remoteCommand": "/bin/true"})
        job.wait_terminated(120)
        print(json.dumps({"state": job.get_state()[0].name}))
except drmaa2.Drmaa2Exception as failure:
    print(json.dumps({"error": "%s: %s" % (type(failure).__name__, failure)}))
"""

RELEASE_ALL = r"""
import sys, drmaa2
session = drmaa2.open_job_session(sys.argv[1])
for job in session.get_jobs():
    if job.get_state()[0] == drmaa2.JobState.QUEUED_HELD:
        job.release()
"""


#: What an error about a read-only state directory must say (one of them).
READ_ONLY_WORDS = ("read-only", "readonly", "not writable", "permission denied")


def store_intact(state_dir):
    """SQLite's own check of the store; returns its answer ("ok" when intact)."""
    connection = sqlite3.connect(os.path.join(state_dir, "jobs.db"), timeout=60)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


class Outcome(object):
    """The counts and failures of the crash checks."""

    def __init__(self):
        self.counts = [("kill_rounds", 0), ("jobs_submitted", 0), ("arrays_submitted", 0),
                       ("jobs_found", 0),
                       ("jobs_lost", 0), ("supervisors_killed", 0),
                       ("failed_with_annotation", 0), ("read_only_calls", 0),
                       ("full_stores", 0), ("store_checks", 0), ("stores_removed", 0),
                       ("accepted_after_removal", 0), ("new_stores_raced", 0),
                       ("crashes", 0)]
        self.failures = []

    def add(self, name, amount=1):
        self.counts = [(key, value + amount if key == name else value)
                       for key, value in self.counts]

    def child(self, code, env, timeout, args=()):
        """Run a child; a crash or hang is counted and recorded, None returned."""
        try:
            found = common.last_json_line(common.run_python(code, env, timeout, args))
            if os.environ.get("DRMAA2_RELIABILITY_DEBUG"):
                print(json.dumps(found)[:3000], file=sys.stderr)
            return found
        except common.ChildFailed as error:
            if "(a crash)" in str(error):
                self.add("crashes")
            self.failures.append(str(error))
            return None

    def check_store(self, state_dir, what):
        answer = store_intact(state_dir)
        self.add("store_checks")
        if answer != "ok":
            self.failures.append("%s: the store is damaged: %s" % (what, answer))

    def check_reopened(self, env, name, recorded, what):
        """Reopen the session in a new process: every recorded job is there and ends."""
        found = self.child(REOPEN, env, END_TIMEOUT + 60, [name, str(END_TIMEOUT)])
        if found is None:
            return
        jobs = found["jobs"]
        lost = [job_id for job_id in recorded if job_id not in jobs]
        self.add("jobs_found", len([job_id for job_id in recorded if job_id in jobs]))
        self.add("jobs_lost", len(lost))
        if lost:
            self.failures.append("%s: %d jobs whose run_job returned are gone: %s"
                                 % (what, len(lost), ", ".join(lost[:20])))
        for job_id, (state, exit_status, annotation) in sorted(jobs.items()):
            if state == "FAILED" and annotation:
                self.add("failed_with_annotation")
            elif state != "DONE" or exit_status != 0:
                self.failures.append("%s: job %s ended %s (exit status %r, annotation %r)"
                                     % (what, job_id, state, exit_status, annotation))
        if found["new_job"] != "DONE":
            self.failures.append("%s: a job submitted afterwards ended %s"
                                 % (what, found["new_job"]))


def kill_round(outcome, env, state_dir, name, jobs, scratch, index, kill_after=None):
    """Submit ``jobs`` jobs in a child, SIGKILL it once ``kill_after`` run_job calls
    have returned (default: a random point between 20% and 80%), check what is left."""
    ids_path = os.path.join(scratch, "ids-%d" % index)
    if kill_after is None:
        kill_after = random.randint(max(1, jobs // 5), max(1, jobs * 4 // 5))
    child = subprocess.Popen([sys.executable, "-c", SUBMIT, name, str(jobs), ids_path],
                             env=env, stderr=subprocess.PIPE)
    deadline = common.clock() + END_TIMEOUT
    while common.clock() < deadline and child.poll() is None:
        if len(read_ids(ids_path)) >= kill_after:
            break
        time.sleep(0.002)
    if child.poll() is not None:
        outcome.failures.append("kill round %d: the submitting child ended (status %s) "
                                "before it was killed: %s"
                                % (index, child.returncode, child.stderr.read()[-2000:]))
        return
    child.kill()
    child.wait()
    child.stderr.close()
    recorded = read_ids(ids_path)
    outcome.add("kill_rounds")
    outcome.add("jobs_submitted", len(recorded))
    outcome.check_store(state_dir, "kill round %d" % index)
    outcome.check_reopened(env, name, recorded, "kill round %d" % index)


def kill_arrays(outcome, env, state_dir, name, arrays, tasks, scratch, kill_after):
    """Submit ``arrays`` job arrays of ``tasks`` held jobs in a child, SIGKILL it once
    ``kill_after`` have returned; each returned array must be there whole."""
    ids_path = os.path.join(scratch, "array-ids")
    child = subprocess.Popen([sys.executable, "-c", SUBMIT_ARRAYS, name, str(arrays),
                              str(tasks), ids_path], env=env, stderr=subprocess.PIPE)
    deadline = common.clock() + END_TIMEOUT
    while common.clock() < deadline and child.poll() is None and \
            len(read_ids(ids_path)) < kill_after:
        time.sleep(0.002)
    if child.poll() is not None:
        outcome.failures.append("array kill: the submitting child ended (status %s) before "
                                "it was killed: %s" % (child.returncode,
                                                       child.stderr.read()[-2000:]))
        return
    child.kill()
    child.wait()
    child.stderr.close()
    recorded = read_ids(ids_path)
    outcome.add("kill_rounds")
    outcome.add("arrays_submitted", len(recorded))
    outcome.check_store(state_dir, "array kill")
    found = outcome.child(REOPEN_ARRAYS, env, END_TIMEOUT, [name] + recorded)
    if found is None:
        return
    for array_id, size in sorted(found["sizes"].items()):
        if size != tasks:
            outcome.failures.append("array kill: array %s whose run_bulk_jobs returned has "
                                    "%r jobs, not %d" % (array_id, size, tasks))
    if found["jobs"] % tasks:
        outcome.failures.append("array kill: the session holds %d jobs, not whole arrays of "
                                "%d (a half-written array)" % (found["jobs"], tasks))


def read_ids(path):
    """The job ids written to ``path``, complete lines only."""
    try:
        with open(path) as handle:
            text = handle.read()
    except IOError:
        return []
    return [line for line in text.split("\n")[:-1] if line]


def supervisors(outcome, env, state_dir, count):
    """Kill the supervisors of ``count`` running jobs; each job must end FAILED."""
    found = outcome.child(SUPERVISOR, env, 120 + 10 * count, [str(count), state_dir])
    if found is None:
        return
    for job_id, state, annotation, gone in found["jobs"]:
        outcome.add("supervisors_killed")
        if state != "FAILED" or not annotation:
            outcome.failures.append("job %s whose supervisor was killed ended %s with "
                                    "annotation %r, not FAILED with one"
                                    % (job_id, state, annotation))
        else:
            outcome.add("failed_with_annotation")
        if not gone:
            outcome.failures.append("the processes of job %s outlived its supervisor"
                                    % job_id)
    outcome.check_store(state_dir, "supervisors killed")


def prepare(outcome, env, name):
    """Make the session ``name`` with one finished job; return the job's id."""
    recorded = []
    code = ("import json, drmaa2\n"
            "session = drmaa2.create_job_session(%r)\n"
            "job = session.run_job({'remoteCommand': '/bin/true'})\n"
            "job.wait_terminated(60)\n"
            "print(json.dumps({'job': job.job_id}))\n" % name)
    found = outcome.child(code, env, 120)
    if found is not None:
        recorded.append(found["job"])
    return recorded


def read_only(outcome, env, state_dir, name):
    """Make the state directory read-only; every call fails cleanly; nothing breaks."""
    recorded = prepare(outcome, env, name)
    if not recorded:
        return
    outcome.add("jobs_submitted", len(recorded))
    undo = make_read_only(state_dir)
    try:
        found = outcome.child(TRY_CALLS, env, 120, [name, recorded[0]])
    finally:
        undo()
    if found is not None:
        for label, (result, message) in sorted(found.items()):
            outcome.add("read_only_calls")
            if result.startswith("undocumented"):
                outcome.failures.append("read-only state directory: %s raised %s: %s"
                                        % (label, result, message))
            elif label in ("create_job_session", "run_job") and result == "returned":
                outcome.failures.append("read-only state directory: %s returned" % label)
            elif result != "returned" and not (
                    state_dir in message and any(words in message.lower() for words in
                                                 READ_ONLY_WORDS)):
                outcome.failures.append("read-only state directory: %s raised %s without "
                                        "saying that the directory cannot be written: %s"
                                        % (label, result, message))
    outcome.check_store(state_dir, "read-only state directory")
    outcome.check_reopened(env, name, recorded, "read-only state directory")


def make_read_only(path):
    """Make ``path`` read-only for this user; return the function that undoes it.

    Root writes through permission bits, so as root the directory is bind-mounted
    read-only over itself; other users get the write bits removed."""
    if common.is_root():
        subprocess.check_call(["mount", "--bind", path, path])
        try:
            subprocess.check_call(["mount", "-o", "remount,bind,ro", path])
        except subprocess.CalledProcessError:
            subprocess.call(["umount", path])
            raise
        return lambda: subprocess.check_call(["umount", path])
    modes = {}
    for directory, _, files in os.walk(path):
        for entry in [directory] + [os.path.join(directory, item) for item in files]:
            modes[entry] = stat.S_IMODE(os.lstat(entry).st_mode)
            os.chmod(entry, modes[entry] & ~0o222)

    def undo():
        for entry, mode in modes.items():
            os.chmod(entry, mode)
    return undo


def full(outcome, env, state_dir, name, scratch, how):
    """Fill the state directory (``how``: "rlimit" or "tmpfs") while submitting."""
    what = "full state directory (%s)" % how
    if how == "tmpfs":
        mount_point = os.path.join(scratch, "tmpfs")
        os.mkdir(mount_point)
        subprocess.check_call(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs",
                               mount_point])
        state_dir = os.path.join(mount_point, "state")
        env = dict(env, DRMAA2_STUB_STATE_DIR=state_dir)
    try:
        recorded = prepare(outcome, env, name)
        if not recorded:
            return
        limit = 0
        filler = os.path.join(state_dir, "..", "filler")
        if how == "rlimit":
            limit = max(os.path.getsize(os.path.join(state_dir, entry))
                        for entry in os.listdir(state_dir)
                        if os.path.isfile(os.path.join(state_dir, entry))) + 96 * 1024
        else:
            fill_up(filler, keep_free=192 * 1024)
        ids_path = os.path.join(scratch, "ids-full-%s" % how)
        found = outcome.child(FILL, env, END_TIMEOUT, [name, str(limit), ids_path])
        if os.path.exists(filler):
            os.remove(filler)
        if found is None:
            return
        outcome.add("full_stores")
        recorded += read_ids(ids_path)
        outcome.add("jobs_submitted", len(recorded))
        if found["error"] is None:
            outcome.failures.append("%s: %d submissions never failed"
                                    % (what, found["submitted"]))
        elif not found["error"][1].strip():
            outcome.failures.append("%s: %s without a message" % (what, found["error"][0]))
        outcome.check_store(state_dir, what)
        release = outcome.child(RELEASE_ALL + "print('{}')\n", env, 120, [name])
        if release is not None:
            outcome.check_reopened(env, name, recorded, what)
            outcome.check_store(state_dir, what + ", afterwards")
    finally:
        if how == "tmpfs":
            subprocess.call(["umount", "-l", mount_point])


def removed(outcome, env, scratch, index):
    """Remove the state directory while a child submits to it (round ``index``)."""
    state_dir = os.path.join(scratch, "removed-%d" % index, "state")
    ready = os.path.join(scratch, "removed-%d.ready" % index)
    begun = os.path.join(scratch, "removed-%d.begun" % index)
    marker = os.path.join(scratch, "removed-%d.done" % index)
    found = []
    child = threading.Thread(target=lambda: found.append(outcome.child(
        REMOVED, dict(env, DRMAA2_STUB_STATE_DIR=state_dir), 120, [ready, begun, marker])))
    child.start()
    deadline = time.time() + 60
    while not os.path.exists(ready) and child.is_alive() and time.time() < deadline:
        time.sleep(0.01)
    if os.path.exists(ready):
        time.sleep(random.uniform(0.05, 0.5))
        open(begun, "w").close()
        shutil.rmtree(state_dir)
        open(marker, "w").close()
    child.join()
    result = found[0] if found else None
    if result is None:
        return
    outcome.add("stores_removed")
    outcome.add("accepted_after_removal", result["accepted_after"])
    what = "state directory removed after %d submissions" % result["calls"]
    if result["accepted_after"]:
        outcome.failures.append("%s: %d run_job calls begun after the removal returned a job"
                                % (what, result["accepted_after"]))
    error = result["error"]
    if error is None or not error[2]:
        outcome.failures.append("%s: the submissions ended with %r, not with the removal"
                                % (what, error))
    elif error[0] not in ("InternalException", "DeniedByDrmsException") or \
            state_dir not in error[1]:
        outcome.failures.append("%s: %s: %s does not name the directory"
                                % (what, error[0], error[1]))


def new_stores(outcome, env, scratch, index, racers=4):
    """``racers`` processes create the first session of a new state directory at once."""
    state_dir = os.path.join(scratch, "new-%d" % index, "state")
    # Each racer says it is ready (its interpreter started, drmaa2 imported); once all
    # are, the go file makes them begin together.
    readies = [os.path.join(scratch, "new-%d.ready-%d" % (index, racer))
               for racer in range(racers)]
    go = os.path.join(scratch, "new-%d.go" % index)
    found = []

    def race(ready):
        found.append(outcome.child(NEW_STORE, dict(env, DRMAA2_STUB_STATE_DIR=state_dir),
                                   180, [ready, go]))

    threads = [threading.Thread(target=race, args=(ready,)) for ready in readies]
    for thread in threads:
        thread.start()
    deadline = time.time() + 60
    while time.time() < deadline and not all(
            os.path.exists(ready) or not thread.is_alive()
            for ready, thread in zip(readies, threads)):
        time.sleep(0.001)
    open(go, "w").close()
    for thread in threads:
        thread.join()
    for result in found:
        if result is None:
            continue
        if result.get("state") == "DONE":
            outcome.add("new_stores_raced")
        else:
            outcome.failures.append("a new store made by %d processes at once: %s"
                                    % (racers, result.get("error", result)))


def fill_up(path, keep_free):
    """Write ``path`` until its file system has only ``keep_free`` bytes left."""
    info = os.statvfs(os.path.dirname(path))
    size = max(0, info.f_bavail * info.f_frsize - keep_free)
    with open(path, "wb") as handle:
        chunk = b"\0" * 65536
        while size > 0:
            handle.write(chunk[:min(size, len(chunk))])
            size -= min(size, len(chunk))


def can_mount():
    """True when this process may mount file systems (root with the capability)."""
    if not common.is_root():
        return False
    with common.scratch_directory("mount-probe") as scratch:
        if subprocess.call(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", scratch],
                           stderr=open(os.devnull, "w")) != 0:
            return False
        subprocess.call(["umount", scratch])
        return True


def run(jobs=1000, rounds=3, supervisors_killed=10, full_ways=None, state_dir=None):
    """Run every crash check; return the part's report.  ``full_ways`` lists how to fill
    the state directory (default: "rlimit", and "tmpfs" where mounting is allowed).  The
    state directory is removed under a submitter ``jobs // 50`` times, and ``jobs // 40``
    new stores are raced for (at least twice each)."""
    outcome = Outcome()
    if full_ways is None:
        full_ways = ["rlimit"] + (["tmpfs"] if can_mount() else [])
    with common.scratch_directory("crashes") as scratch:
        base = state_dir or os.path.join(scratch, "state")
        env = common.child_environment(base, DRMAA2_STUB_SLOTS=8)
        for index in range(rounds):
            kill_round(outcome, env, base, "killed-client", jobs, scratch, index + 1)
        kill_arrays(outcome, env, base, "killed-arrays", max(2, jobs // 10), 200, scratch,
                    max(1, jobs // 40))
        supervisors(outcome, env, base, supervisors_killed)
        for how in full_ways:
            full(outcome, env, base, "full-" + how, scratch, how)
        read_only(outcome, env, base, "read-only")
        for index in range(max(2, jobs // 50)):
            removed(outcome, env, scratch, index)
        for index in range(max(2, jobs // 40)):
            new_stores(outcome, env, scratch, index)
    return common.report("crashes", outcome.counts, outcome.failures)


def arguments(parser):
    """The options of this part run alone."""
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--supervisors", type=int, default=10)


def main(argv=None):
    return common.main(__doc__, arguments, lambda options: run(
        options.jobs, options.rounds, options.supervisors), argv)


if __name__ == "__main__":
    sys.exit(main())
