"""Security: no shell between a user's arguments and the job, session names that stay
inside the state directory, a private state directory, one user's sessions hidden from
another.

- Arguments and environment values full of shell metacharacters (``hypothesis`` makes
  them, next to a fixed list of injection attempts) reach the job byte for byte: the job,
  a small Python program, writes back the bytes of its argv and environment, and no
  attempt to run a command through a shell leaves its mark.  A command whose name holds
  a shell command line does not run.
- Session names that try to leave the state directory (``..``, ``/``, control
  characters, too long) are refused with InvalidArgumentException, and nothing appears
  outside the state directory.
- A state directory the library creates (and its missing parents) is mode 0700 even
  under umask 0; one that others can write, or that belongs to another user, is refused
  with DeniedByDrmsException; one that is a file, lies under a file, is a symbolic link
  loop, a device or a name too long is refused with a DRMAA2 exception naming it.
- Another user's sessions and jobs are not visible through the API: rows of another uid
  put into the store are not listed, opened, destroyed or returned; as root, a process
  that switched to another user cannot open the first user's store at all.

    python tests/reliability/security.py [--examples 200]
"""
from __future__ import print_function

import binascii
import json
import os
import stat
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402

#: The job: writes the hex of its arguments' bytes and of the chosen environment
#: variables' bytes, as JSON, to the file named by its first argument.
ECHO_JOB = r"""
import binascii, json, os, sys
def raw(text):
    if isinstance(text, bytes):
        return text
    return os.fsencode(text)
environ = getattr(os, "environb", os.environ)
names = [name for name in environ if raw(name).startswith(b"RELIABILITY_")]
result = {"args": [binascii.hexlify(raw(arg)).decode("ascii") for arg in sys.argv[2:]],
          "env": dict((raw(name).decode("ascii"), binascii.hexlify(raw(environ[name]))
                       .decode("ascii")) for name in names)}
with open(sys.argv[1], "w") as out:
    json.dump(result, out)
"""

#: Things a shell would run.  Each one, if a shell ever saw it, creates the file PWNED
#: in the job's working directory (or the absolute path substituted for @DIR@).
INJECTIONS = [
    "; touch PWNED", "$(touch PWNED)", "`touch PWNED`", "| touch PWNED", "&& touch PWNED",
    "|| touch PWNED", "\ntouch PWNED", "& touch PWNED &", "> PWNED", "$(touch @DIR@/PWNED)",
    "'; touch PWNED; '", "\"; touch PWNED; \"", "${IFS}touch${IFS}PWNED", "*", "~", "$HOME",
    "!!", "\\", "a b  c", "", " ", "\t", "--", "-c", "{a,b}", "[x]", "#comment", "%s%n",
    u"\u00e9\u2603\U0001f600", "=", "A=B", "$DRMAA2_HOME_DIR$x",
]

#: Session names that try to leave the state directory or are no names at all.
ESCAPING_NAMES = ["..", "../escaped", "../../escaped", "/etc/escaped", "/", "a/b",
                  "x/../../escaped", "./x", "...", "a..b", "\x01", "a\nb", "a\x7fb", "",
                  "x" * 256, u"\u00e9/..", "..\\escaped/.."]


def _hex(text):
    data = text.encode("utf-8") if not isinstance(text, bytes) else text
    return binascii.hexlify(data).decode("ascii")


class Checks(object):
    """Counts and failures of the security checks (in the child process)."""

    def __init__(self, drmaa2):
        self.drmaa2 = drmaa2
        self.counts = [("metachar_jobs", 0), ("metachar_values", 0), ("escaping_names", 0),
                       ("state_dir_checks", 0), ("other_user_checks", 0)]
        self.failures = []

    def add(self, name, amount=1):
        self.counts = [(key, value + amount if key == name else value)
                       for key, value in self.counts]

    def fail(self, text):
        self.failures.append(text)


