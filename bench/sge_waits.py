"""What waiting costs over DRMAA v1 on a real Grid Engine (issue 15's item 7 and issue 17's
item 6): one process submits held jobs and waits on any of them; then another process
opens the session and waits on them too.  Each prints its ``drmaa_wait`` and
``drmaa_job_ps`` calls, its CPU share (the process's CPU time, all its threads, over the
wait's wall time) and the SQLite connections and statements of its job store, per second.

Needs the cell of ``make test-sge`` (the cell cannot run inside ``make bench``)::

    bash tools/test-sge.sh run build/venv/default/bin/python bench/sge_waits.py \\
        [--jobs 20] [--seconds 30]
"""
from __future__ import division, print_function

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROLE = r"""
import json, sqlite3, sys, time
import drmaa2, drmaa2.backend
role, seconds, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
library = drmaa2.backend.current().library
counting, calls = [False], {}
def counted(name):
    call = getattr(library, name)
    def count_call(*args):
        if counting[0]:
            key = name
            if name == "wait":
                key = ("wait (any job, %s s)" % args[1] if len(args) > 1
                       else "wait (one job, no wait)")
            calls[key] = calls.get(key, 0) + 1
        return call(*args)
    return count_call
for name in ("wait", "job_ps"):
    setattr(library, name, counted(name))
sql = {"connections": 0, "statements": 0}
connect = sqlite3.connect
def counting_connect(*args, **kwargs):
    connection = connect(*args, **kwargs)
    if counting[0]:
        sql["connections"] += 1
    def statement(_):
        if counting[0]:
            sql["statements"] += 1
    connection.set_trace_callback(statement)
    return connection
sqlite3.connect = counting_connect
template = drmaa2.JobTemplate(remote_command="/bin/sleep", args=["3600"],
                              submit_as_hold=True, output_path="/dev/null",
                              error_path="/dev/null")
if role == "submitter":
    session = drmaa2.create_job_session("bench-sge-waits")
    jobs = [session.run_job(template) for _ in range(count)]
else:
    session = drmaa2.open_job_session("bench-sge-waits")
    jobs = session.get_jobs()
counting[0] = True
start, start_cpu = time.time(), time.process_time()
try:
    session.wait_any_terminated(jobs, seconds)
except drmaa2.TimeoutException:
    pass
wall = time.time() - start
cpu = time.process_time() - start_cpu
counting[0] = False
per_second = lambda counts: dict((k, v / wall) for k, v in counts.items())
print(json.dumps({"role": role, "jobs": len(jobs), "wall": wall,
                  "cpu_percent": 100 * cpu / wall, "calls": calls,
                  "calls_per_second": per_second(calls), "sqlite": sql,
                  "sqlite_per_second": per_second(sql)}))
sys.stdout.flush()
if role == "submitter":
    sys.stdin.readline()  # the other process has waited
    for job in jobs:
        job.terminate()
    session.close()
    drmaa2.destroy_job_session("bench-sge-waits")
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20, help="held jobs waited on")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each wait")
    options = parser.parse_args(argv)
    if os.environ.get("DRMAA2_BACKEND") != "drmaa1" or not os.environ.get("SGE_ROOT"):
        parser.error("needs the Grid Engine cell: run it through tools/test-sge.sh run")
    state = tempfile.mkdtemp(prefix="drmaa2-sge-waits.")
    environ = dict(os.environ, DRMAA2_DRMAA1_STATE_DIR=state)
    arguments = [str(options.seconds), str(options.jobs)]
    try:
        submitter = subprocess.Popen([sys.executable, "-c", ROLE, "submitter"] + arguments,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=environ)
        figures = [json.loads(submitter.stdout.readline().decode())]
        other = subprocess.Popen([sys.executable, "-c", ROLE, "other"] + arguments,
                                 stdout=subprocess.PIPE, env=environ)
        figures.append(json.loads(other.stdout.readline().decode()))
        other.wait()
        submitter.stdin.close()
        submitter.wait()
    finally:
        shutil.rmtree(state, ignore_errors=True)
    for figure in figures:
        print("%(role)-9s %(jobs)d held jobs, wait of %(wall).1f s: CPU %(cpu_percent).2f %%"
              % figure)
        print("          C calls: %s" % ", ".join(
            "%s %d (%.1f/s)" % (name, figure["calls"][name], figure["calls_per_second"][name])
            for name in sorted(figure["calls"])))
        print("          SQLite: %d connections (%.2f/s), %d statements (%.1f/s)" % (
            figure["sqlite"]["connections"], figure["sqlite_per_second"]["connections"],
            figure["sqlite"]["statements"], figure["sqlite_per_second"]["statements"]))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
