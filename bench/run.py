"""make bench: what the drmaa2 binding costs beside the same work done in C.

Runs the items of issue 6 (1-6) and of issue 15 (5, 7-9) against the stub library, each Python figure beside the same work
done by ``build/bench/drmaa2_bench`` (bench/c/drmaa2_bench.c) in the same run, prints one
table (medians of several repetitions, the ratio Python / C, the target and whether it is
met) and writes every repetition to a JSON file.

Every item runs in a stub state directory of its own (a fresh ``DRMAA2_STUB_STATE_DIR``),
which is removed at the end.  Usage (``make bench`` passes the first two)::

    python bench/run.py --programs build/bench --json build/bench.json [--reps N]
                        [--only 1,2,...] [--quick]
"""
from __future__ import division, print_function

import argparse
import ctypes
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import drmaa2

# The work of each item, as issue 6 sets it.
STATE_CALLS = 100000
JOB_LIST_SIZES = (1000, 10000, 100000)
INFO_JOBS = 10000
TEMPLATE_ENTRIES = 100
RUN_JOBS = 1000
BULK_JOBS = 1000
WAIT_JOBS = 200
# How long a wait-latency job sleeps before its exit stamp: the wait is under way by then.
WAIT_JOB_SLEEP = "0.05"
# Items 7 to 9 (waiting that costs nothing): held jobs waited on, the wait's length in
# seconds, and the jobs of as_completed.
IDLE_JOBS = (1, 1000, 10000)
IDLE_SECONDS = 30
IDLE_GOALS = {1: 0.5, 1000: 1.0, 10000: 1.0}
COMPLETED_JOBS = (1000, 10000)
CALLS_GOAL = 35

_clock = time.perf_counter


def timings(pairs, scale):
    """(wall, cpu) seconds of repetitions as {"wall": [...], "cpu": [...]}, each times
    ``scale`` (e.g. 1e6 / calls for microseconds per call)."""
    return {"wall": [wall * scale for wall, _ in pairs],
            "cpu": [cpu * scale for _, cpu in pairs]}


def median(values):
    """The median of a list of numbers."""
    return statistics.median(values)