def echo_job(checks, session, workdir, args, env, index):
    """Run the echo job with ``args`` and ``env``; check what it saw."""
    drmaa2 = checks.drmaa2
    result_path = os.path.join(workdir, "echo-%d.json" % index)
    args = [arg.replace("@DIR@", workdir) for arg in args]
    job = session.run_job(drmaa2.JobTemplate(
        remote_command=sys.executable, args=["-c", ECHO_JOB, result_path] + args,
        job_environment=env, working_directory=workdir))
    job.wait_terminated(120)
    info = job.get_info()
    checks.add("metachar_jobs")
    checks.add("metachar_values", len(args) + len(env))
    if info.exit_status != 0:
        checks.fail("the echo job ended %s, exit status %r (%s) for args %r"
                    % (info.job_state, info.exit_status, info.annotation, args))
        return
    with open(result_path) as handle:
        seen = json.load(handle)
    if seen["args"] != [_hex(arg) for arg in args]:
        checks.fail("the job's arguments differ from those given: given %r, the job saw "
                    "%r" % ([_hex(arg) for arg in args], seen["args"]))
    for name, value in env.items():
        if seen["env"].get(name) != _hex(value):
            checks.fail("the job's environment variable %s differs: given %r, the job saw "
                        "hex %r" % (name, value, seen["env"].get(name)))
    if os.path.exists(os.path.join(workdir, "PWNED")):
        checks.fail("a shell ran part of the arguments %r: PWNED exists" % (args,))


