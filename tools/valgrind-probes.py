"""The load-time probes under valgrind: they must read no byte a library left
uninitialised (such as the padding of a 2012 job info).

Usage: python tools/valgrind-probes.py JINFO2012_LIBRARY [DRMAA2_LIBRARY ...]

The first library has only drmaa2_jinfo_create/_free (tests/probes/jinfo2012.c): the
job-info probe runs on it.  Each further one is a whole DRMAA2 library that is loaded
(every probe, the profile choice).  valgrind reports the interpreter's own harmless
uses of uninitialised memory too, so only an error whose uninitialised value was created
inside a DRMAA2 function (``drmaa2_*``) counts.  Exits 1 when any does.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROBE_ONLY = ("import ctypes, sys\n"
              "from drmaa2._c import probes\n"
              "print(probes._probe_jinfo(ctypes.CDLL(sys.argv[1])))\n")
LOAD = ("import sys\n"
        "from drmaa2._c.library import Library\n"
        "library = Library.load(environ={'DRMAA2_LIBRARY_PATH': sys.argv[1]})\n"
        "print('%s %r' % (library.profile, library.quirks))\n")


def library_errors(code, library):
    """The valgrind error reports of running ``code`` that name a DRMAA2 function."""
    env = dict(os.environ, PYTHONMALLOC="malloc")
    child = subprocess.Popen(
        ["valgrind", "--track-origins=yes", "--num-callers=30", sys.executable, "-c", code,
         library], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    if child.returncode != 0:
        sys.exit("valgrind-probes: %s failed (exit status %d):\n%s"
                 % (library, child.returncode, err.decode("utf-8", "replace")))
    reports = re.split(r"\n==\d+== \n", err.decode("utf-8", "replace"))
    print("valgrind-probes: %s: %s" % (library, out.decode().strip()))
    return [report for report in reports if "drmaa2_" in report]


def main(arguments):
    if not arguments:
        sys.exit(__doc__)
    failed = False
    for index, library in enumerate(arguments):
        errors = library_errors(PROBE_ONLY if index == 0 else LOAD, library)
        for report in errors:
            print(report)
        if errors:
            print("valgrind-probes: %s: %d use(s) of memory the library left uninitialised"
                  % (library, len(errors)))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