def percentile(values, fraction):
    """The ``fraction`` (0..1) percentile of ``values``, nearest rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[rank]


class StateDir(object):
    """A fresh stub state directory, made current for this process and the C programs."""

    def __init__(self, label):
        self.root = tempfile.mkdtemp(prefix="drmaa2-bench-%s-" % label)
        self.path = os.path.join(self.root, "state")

    def __enter__(self):
        self._previous = os.environ.get("DRMAA2_STUB_STATE_DIR")
        os.environ["DRMAA2_STUB_STATE_DIR"] = self.path
        return self

    def __exit__(self, *exc_info):
        if self._previous is None:
            os.environ.pop("DRMAA2_STUB_STATE_DIR", None)
        else:
            os.environ["DRMAA2_STUB_STATE_DIR"] = self._previous
        shutil.rmtree(self.root, ignore_errors=True)
        return False


class Bench(object):
    """Runs the items and collects their figures."""

    def __init__(self, programs, reps, quick):
        self.programs = programs
        self.reps = reps
        self.quick = quick
        self.results = {}
        self.rows = []

    # ---------------------------------------------------------- helpers
    def c_program(self, *args):
        """Run drmaa2_bench with ``args``; its repetitions' seconds (for the CPU-bound
        modes, (wall, cpu) pairs)."""
        output = subprocess.check_output(
            [os.path.join(self.programs, "drmaa2_bench")] + [str(a) for a in args])
        return [tuple(float(x) for x in token.split(b",")) if b"," in token else float(token)
                for token in output.split()]

    @staticmethod
    def repeat(reps, work):
        """``work()`` timed ``reps`` times; the (wall, cpu) seconds of each."""
        times = []
        for _ in range(reps):
            start, start_cpu = _clock(), time.process_time()
            work()
            times.append((_clock() - start, time.process_time() - start_cpu))
        return times

    def row(self, item, measure, python, c, unit, target, met, note=""):
        """A line of the table: Python and C figures (already medians) in ``unit``."""
        ratio = python / c if c else None
        self.rows.append((item, measure, python, c, ratio, unit, target, met, note))

    # ------------------------------------------------------------ items
    def item1_simple_call(self):
        calls = STATE_CALLS // (10 if self.quick else 1)
        with StateDir("state"):
            session = drmaa2.create_job_session("bench-state")
            job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                                     submit_as_hold=True))

            def python_calls():
                get_state = job.get_state
                for _ in range(calls):
                    get_state()
            bare_calls = _bare_ctypes_get_state("bench-state", calls)
            python, bare, c = [], [], []
            for _ in range(self.reps):  # interleaved, so that a busy moment hits all three
                python += self.repeat(1, python_calls)
                bare += self.repeat(1, bare_calls)
                c += self.c_program("state", "bench-state", calls, 1)
            session.close()
        per_call = dict((name, timings(times, 1e6 / calls))
                        for name, times in (("python", python), ("ctypes", bare), ("c", c)))
        self.results["1_get_state"] = dict(calls=calls, unit="us per call", **per_call)
        p, b, cc = (median(per_call[k]["wall"]) for k in ("python", "ctypes", "c"))
        pc, bc, ccc = (median(per_call[k]["cpu"]) for k in ("python", "ctypes", "c"))
        self.row("1", "job.get_state() x %d" % calls, p, cc, "us/call", "added <= 3 us",
                 p - cc <= 3.0, "added %.2f us; CPU time: added %.2f us" % (p - cc, pc - ccc))
        self.row("1", "  floor: bare ctypes call", b, cc, "us/call", "", None,
                 "added %.2f us; CPU time: added %.2f us" % (b - cc, bc - ccc))

    def item2_big_answers(self):
        sizes = JOB_LIST_SIZES[:2] if self.quick else JOB_LIST_SIZES
        figures = {}
        template = drmaa2.JobTemplate(remote_command="/bin/true", submit_as_hold=True)
        for size in sizes:
            with StateDir("jobs%d" % size):
                name = "bench-jobs-%d" % size
                session = drmaa2.create_job_session(name)
                session.run_bulk_jobs(template, 1, size, 1)

                def python_list():
                    jobs = session.get_jobs()
                    assert len(jobs) == size
                    del jobs
                python = self.repeat(self.reps, python_list)
                c = self.c_program("jobs", name, self.reps)
                if size == INFO_JOBS or (self.quick and size == sizes[-1]):
                    figures["infos"] = self._infos(session, name, min(size, INFO_JOBS))
                session.close()
            figures[size] = dict(python=timings(python, 1e6 / size),
                                 c=timings(c, 1e6 / size))
            p, cc = median(figures[size]["python"]["wall"]), median(figures[size]["c"]["wall"])
            self.row("2", "get_jobs() of %d jobs" % size, p, cc, "us/job", "ratio <= 2",
                     p / cc <= 2.0, _cpu_note(figures[size]))
        self.results["2_get_jobs"] = dict(
            unit="us per job", sizes=dict((str(s), figures[s]) for s in sizes))
        flat = [median(figures[s]["python"]["wall"]) for s in sizes]
        self.results["2_get_jobs"]["python_growth_largest_over_smallest"] = flat[-1] / flat[0]
        infos = figures["infos"]
        self.results["2_get_info"] = infos
        p, cc = median(infos["python"]["wall"]), median(infos["c"]["wall"])
        self.row("2", "get_info() of %d jobs" % infos["jobs"], p, cc, "us/job", "ratio <= 2",
                 p / cc <= 2.0, _cpu_note(infos))
        self.row("2", "  per-job time, largest / smallest list", flat[-1] / flat[0], None,
                 "", "flat (<= 1.5)", flat[-1] / flat[0] <= 1.5,
                 " / ".join("%.2f" % f for f in flat) + " us/job")

    def _infos(self, session, name, count):
        jobs = session.get_jobs()[:count]
        reps = max(1, self.reps // 2 + 1)

        def python_infos():
            for job in jobs:
                job.get_info()
        python = self.repeat(reps, python_infos)
        c = self.c_program("infos", name, count, reps)
        del jobs
        return dict(jobs=count, unit="us per job", python=timings(python, 1e6 / count),
                    c=timings(c, 1e6 / count))

    def item3_big_templates(self):
        count = RUN_JOBS // (10 if self.quick else 1)
        reps = max(1, self.reps // 2 + 1)
        template = drmaa2.JobTemplate(
            remote_command="/bin/true", submit_as_hold=True,
            args=["argument-%03d" % i for i in range(TEMPLATE_ENTRIES)],
            job_environment=dict(("BENCH_VAR_%03d" % i, "value-%03d" % i)
                                 for i in range(TEMPLATE_ENTRIES)))
        with StateDir("runjob"):
            session = drmaa2.create_job_session("bench-runjob")

            def python_runs():
                for _ in range(count):
                    session.run_job(template)
            python = self.repeat(reps, python_runs)
            c = self.c_program("runjob", "bench-runjob", count, reps)
            session.close()
        figures = dict(jobs=count, unit="ms per job", python=timings(python, 1e3 / count),
                       c=timings(c, 1e3 / count))
        self.results["3_run_job"] = figures
        p, cc = median(figures["python"]["wall"]), median(figures["c"]["wall"])
        self.row("3", "run_job(100 env + 100 args) x %d" % count, p, cc, "ms/job", "ratio <= 2",
                 p / cc <= 2.0, _cpu_note(figures))

    def item4_throughput(self):
        count = BULK_JOBS // (10 if self.quick else 1)
        reps = max(1, self.reps // 2)
        python, c, popen = [], [], []
        for rep in range(reps):
            with StateDir("bulk"):
                session = drmaa2.create_job_session("bench-bulk")
                start = _clock()
                array = session.run_bulk_jobs(drmaa2.JobTemplate(remote_command="/bin/true"),
                                              1, count, 1)
                for job in array.jobs:
                    job.wait_terminated(drmaa2.INFINITE_TIME)
                python.append(count / (_clock() - start))
                session.close()
            with StateDir("bulk-c"):
                drmaa2.create_job_session("bench-bulk").close()
                c.append(count / self.c_program("bulk", "bench-bulk", count)[0])
            start = _clock()
            for _ in range(count):
                subprocess.Popen(["/bin/true"]).wait()
            popen.append(count / (_clock() - start))
        self.results["4_throughput"] = dict(jobs=count, unit="jobs per second", python=python,
                                            c=c, popen=popen)
        p, cc, sp = median(python), median(c), median(popen)
        self.row("4", "run_bulk_jobs %d x /bin/true, waited" % count, p, cc, "jobs/s",
                 ">= Popen / 2", p >= sp / 2)
        self.row("4", "  subprocess.Popen + wait, same commands", sp, None, "jobs/s", "", None,
                 "drmaa2 / Popen = %.2f" % (p / sp))

    def item5_wait_latency(self):
        count = WAIT_JOBS // (10 if self.quick else 1)
        stamp = os.path.join(self.programs, "bench_exit_stamp")
        latencies = []
        with StateDir("wait") as state:
            session = drmaa2.create_job_session("bench-wait")
            output = os.path.join(state.root, "stamp")
            template = drmaa2.JobTemplate(remote_command=stamp, args=[WAIT_JOB_SLEEP],
                                          output_path=output)
            for _ in range(count):
                job = session.run_job(template)
                job.wait_terminated(drmaa2.INFINITE_TIME)
                returned = time.time()
                with open(output) as stamp_file:
                    latencies.append((returned - float(stamp_file.read())) * 1e3)
                os.unlink(output)
            c = [s * 1e3 for s in self.c_program("wait", "bench-wait", count, stamp)]
            session.close()
        self.results["5_wait_latency"] = dict(jobs=count, unit="ms", python=latencies, c=c)
        p, cc = median(latencies), median(c)
        self.row("5", "wait_terminated latency, median", p, cc, "ms", "<= 2 ms, <= 2x C",
                 p <= 2 and p <= 2 * cc)
        p99, c99 = percentile(latencies, 0.99), percentile(c, 0.99)
        self.row("5", "wait_terminated latency, 99th pct", p99, c99, "ms", "<= 5 ms", p99 <= 5)

    def item7_idle_cpu(self):
        seconds = IDLE_SECONDS / (10 if self.quick else 1)
        shares = {}
        for count in IDLE_JOBS:
            with StateDir("idle"):
                session = drmaa2.create_job_session("bench-idle")
                template = drmaa2.JobTemplate(remote_command="/bin/sleep", args=["3600"],
                                              submit_as_hold=True)
                if count == 1:
                    jobs = [session.run_job(template)]
                else:
                    jobs = session.run_bulk_jobs(template, 1, count, 1).jobs
                start, start_cpu = _clock(), time.process_time()
                try:
                    session.wait_any_terminated(jobs, seconds)
                except drmaa2.TimeoutException:
                    pass
                wall, cpu = _clock() - start, time.process_time() - start_cpu
                shares[count] = 100.0 * cpu / wall
                for job in jobs:
                    job.terminate()
                session.close()
            self.row("7", "CPU waiting %g s on %d held jobs" % (seconds, count),
                     shares[count], None, "% core", "<= %g %%" % IDLE_GOALS[count],
                     shares[count] <= IDLE_GOALS[count],
                     "the process's CPU time (all its threads) / wall time")
        self.results["7_idle_cpu"] = dict(seconds=seconds, unit="% of a core",
                                          shares=dict((str(k), v) for k, v in shares.items()))

    def item8_library_calls(self):
        seconds = IDLE_SECONDS / (10 if self.quick else 1)
        with StateDir("calls"):
            session = drmaa2.create_job_session("bench-calls")
            job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep",
                                                     args=["3600"], submit_as_hold=True))
            calls = _count_library_calls()
            try:
                job.wait_terminated(seconds)
            except drmaa2.TimeoutException:
                pass
            counted = calls.stop()
            job.terminate()
            session.close()
        # The questions to the library are its waits; each failed one (a timeout) also
        # reads the error code and text (3 calls more), counted beside.
        waits = sum(n for name, n in counted.items() if "wait" in name)
        goal = CALLS_GOAL / (10 if self.quick else 1)
        self.results["8_library_calls"] = dict(seconds=seconds, calls=counted)
        self.row("8", "waits asked of the library, one wait of %g s" % seconds, waits, None,
                 "calls", "<= %d" % goal, waits <= goal,
                 "all C calls %d: %s" % (sum(counted.values()), ", ".join(
                     "%s %d" % item for item in sorted(counted.items()))))

    def item9_as_completed(self):
        per_job = {}
        for count in COMPLETED_JOBS:
            count //= (10 if self.quick else 1)
            with StateDir("completed"):
                session = drmaa2.create_job_session("bench-completed")
                jobs = session.run_bulk_jobs(drmaa2.JobTemplate(remote_command="/bin/true"),
                                             1, count, 1).jobs
                start, start_cpu = _clock(), time.process_time()
                seen = sum(1 for _ in drmaa2.as_completed(jobs))
                wall, cpu = _clock() - start, time.process_time() - start_cpu
                assert seen == count
                per_job[count] = cpu / count * 1e6
                session.close()
            self.row("9", "as_completed over %d x /bin/true" % count, per_job[count], None,
                     "us CPU/job", "", None, "wall %.1f s" % wall)
        small, large = sorted(per_job)
        ratio = per_job[large] / per_job[small]
        self.row("9", "  CPU per job, %d / %d" % (large, small), ratio, None, "ratio",
                 "<= 1.3", ratio <= 1.3)
        self.results["9_as_completed"] = dict(unit="us CPU per job",
                                              per_job=dict((str(k), v)
                                                           for k, v in per_job.items()))

    def itemx_executor(self):
        """drmaa2.executor (issue's goals): map and submit throughput beside the floor of
        a process per task, one call's added latency, CPU per task from 100 to 10,000."""
        from drmaa2.executor import JobExecutor
        count = 1000 // (10 if self.quick else 1)
        slots = int(os.environ.get("DRMAA2_STUB_SLOTS") or os.cpu_count() or 1)
        floor, mapped, submitted, latency, bare = [], [], [], [], []
        for rep in range(max(1, self.reps // 2)):
            start = _clock()
            running = []
            for _ in range(count):
                if len(running) >= slots:
                    running.pop(0).wait()
                running.append(subprocess.Popen([sys.executable, "-c", "pass"]))
            for process in running:
                process.wait()
            floor.append(count / (_clock() - start))
            with StateDir("executor"), JobExecutor(work_dir=tempfile.mkdtemp()) as executor:
                start = _clock()
                assert list(executor.map(abs, range(count))) == list(range(count))
                mapped.append(count / (_clock() - start))
                start = _clock()
                futures = [executor.submit(abs, i) for i in range(count)]
                assert [future.result() for future in futures] == list(range(count))
                submitted.append(count / (_clock() - start))
                for _ in range(5):
                    start = _clock()
                    executor.submit(abs, 1).result()
                    latency.append(_clock() - start)
                    start = _clock()
                    subprocess.check_call([sys.executable, "-c", "pass"])
                    bare.append(_clock() - start)
        f, m, sb = median(floor), median(mapped), median(submitted)
        added = (median(latency) - median(bare)) * 1e3
        self.row("x", "executor.map, %d trivial calls" % count, m, None, "tasks/s",
                 ">= 0.5x floor", m >= f / 2, "%.2fx the floor" % (m / f))
        self.row("x", "executor.submit x %d, then results" % count, sb, None, "tasks/s",
                 ">= 0.4x floor", sb >= 0.4 * f, "%.2fx the floor" % (sb / f))
        self.row("x", "  floor: %d x python -c pass, %d at once" % (count, slots), f, None,
                 "tasks/s", "", None)
        self.row("x", "submit(...).result() over python -c pass", added, None, "ms added",
                 "<= 50 ms", added <= 50, "python -c pass: %.1f ms" % (median(bare) * 1e3))
        per_task = {}
        for tasks in (100, 10000):
            tasks //= (10 if self.quick else 1)
            with StateDir("executor-cpu"), JobExecutor(work_dir=tempfile.mkdtemp()) as executor:
                start_cpu = time.process_time()
                assert len(list(executor.map(abs, range(tasks)))) == tasks
                per_task[tasks] = (time.process_time() - start_cpu) / tasks * 1e6
            self.row("x", "  executor CPU per task, map of %d" % tasks, per_task[tasks], None,
                     "us CPU/task", "", None)
        small, large = sorted(per_task)
        ratio = per_task[large] / per_task[small]
        self.row("x", "  executor CPU per task, %d / %d" % (large, small), ratio, None,
                 "ratio", "flat (<= 1.3)", ratio <= 1.3)
        self.results["x_executor"] = dict(floor=floor, map=mapped, submit=submitted,
                                          latency=latency, bare=bare, slots=slots,
                                          cpu_per_task=dict((str(k), v)
                                                            for k, v in per_task.items()))

    def item6_import(self):
        # As installed, the package has its bytecode: written once, under build/.
        environment = dict(os.environ, PYTHONPYCACHEPREFIX=os.path.join(self.programs,
                                                                         "pycache"))
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        cold = [json.loads(subprocess.check_output(
            [sys.executable, "-B", "-c", _IMPORT_PROBE])) for _ in range(3)]
        subprocess.check_call([sys.executable, "-c", "import drmaa2"], env=environment)
        runs = [json.loads(subprocess.check_output([sys.executable, "-c", _IMPORT_PROBE],
                                                   env=environment))
                for _ in range(max(9, 2 * self.reps + 1))]
        c = []
        for _ in range(max(5, self.reps)):
            c.append(float(subprocess.check_output(
                [os.path.join(self.programs, "drmaa2_load"),
                 os.environ["DRMAA2_LIBRARY_PATH"]])) * 1e3)
        self.results["6_import"] = dict(unit="ms", runs=runs, c_load=c, without_bytecode=cold)
        imported = median([r["import_ms"] for r in runs])
        loaded = sorted(set(lib for r in runs for lib in r["libraries"]))
        drmaa_loaded = any("drmaa" in os.path.basename(lib) for lib in loaded)
        self.row("6", "import drmaa2", imported, None, "ms", "< 30 ms, no library",
                 imported < 30 and not drmaa_loaded,
                 "loads %s" % (", ".join(os.path.basename(l).split(".")[0] for l in loaded)
                               or "no shared library"))
        self.row("6", "  import drmaa2 compiling its source (-B)",
                 median([r["import_ms"] for r in cold]), None, "ms", "", None,
                 "no bytecode cache: not how an installed package runs")
        self.row("6", "first call (library load)", median([r["first_call_ms"] for r in runs]),
                 median(c), "ms", "", None, "C: dlopen + first call")

    # ------------------------------------------------------------ output
    def table(self):
        lines = ["%-4s %-42s %12s %12s %8s  %-8s %-22s %-4s %s" % (
            "item", "measure", "Python", "C", "Py/C", "unit", "target", "met", "note")]
        for item, measure, python, c, ratio, unit, target, met, note in self.rows:
            lines.append("%-4s %-42s %12s %12s %8s  %-8s %-22s %-4s %s" % (
                item, measure, _number(python), _number(c),
                "" if c is None else "%.2f" % ratio, unit, target,
                "" if met is None else ("yes" if met else "NO"), note))
        return "\n".join(lines)


def markdown(figures):
    """The table of a run's figures (the JSON ``main`` writes) as a Markdown table."""
    info = figures["machine"]
    lines = ["Machine: %s, nproc %s, Python %s; medians of %d repetitions%s." % (
        info["cpu"], info["nproc"], info["python"], figures["repetitions"],
        " (quick run: a tenth of the work)" if figures["quick"] else ""), "",
             "| item | measure | Python | C | Python / C | unit | target | met | note |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in figures["table"]:
        met = {None: "", True: "yes", False: "**no**"}[row["met"]]
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            row["item"], row["measure"].strip(), _number(row["python"]), _number(row["c"]),
            "" if row["ratio"] is None else "%.2f" % row["ratio"], row["unit"],
            row["target"], met, row["note"]))
    return "\n".join(lines)


def _cpu_note(figures):
    python, c = median(figures["python"]["cpu"]), median(figures["c"]["cpu"])
    return "CPU time: %s / %s = %.2f" % (_number(python), _number(c), python / c)


def _number(value):
    if value is None:
        return ""
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    return "%.3f" % value


_IMPORT_PROBE = r"""
import json, sys, time
def libraries():
    with open('/proc/self/maps') as maps:
        return set(line.split()[-1] for line in maps if '.so' in line)
before = libraries()
start = time.perf_counter()
import drmaa2
imported = time.perf_counter()
loaded = sorted(libraries() - before)
start_call = time.perf_counter()
drmaa2.get_drms_name()
first_call = time.perf_counter()
print(json.dumps({"import_ms": (imported - start) * 1e3, "libraries": loaded,
                  "ctypes_imported": "ctypes" in sys.modules,
                  "first_call_ms": (first_call - start_call) * 1e3}))
"""


def _bare_ctypes_get_state(session_name, calls):
    """The floor of item 1: drmaa2_j_get_state and the free of its sub-state called
    straight through ctypes, argtypes set, no checking, no conversion."""
    lib = ctypes.CDLL(os.environ["DRMAA2_LIBRARY_PATH"])
    vp = ctypes.c_void_p
    lib.drmaa2_open_jsession.restype = vp
    lib.drmaa2_open_jsession.argtypes = [ctypes.c_char_p]
    lib.drmaa2_jsession_get_jobs.restype = vp
    lib.drmaa2_jsession_get_jobs.argtypes = [vp, vp]
    lib.drmaa2_list_get.restype = vp
    lib.drmaa2_list_get.argtypes = [vp, ctypes.c_long]
    get_state = lib.drmaa2_j_get_state
    get_state.restype = ctypes.c_int
    get_state.argtypes = [vp, ctypes.POINTER(vp)]
    string_free = lib.drmaa2_string_free
    string_free.restype = None
    string_free.argtypes = [ctypes.POINTER(vp)]
    session = lib.drmaa2_open_jsession(session_name.encode())
    jobs = lib.drmaa2_jsession_get_jobs(session, None)
    job = vp(lib.drmaa2_list_get(jobs, 0))
    if not session or not jobs or not job.value:
        raise RuntimeError("the bare ctypes set-up found no job in %s" % session_name)

    def calls_through_ctypes():
        sub_state = vp()
        reference = ctypes.byref(sub_state)
        for _ in range(calls):
            get_state(job, reference)
            string_free(reference)
    return calls_through_ctypes


class _count_library_calls(object):
    """Counts the calls of the loaded library's C functions (every thread) until stop()."""

    def __init__(self):
        from drmaa2 import _c
        self.functions = _c.library().c
        self.counts = {}
        self.originals = {}
        for name in list(self.functions.symbols):
            original = getattr(self.functions, name, None)
            if original is None:
                continue
            self.originals[name] = original
            setattr(self.functions, name, self._counting(name, original))

    def _counting(self, name, original):
        counts = self.counts

        def call(*args):
            counts[name] = counts.get(name, 0) + 1
            return original(*args)
        return call

    def stop(self):
        """Put the functions back; the calls counted, by function."""
        for name, original in self.originals.items():
            setattr(self.functions, name, original)
        return dict(self.counts)


def machine():
    """What the figures were taken on."""
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except IOError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "system": platform.platform(), "slots": os.environ.get("DRMAA2_STUB_SLOTS",
                                                                   "(number of cores)")}


ITEMS = ("item1_simple_call", "item2_big_answers", "item3_big_templates", "item4_throughput",
         "item5_wait_latency", "item6_import", "item7_idle_cpu", "item8_library_calls",
         "item9_as_completed", "itemx_executor")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", help="the directory of the C programs")
    parser.add_argument("--json", help="where to write the figures")
    parser.add_argument("--markdown", metavar="JSON",
                        help="only print the table of an earlier run's JSON as Markdown")
    parser.add_argument("--reps", type=int, default=5, help="repetitions of the quick items")
    parser.add_argument("--only", default="", help="items to run, e.g. 1,2 (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="a tenth of the work (a trial run; not the issue's figures)")
    options = parser.parse_args(argv)
    if options.markdown:
        with open(options.markdown) as source:
            print(markdown(json.load(source)))
        return 0
    if not options.programs or not options.json:
        parser.error("--programs and --json are required (make bench gives them)")
    if not os.environ.get("DRMAA2_LIBRARY_PATH"):
        parser.error("DRMAA2_LIBRARY_PATH must name the stub library (make bench sets it)")
    only = set(options.only.split(",")) if options.only else None
    bench = Bench(options.programs, max(1, options.reps), options.quick)
    started = time.time()
    for name in ITEMS:
        if only is None or name[4] in only:
            print("bench: %s ..." % name, file=sys.stderr)
            getattr(bench, name)()
    figures = {"machine": machine(), "library": os.environ["DRMAA2_LIBRARY_PATH"],
               "repetitions": bench.reps, "quick": options.quick,
               "seconds": time.time() - started, "items": bench.results,
               "table": [dict(zip(("item", "measure", "python", "c", "ratio", "unit", "target",
                                   "met", "note"), row)) for row in bench.rows]}
    with open(options.json, "w") as output:
        json.dump(figures, output, indent=1, sort_keys=True, default=str)
    info = figures["machine"]
    print("drmaa2 bench: %s, nproc %s, Python %s, medians of %d repetitions%s"
          % (info["cpu"], info["nproc"], info["python"], bench.reps,
             " (QUICK: a tenth of the work)" if options.quick else ""))
    print("wall-clock medians; for items 1-3 the note gives the CPU time of the process "
          "doing the work, which other load on the machine disturbs less")
    print(bench.table())
    print("figures: %s" % options.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