def metacharacters(checks, session, scratch, examples, derandomize):
    """Fixed injections, then ``examples`` generated ones, through jobs."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    workdir = os.path.join(scratch, "jobs")
    os.mkdir(workdir)
    counter = [0]

    def one(args, env):
        counter[0] += 1
        echo_job(checks, session, workdir, args, env, counter[0])

    one(INJECTIONS, dict(("RELIABILITY_%d" % index, value) for index, value in
                         enumerate(INJECTIONS)))
    shell_line = checks.drmaa2.JobTemplate(remote_command="/bin/true; touch PWNED",
                                           working_directory=workdir)
    job = session.run_job(shell_line)
    job.wait_terminated(60)
    checks.add("metachar_jobs")
    if job.get_state()[0] != checks.drmaa2.JobState.FAILED or \
            os.path.exists(os.path.join(workdir, "PWNED")):
        checks.fail("the command '/bin/true; touch PWNED' was not refused as a command name")

    metachars = st.sampled_from(list(u";&|$`'\"\\<>(){}[]*?~!#%^=\n\t\r -_.:/@+,") +
                                [u"$(", u"${", u"&&", u"||", u">>", u"\u00e9", u"\u2603",
                                 u"\U0001f600", u"x", u"PWNED", u"touch "])
    value = st.lists(metachars, max_size=16).map(u"".join)
    names = st.from_regex(r"\ARELIABILITY_[A-Z0-9_]{1,8}\Z")

    @settings(max_examples=examples, deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=[getattr(HealthCheck, name) for name in (
                  "too_slow", "filter_too_much", "data_too_large") if hasattr(HealthCheck, name)])
    @given(st.lists(value, max_size=6), st.dictionaries(names, value, max_size=4))
    def generated(args, env):
        one(args, env)

    generated()


def escaping_names(checks, state_dir):
    """Session names that try to leave the state directory are refused."""
    drmaa2 = checks.drmaa2
    drmaa2.get_job_session_names()  # the state directory exists from here on
    outside = os.path.dirname(state_dir)
    before = sorted(os.listdir(outside))
    calls = [drmaa2.create_job_session, drmaa2.open_job_session, drmaa2.destroy_job_session,
             drmaa2.create_reservation_session, drmaa2.open_reservation_session,
             drmaa2.destroy_reservation_session, drmaa2.destroy_session]
    for name in ESCAPING_NAMES + [u"a\0b", b"../bytes"]:
        for call in calls:
            checks.add("escaping_names")
            try:
                call(name)
            except drmaa2.InvalidArgumentException:
                continue
            except drmaa2.Drmaa2Exception as error:
                checks.fail("%s(%r) raised %s, not InvalidArgumentException: %s"
                            % (call.__name__, name, type(error).__name__, error))
                continue
            checks.fail("%s(%r) was accepted" % (call.__name__, name))
    if sorted(os.listdir(outside)) != before:
        checks.fail("files appeared next to the state directory: %s"
                    % sorted(set(os.listdir(outside)) - set(before)))
    if drmaa2.get_job_session_names() or drmaa2.get_reservation_session_names():
        checks.fail("sessions with escaping names exist: %r"
                    % (drmaa2.get_job_session_names() + drmaa2.get_reservation_session_names()))


def private_state_directory(checks, scratch):
    """A new state directory is 0700 under umask 0; others' or others-writable ones are
    refused."""
    drmaa2 = checks.drmaa2
    original = os.environ["DRMAA2_STUB_STATE_DIR"]
    made = os.path.join(scratch, "made", "deeper", "state")
    old_umask = os.umask(0)
    try:
        os.environ["DRMAA2_STUB_STATE_DIR"] = made
        session = drmaa2.create_job_session()
        session.close()
        for path in (made, os.path.dirname(made), os.path.dirname(os.path.dirname(made))):
            checks.add("state_dir_checks")
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode != 0o700:
                checks.fail("the created directory %s has mode %04o, not 0700" % (path, mode))
        for mode in (0o777, 0o770, 0o702, 0o720):
            shared = os.path.join(scratch, "shared-%04o" % mode)
            os.mkdir(shared)
            os.chmod(shared, mode)
            expect_refused(checks, shared, "mode %04o" % mode)
        if common.is_root():
            foreign = os.path.join(scratch, "foreign")
            os.mkdir(foreign, 0o700)
            os.chown(foreign, 65534, 65534)
            expect_refused(checks, foreign, "owned by uid 65534")
    finally:
        os.umask(old_umask)
        os.environ["DRMAA2_STUB_STATE_DIR"] = original


def unusable_state_directories(checks, scratch):
    """A state directory that is a file, under a file, a symbolic link loop, a name too
    long or a device is refused with a DRMAA2 exception naming it."""
    drmaa2 = checks.drmaa2
    original = os.environ["DRMAA2_STUB_STATE_DIR"]
    plain_file = os.path.join(scratch, "a-file")
    open(plain_file, "w").close()
    loop = os.path.join(scratch, "loop")
    os.symlink(loop, loop)
    paths = [plain_file, os.path.join(plain_file, "below"), loop,
             os.path.join(scratch, "x" * 300), os.path.join(scratch, *(["y" * 200] * 25)),
             "/dev/null"]
    try:
        for path in paths:
            os.environ["DRMAA2_STUB_STATE_DIR"] = path
            checks.add("state_dir_checks")
            try:
                drmaa2.create_job_session().close()
                checks.fail("the unusable state directory %s was used" % path[:200])
            except drmaa2.Drmaa2Exception as error:
                if path[:100] not in str(error):
                    checks.fail("refusing the state directory %s the message does not name "
                                "it: %s" % (path[:200], error))
    finally:
        os.environ["DRMAA2_STUB_STATE_DIR"] = original


def expect_refused(checks, path, why):
    drmaa2 = checks.drmaa2
    os.environ["DRMAA2_STUB_STATE_DIR"] = path
    checks.add("state_dir_checks")
    try:
        drmaa2.create_job_session().close()
        checks.fail("a state directory %s (%s) was used" % (path, why))
    except drmaa2.DeniedByDrmsException as error:
        if path not in str(error):
            checks.fail("refusing %s (%s) the message does not name it: %s"
                        % (path, why, error))
    if os.listdir(path):
        checks.fail("the refused state directory %s (%s) was written to: %s"
                    % (path, why, os.listdir(path)))


def other_users(checks, state_dir):
    """Sessions and jobs of another uid in the store stay invisible to this user."""
    import sqlite3
    drmaa2 = checks.drmaa2
    mine = drmaa2.create_job_session("mine")
    job = mine.run_job(drmaa2.JobTemplate(remote_command="/bin/true"))
    job.wait_terminated(60)
    other_uid = os.getuid() + 1
    db = sqlite3.connect(os.path.join(state_dir, "jobs.db"), timeout=60)
    with db:
        db.execute("INSERT INTO sessions (kind, name, owner, contact, created) "
                   "VALUES ('job', 'theirs', ?, NULL, 0)", (other_uid,))
        columns = [row[1] for row in db.execute("PRAGMA table_info(jobs)") if row[1] != "id"]
        chosen = ["?" if column in ("owner", "session") else column for column in columns]
        cursor = db.execute("INSERT INTO jobs (%s) SELECT %s FROM jobs WHERE id = ?"
                            % (", ".join(columns), ", ".join(chosen)),
                            [other_uid if column == "owner" else "theirs"
                             for column in columns if column in ("owner", "session")] +
                            [int(job.job_id)])
        their_job = str(cursor.lastrowid)
    db.close()

    def check(what, ok):
        checks.add("other_user_checks")
        if not ok:
            checks.fail("another user's session or job is visible: %s" % what)

    check("get_job_session_names lists 'theirs'", "theirs" not in drmaa2.get_job_session_names())
    for call in (drmaa2.open_job_session, drmaa2.destroy_job_session):
        try:
            call("theirs")
            check("%s('theirs') succeeded" % call.__name__, False)
        except drmaa2.Drmaa2Exception:
            check("", True)
    monitoring = drmaa2.open_monitoring_session()
    check("get_all_jobs returns their job",
          their_job not in [found.job_id for found in monitoring.get_all_jobs()])
    monitoring.close()
    with drmaa2.create_job_session("theirs") as same_name:
        check("a session of the same name shows their job",
              their_job not in [found.job_id for found in same_name.get_jobs()])
    drmaa2.destroy_job_session("theirs")
    db = sqlite3.connect(os.path.join(state_dir, "jobs.db"), timeout=60)
    left = db.execute("SELECT COUNT(*) FROM sessions WHERE owner = ?", (other_uid,)).fetchone()
    db.close()
    check("their session was destroyed by this user", left[0] == 1)
    mine.close()
    if common.is_root():
        switched_user(checks, state_dir)


def switched_user(checks, state_dir):
    """As root: a forked process that became uid 65534 cannot open root's store."""
    drmaa2 = checks.drmaa2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        verdict = b"open"
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            try:
                drmaa2.open_job_session("mine")
            except drmaa2.Drmaa2Exception as error:
                verdict = type(error).__name__.encode("ascii")
        except BaseException:
            verdict = b"error"
        os.write(write_end, verdict)
        os._exit(0)
    os.close(write_end)
    verdict = os.read(read_end, 100)
    os.close(read_end)
    os.waitpid(pid, 0)
    checks.add("other_user_checks")
    if not verdict.endswith(b"Exception"):
        checks.fail("uid 65534 opening root's session 'mine': %r, not a DRMAA2 exception"
                    % verdict)


