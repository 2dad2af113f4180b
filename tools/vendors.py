"""The stub as every vendor's libdrmaa2 (tests/variants.py declares which).

    python tools/vendors.py build [MAKE]   each build into build/vendors/<build>/, and the
                                           stub's C checks under valgrind on each
    python tools/vendors.py libraries [MAKE]   the builds' libraries only (for make test)
    python tools/vendors.py test PYTHON    the conformance suite (tests/test_api_*.py,
                                           tests/test_backends_e2e.py) once per variant;
                                           prints a table and exits non-zero on a failure

``make stub-vendors`` and ``make test-vendors`` run them.
"""
from __future__ import print_function

import glob
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import variants  # noqa: E402  (tests/variants.py)

BUILD_DIR = os.path.join("build", "vendors")


def library(build_name):
    """The path of a build's library, relative to the repository."""
    return os.path.join(BUILD_DIR, build_name, "libdrmaa2.so")


def build(make, target="stub-c-checks"):
    """Build every variant's library and run the C checks on it (``target`` "stub":
    only build); True if all passed."""
    ok = True
    for name, spec in variants.BUILDS.items():
        started = time.time()
        rc = subprocess.call(
            [make, "--no-print-directory", "-s", target, "STUB_LIB=" + os.path.abspath(
                os.path.join(ROOT, library(name))),
             "STUB_VARIANT_CFLAGS=" + " ".join(spec["cflags"])], cwd=ROOT)
        if target != "stub" or rc != 0:
            print("stub-vendors: %s: %s (%.0f s)" % (
                name, "checks passed" if rc == 0 else "FAILED", time.time() - started))
        ok = ok and rc == 0
    return ok


_OUTCOME = re.compile(r"(\d+) (passed|failed|error|errors|deselected)\b")


def run_suite(python, name):
    """Run the conformance suite on variant ``name``; (passed, failed, seconds, output)."""
    build_name, _build, quirks = variants.variant(name)
    environ = dict(os.environ)
    environ.pop("DRMAA2_LAYOUT", None)   # the binding must find the layout on its own
    environ.pop("DRMAA2_STUB_FAIL", None)
    environ.update({
        "DRMAA2_LIBRARY_PATH": os.path.join(ROOT, library(build_name)),
        variants.QUIRKS_VARIABLE: ",".join(quirks),
        variants.VARIABLE: name,
        "DRMAA2_TEST_BACKENDS": "libdrmaa2",
    })
    tests = sorted(glob.glob(os.path.join(ROOT, "tests", "test_api_*.py")))
    tests.append(os.path.join(ROOT, "tests", "test_backends_e2e.py"))
    started = time.time()
    with tempfile.TemporaryFile() as output:
        subprocess.call([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE"]
                        + tests, cwd=ROOT, env=environ, stdout=output,
                        stderr=subprocess.STDOUT)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    counts = {"passed": 0, "failed": 0}
    summary = [line for line in text.splitlines()
               if re.match(r"^=* ?\d+ \w+.* in [\d.]+s", line)]
    for count, what in _OUTCOME.findall(summary[-1] if summary else ""):
        key = "passed" if what == "passed" else "failed" if what != "deselected" else None
        if key:
            counts[key] += int(count)
    if not summary:
        counts["failed"] += 1   # the run itself broke (a crash): never a pass
    return counts["passed"], counts["failed"], time.time() - started, text


def test(python):
    """Run the suite on every variant, print the table; True if nothing failed."""
    rows, broken = [], []
    for name in variants.VARIANTS:
        passed, failed, seconds, text = run_suite(python, name)
        rows.append((name, passed, failed, seconds))
        print("test-vendors: %-30s %4d passed %4d failed (%.0f s)"
              % (name, passed, failed, seconds))
        sys.stdout.flush()
        if failed:
            broken.append((name, text))
    for name, text in broken:
        print("\n---------------- %s ----------------" % name)
        print("\n".join(line for line in text.splitlines()
                        if line.startswith(("FAILED", "ERROR")) or "Fatal" in line)
              or text[-3000:])
    width = max(len(row[0]) for row in rows)
    print("\n%-*s  %6s  %6s" % (width, "variant", "passed", "failed"))
    for name, passed, failed, _ in rows:
        print("%-*s  %6d  %6d" % (width, name, passed, failed))
    return not broken


def main(argv):
    if len(argv) >= 1 and argv[0] in ("build", "libraries"):
        target = "stub-c-checks" if argv[0] == "build" else "stub"
        return 0 if build(argv[1] if len(argv) > 1 else "make", target) else 1
    if len(argv) == 2 and argv[0] == "test":
        return 0 if test(argv[1]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
