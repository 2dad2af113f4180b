"""Run drmaa2's reliability suites at full size and print one summary line per part.

    python tools/reliability.py            # what `make reliability` runs
    python tools/reliability.py --quick    # every part, small (a minute or so)
    python tools/reliability.py --only threads --only leaks

Parts (tests/reliability/, described in docs/reliability.md):
  bad-input  10,000 hypothesis cases over the public API, each in a worker that may crash
  threads    16 threads sharing a session + 16 with their own, 100 jobs each, with events
  crashes    a client SIGKILLed mid-way through 1,000 submissions (3 times), 10 killed
             supervisors, a read-only and a full state directory
  leaks      200,000 rounds of state/info/template/list calls, resident memory sampled
  valgrind   the stub's C checks under valgrind
  security   metacharacters reach jobs byte for byte, escaping session names, a private
             state directory, other users' sessions
  exit       200 interpreters ending while two daemon threads are inside the library
  fork       200 children forked while two threads are inside the library

Needs ``hypothesis`` in the interpreter that runs it, the stub built (``make stub``) and
valgrind.  Runs against DRMAA2_LIBRARY_PATH (default: the stub in build/), each part in
state directories of its own.  Exit status 1 when any part failed; the failures are
printed after the summary.
"""
from __future__ import print_function

import argparse
import collections
import os
import sys
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "reliability"))
sys.path.insert(0, ROOT)

import badinput  # noqa: E402
import common  # noqa: E402
import crashes  # noqa: E402
import exits  # noqa: E402
import leaks  # noqa: E402
import security  # noqa: E402
import threads  # noqa: E402

FULL = collections.OrderedDict([
    ("bad-input", lambda: badinput.run(10000)),
    ("threads", lambda: threads.run(16, 16, 100)),
    ("crashes", lambda: crashes.run(jobs=1000, rounds=3, supervisors_killed=10)),
    ("leaks", lambda: leaks.run(rounds=200000, limit_mb=5.0, valgrind=False)),
    ("valgrind", lambda: valgrind_part()),
    ("security", lambda: security.run(examples=200)),
    ("exit", lambda: exits.run_exits(200)),
    ("fork", lambda: exits.run_forks(200)),
])

QUICK = collections.OrderedDict([
    ("bad-input", lambda: badinput.run(500)),
    ("threads", lambda: threads.run(4, 4, 10)),
    ("crashes", lambda: crashes.run(jobs=100, rounds=1, supervisors_killed=2)),
    ("leaks", lambda: leaks.run(rounds=5000, limit_mb=5.0, valgrind=False)),
    ("valgrind", lambda: valgrind_part()),
    ("security", lambda: security.run(examples=10)),
    ("exit", lambda: exits.run_exits(20)),
    ("fork", lambda: exits.run_forks(20)),
])


def valgrind_part():
    """The stub's C checks under valgrind, as a part of its own."""
    programs, failures = leaks.valgrind_checks()
    return common.report("valgrind", [("c_checks", programs), ("errors_or_leaks",
                                                                len(failures))], failures)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every part, small")
    parser.add_argument("--only", action="append", choices=list(FULL),
                        help="run only this part (may be repeated)")
    options = parser.parse_args(argv)
    os.environ.setdefault("DRMAA2_LIBRARY_PATH", common.STUB_LIBRARY)
    if not os.path.exists(os.environ["DRMAA2_LIBRARY_PATH"]):
        print("reliability: %s is missing: run `make stub` first"
              % os.environ["DRMAA2_LIBRARY_PATH"], file=sys.stderr)
        return 2
    parts = QUICK if options.quick else FULL
    results = []
    for name, part in parts.items():
        if options.only and name not in options.only:
            continue
        started = time.time()
        try:
            result = part()
        except Exception:
            result = common.report(name, [], ["the part itself failed:\n" +
                                              traceback.format_exc()])
        line = common.summary_line(result) + " (%.0f s)" % (time.time() - started)
        print(line)
        sys.stdout.flush()
        results.append(result)
    failed = [result for result in results if result["failures"]]
    for result in failed:
        print("\n== %s failures ==" % result["part"])
        for failure in result["failures"]:
            print(failure)
    print("reliability: %d parts, %d failed" % (len(results), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
