"""What the reliability suites share: where things are, a private stub state directory,
child Python processes with a time limit, resident memory, the result of a part, and the
command line of a part run alone."""
from __future__ import print_function

import argparse
import collections
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STUB_LIBRARY = os.path.join(ROOT, "build", "libdrmaa2.so")

# The suites try the drmaa2 of this checkout (as their child processes do), not a copy
# installed in the interpreter's site-packages.
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

try:
    clock = time.monotonic
except AttributeError:  # Python 2
    clock = time.time


def child_environment(state_dir=None, **extra):
    """The environment of a child process: this one, with drmaa2 importable from the
    checkout, the stub library by default, and ``state_dir`` as the stub state directory."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [ROOT, HERE] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env.setdefault("DRMAA2_LIBRARY_PATH", STUB_LIBRARY)
    if state_dir is not None:
        env["DRMAA2_STUB_STATE_DIR"] = state_dir
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


@contextlib.contextmanager
def scratch_directory(prefix):
    """A private temporary directory (mode 0700), removed afterwards."""
    path = tempfile.mkdtemp(prefix="drmaa2-reliability-%s-" % prefix)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


class ChildFailed(AssertionError):
    """A child process crashed, hung or reported failure."""


def run_python(code, env, timeout, args=()):
    """Run the Python source ``code`` in a new interpreter; return its stdout (text).

    Raises ChildFailed when the child is killed by a signal (a crash), does not end within
    ``timeout`` seconds (it is killed: a hang), or exits non-zero; the message carries
    its output.
    """
    child = subprocess.Popen([sys.executable, "-c", code] + list(args), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = communicate(child, timeout)
    out = out.decode("utf-8", "replace")
    err = err.decode("utf-8", "replace")
    if child.returncode is None:
        raise ChildFailed("the child did not end within %g s (a hang); output:\n%s\n%s"
                          % (timeout, out[-3000:], err[-3000:]))
    if child.returncode < 0:
        raise ChildFailed("the child was killed by signal %d (a crash); output:\n%s\n%s"
                          % (-child.returncode, out[-3000:], err[-3000:]))
    if child.returncode != 0:
        raise ChildFailed("the child exited with status %d; output:\n%s\n%s"
                          % (child.returncode, out[-3000:], err[-6000:]))
    return out


def communicate(child, timeout):
    """``child.communicate()`` with a time limit (Python 2's has none): when the time is
    up the child is killed and its returncode left None."""
    deadline = clock() + timeout
    out_chunks, err_chunks = [], []
    import select
    streams = {child.stdout.fileno(): out_chunks, child.stderr.fileno(): err_chunks}
    while streams:
        remaining = deadline - clock()
        if remaining <= 0:
            child.kill()
            child.wait()
            child.returncode = None
            return b"".join(out_chunks), b"".join(err_chunks)
        ready, _, _ = select.select(list(streams), [], [], min(remaining, 1.0))
        for fd in ready:
            data = os.read(fd, 65536)
            if data:
                streams[fd].append(data)
            else:
                del streams[fd]
    child.wait()
    return b"".join(out_chunks), b"".join(err_chunks)


def last_json_line(text):
    """The JSON object on the last line of ``text`` that holds one."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line, object_pairs_hook=collections.OrderedDict)
    raise ChildFailed("no result line in the child's output:\n%s" % text[-3000:])


def resident_bytes(pid="self"):
    """The resident set size of a process (this one by default), from /proc."""
    with open("/proc/%s/statm" % pid) as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def until_asleep(pid, threads=1, at_most=1.0):
    """Return once the main thread of process ``pid`` has slept (``S`` in /proc: blocked in
    a wait, on a lock or in a sleep) in two looks 10 ms apart while the process ran at
    least ``threads`` threads, or after ``at_most`` seconds (a pause long enough for the
    child to be waiting, the fallback).  A child that said it is about to wait (with
    ``threads`` 2: one handed to a helper thread) sleeps only inside that wait: a signal
    sent now reaches it there."""
    deadline = clock() + at_most
    seen = 0
    while clock() < deadline:
        try:
            with open("/proc/%d/stat" % pid) as handle:
                asleep = handle.read().rsplit(")", 1)[1].split()[0] == "S"
            running = len(os.listdir("/proc/%d/task" % pid))
        except (IOError, OSError):
            return  # it has ended
        seen = seen + 1 if asleep and running >= threads else 0
        if seen == 2:
            return
        time.sleep(0.01)


def signal_name(number):
    """The name of signal ``number`` (e.g. SIGSEGV)."""
    for name in dir(signal):
        if name.startswith("SIG") and not name.startswith("SIG_") and \
                getattr(signal, name) == number:
            return name
    return "signal %d" % number


def is_root():
    """True when this process runs as root (who can mount and change users)."""
    return os.geteuid() == 0


def report(part, counts, failures):
    """The result of a part: its counts (pairs, in order) and its failures (each a short
    text)."""
    return collections.OrderedDict([("part", part),
                                    ("counts", collections.OrderedDict(counts)),
                                    ("failures", list(failures))])


def summary_line(result):
    """One line for a part's result: ``reliability <part>: OK|FAILED k=v ...``."""
    counts = " ".join("%s=%s" % (key, value) for key, value in result["counts"].items())
    status = "OK" if not result["failures"] else "FAILED (%d)" % len(result["failures"])
    return "reliability %s: %s %s" % (result["part"], status, counts)


def main(doc, arguments, run, argv=None):
    """The command line of a part run alone (``python tests/reliability/<part>.py``):
    ``arguments(parser)`` adds its options to a parser described by the first paragraph
    of the part's docstring ``doc``, ``run(options)`` runs the part and returns its
    result.  Prints the failures (on stderr) and the result as JSON; returns the exit
    status, 1 when anything failed."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    arguments(parser)
    result = run(parser.parse_args(argv))
    for failure in result["failures"]:
        print(failure, file=sys.stderr)
    print(json.dumps(result))
    return 1 if result["failures"] else 0