def child(examples, derandomize, scratch):
    """The checks themselves (in the child process); prints the JSON result."""
    import drmaa2
    checks = Checks(drmaa2)
    state_dir = os.environ["DRMAA2_STUB_STATE_DIR"]
    escaping_names(checks, state_dir)
    with drmaa2.create_job_session() as session:
        metacharacters(checks, session, scratch, examples, derandomize)
    private_state_directory(checks, scratch)
    unusable_state_directories(checks, scratch)
    other_users(checks, state_dir)
    print(json.dumps({"counts": checks.counts, "failures": checks.failures}))


def run(examples=200, derandomize=False, state_dir=None):
    """Run the checks in a child process; return the part's report."""
    with common.scratch_directory("security") as scratch:
        state = state_dir or os.path.join(scratch, "area", "state")
        work = os.path.join(scratch, "work")
        os.mkdir(work)
        code = ("import sys; sys.path.insert(0, %r); import security; "
                "security.child(%d, %r, %r)" % (HERE, examples, derandomize, work))
        env = common.child_environment(state)
        try:
            found = common.last_json_line(common.run_python(code, env, 900))
            counts, failures = [tuple(pair) for pair in found["counts"]], found["failures"]
        except common.ChildFailed as error:
            counts, failures = [("crashes", int("(a crash)" in str(error)))], [str(error)]
    return common.report("security", counts, failures)


def arguments(parser):
    """The options of this part run alone."""
    parser.add_argument("--examples", type=int, default=200)


def main(argv=None):
    return common.main(__doc__, arguments,
                       lambda options: run(options.examples), argv)


if __name__ == "__main__":
    sys.exit(main())
