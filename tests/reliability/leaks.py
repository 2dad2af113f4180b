"""Leaks: the calls a long-running pipeline makes over and over, with resident memory
sampled; and the stub's C checks under valgrind.

One round asks a finished job its state and its info, converts a full job template to
the library's struct and back (``describe_attribute`` takes it in, ``Job.job_template``
brings one out), converts a job info filter (``get_jobs``), and takes list answers
(session names, queues, job categories, the session's jobs).  After a warm-up the
resident memory of the process is sampled every 5% of the rounds; the growth from the
first sample to the last must stay under the limit.  Then job and monitoring sessions
are opened and closed (one per hundred rounds) and the open file descriptors counted:
there must be as many afterwards as before.  The rounds run in a child process,
so a crash fails the part instead of ending the caller.

    python tests/reliability/leaks.py [--rounds 200000] [--limit-mb 5] [--valgrind]
"""
from __future__ import print_function

import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402

#: Rounds before the first sample: caches, interned names and the allocator settle.
WARMUP = 2000
SAMPLES = 20


def child(rounds):
    """The rounds themselves (in the child process); prints the JSON result."""
    import datetime
    import gc

    import drmaa2
    session = drmaa2.create_job_session()
    monitoring = drmaa2.open_monitoring_session()
    job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/true", args=["a", "b"],
                                             job_environment={"A": "1"}))
    job.wait_terminated(60)
    template = drmaa2.JobTemplate(
        remote_command="/bin/true", args=["a", u"\u00e9", "c"], rerunnable=True,
        job_environment={"A": "1", "B": u"\u2603"}, working_directory="/tmp", job_name="n",
        output_path="/dev/null", candidate_machines=["m"], priority=3,
        machine_os=drmaa2.OperatingSystem.LINUX, machine_arch=drmaa2.CpuArchitecture.X64,
        start_time=drmaa2.NOW, deadline_time=datetime.datetime(2030, 1, 1),
        stage_in_files={"x": "y"}, resource_limits={"CPU_TIME": "10"})
    job_filter = drmaa2.JobInfo(job_id=job.job_id, job_state=drmaa2.JobState.DONE,
                                exit_status=0)
    impl_name = (drmaa2.get_job_template_impl_spec() or ["remoteCommand"])[0]

    def once():
        job.get_state()
        job.get_info()
        drmaa2.describe_attribute(template, impl_name)
        job.job_template
        if len(session.get_jobs(job_filter)) != 1:
            raise AssertionError("get_jobs with a filter lost the job")
        drmaa2.get_job_session_names()
        monitoring.get_all_queues()
        session.job_categories

    for _ in range(min(WARMUP, rounds)):
        once()
    gc.collect()
    samples = [common.resident_bytes()]
    every = max(1, rounds // SAMPLES)
    for index in range(1, rounds + 1):
        once()
        if index % every == 0:
            gc.collect()
            samples.append(common.resident_bytes())
    # Sessions opened and closed over and over must not leave file descriptors behind.
    descriptors = [open_descriptors()]
    for _ in range(max(1, rounds // 100)):
        drmaa2.open_job_session(session.session_name).close()
        drmaa2.open_monitoring_session().close()
    gc.collect()
    descriptors.append(open_descriptors())
    monitoring.close()
    session.close()
    drmaa2.destroy_job_session(session.session_name)
    print(json.dumps({"rounds": rounds, "samples": samples, "session_rounds":
                      max(1, rounds // 100), "descriptors": descriptors}))


def open_descriptors():
    """How many file descriptors this process has open."""
    return len(os.listdir("/proc/self/fd"))


def valgrind_checks():
    """Build the stub's C check programs (tests/stub/check/*.c) and run each under
    valgrind; return (programs run, failures)."""
    sources = sorted(glob.glob(os.path.join(common.ROOT, "tests", "stub", "check", "*.c")))
    programs = [os.path.join(common.ROOT, "build", "stub-check",
                             os.path.basename(source)[:-2]) for source in sources]
    failures = []
    with open(os.devnull, "w") as quiet:
        built = not programs or subprocess.call(
            ["make", "--no-print-directory", "-C", common.ROOT] +
            [os.path.relpath(program, common.ROOT) for program in programs], stdout=quiet) == 0
    if not built:
        return len(programs), ["make could not build the C checks %s" % ", ".join(programs)]
    if not programs:
        failures.append("no C checks in build/stub-check: run `make stub-check` first")
    for program in programs:
        with common.scratch_directory("valgrind") as scratch:
            env = common.child_environment(os.path.join(scratch, "state"))
            command = ["valgrind", "-q", "--leak-check=full",
                       "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=97",
                       "--child-silent-after-fork=yes", program]
            try:
                child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE)
            except OSError as error:
                failures.append("cannot run valgrind: %s" % error)
                break
            out, err = common.communicate(child, 900)
            if child.returncode != 0:
                failures.append("valgrind %s: exit status %s\n%s"
                                % (os.path.basename(program), child.returncode,
                                   err.decode("utf-8", "replace")[-3000:]))
    return len(programs), failures


def run(rounds=200000, limit_mb=5.0, valgrind=True, state_dir=None):
    """Run the rounds (and the valgrind checks); return the part's report."""
    failures = []
    code = "import sys; sys.path.insert(0, %r); import leaks; leaks.child(%d)" % (HERE, rounds)
    growth = None
    crashes = 0
    descriptors, session_rounds = [None, None], 0
    with common.scratch_directory("leaks") as scratch:
        env = common.child_environment(state_dir or os.path.join(scratch, "state"))
        try:
            found = common.last_json_line(common.run_python(code, env, 3600))
            samples = found["samples"]
            growth = (samples[-1] - samples[0]) / 1048576.0
            descriptors = found["descriptors"]
            session_rounds = found["session_rounds"]
            if descriptors[1] != descriptors[0]:
                failures.append("open file descriptors went from %d to %d over %d sessions "
                                "opened and closed" % (descriptors[0], descriptors[1],
                                                       session_rounds))
            if growth >= limit_mb:
                failures.append("resident memory grew by %.2f MB over %d rounds (limit %g MB);"
                                " samples (MB): %s" % (growth, rounds, limit_mb, ", ".join(
                                    "%.1f" % (sample / 1048576.0) for sample in samples)))
        except common.ChildFailed as error:
            crashes = int("(a crash)" in str(error))
            failures.append(str(error))
    counts = [("rounds", rounds), ("memory_growth_mb",
                                   None if growth is None else round(growth, 2)),
              ("limit_mb", limit_mb), ("session_rounds", session_rounds),
              ("fd_growth", None if descriptors[0] is None else descriptors[1] - descriptors[0]),
              ("crashes", crashes)]
    if valgrind:
        programs, valgrind_failures = valgrind_checks()
        failures.extend(valgrind_failures)
        counts.append(("valgrind_checks", programs))
        counts.append(("valgrind_errors", len(valgrind_failures)))
    return common.report("leaks", counts, failures)


def arguments(parser):
    """The options of this part run alone."""
    parser.add_argument("--rounds", type=int, default=200000)
    parser.add_argument("--limit-mb", type=float, default=5.0)
    parser.add_argument("--no-valgrind", dest="valgrind", action="store_false")


def main(argv=None):
    return common.main(__doc__, arguments, lambda options: run(
        options.rounds, options.limit_mb, options.valgrind), argv)


if __name__ == "__main__":
    sys.exit(main())
