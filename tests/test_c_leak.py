"""No leak across the C boundary: tools/leakcheck.py converts job templates, job info
filters and job infos of a finished job through the stub many times in a fresh process,
and its resident memory must stay flat.  (The full run, 100,000 iterations, is
``python tools/leakcheck.py``.)"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_converting_thousands_of_templates_and_infos_does_not_grow_memory():
    process = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tools", "leakcheck.py"), "--iterations", "5000",
         "--warmup", "1000", "--limit-mb", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    out, _ = process.communicate()
    assert process.returncode == 0, out.decode("utf-8", "replace")
    assert b"5000 iterations" in out
