"""Leak check of drmaa2's C layer: converts many job templates and job infos to and from the
loaded DRMAA2 library's structs and shows that the process's resident memory stays flat.

    python tools/leakcheck.py [--iterations 100000] [--limit-mb 4]

Each iteration writes a full JobTemplate into a library-created struct and reads it back,
writes a JobInfo filter and reads it back, and reads the JobInfo of a finished job from
the library (``drmaa2_j_get_info``); every struct, list, dict and string is freed.
Resident memory is measured after a warm-up and at the end; the exit status is 1 when it
grew by more than the limit.  Runs against DRMAA2_LIBRARY_PATH (default: the stub in
build/), with a private stub state directory unless DRMAA2_STUB_STATE_DIR is set.
"""
from __future__ import print_function

import argparse
import datetime
import gc
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def resident_bytes():
    """The resident set size of this process, from /proc/self/statm."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def workload(library, job):
    """One iteration: a template, a filter and a job info through C and back."""
    from drmaa2 import constants
    from drmaa2.enums import CpuArchitecture, JobState, OperatingSystem
    from drmaa2.types import UTC, JobInfo, JobTemplate
    template = JobTemplate(
        remote_command="/bin/true", args=["a", u"\u00e9", "c"], rerunnable=True,
        job_environment={"A": "1", "B": u"\u2603"}, working_directory="/tmp", job_name="n",
        output_path="/dev/null", candidate_machines=["m"], priority=3,
        machine_os=OperatingSystem.LINUX, machine_arch=CpuArchitecture.X64,
        start_time=constants.NOW, deadline_time=datetime.datetime(2030, 1, 1, tzinfo=UTC),
        stage_in_files={"x": "y"}, resource_limits={"CPU_TIME": "10"},
        implementation_specific={"stub_nice": "1"})
    job_filter = JobInfo(job_id="1", job_state=JobState.DONE, allocated_machines=["m"],
                         wallclock_time=datetime.timedelta(seconds=1))

    def once():
        with library._struct("jtemplate", template, "template") as address:
            library.records.read("jtemplate", address)
        with library._filter(job_filter) as address:
            library.records.read("jinfo", address)
        library.j_get_info(job)
    return once


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=100000)
    parser.add_argument("--warmup", type=int, default=2000)
    parser.add_argument("--limit-mb", type=float, default=4.0)
    options = parser.parse_args(argv)

    os.environ.setdefault("DRMAA2_LIBRARY_PATH", os.path.join(ROOT, "build", "libdrmaa2.so"))
    state = None
    if "DRMAA2_STUB_STATE_DIR" not in os.environ:
        state = tempfile.mkdtemp(prefix="drmaa2-leakcheck-")
        os.environ["DRMAA2_STUB_STATE_DIR"] = os.path.join(state, "state")
    try:
        import drmaa2._c
        from drmaa2.types import JobTemplate
        library = drmaa2._c.library()
        session = library.create_jsession(None, None)
        name = library.jsession_get_session_name(session)
        job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
        library.j_wait_terminated(job, 60)
        once = workload(library, job)
        for _ in range(options.warmup):
            once()
        gc.collect()
        before = resident_bytes()
        for _ in range(options.iterations):
            once()
        gc.collect()
        after = resident_bytes()
        job.free()
        library.close_jsession(session)
        session.free()
        library.destroy_jsession(name)
    finally:
        if state is not None:
            shutil.rmtree(state, ignore_errors=True)
    growth_mb = (after - before) / 1024.0 / 1024.0
    print("leakcheck: %d iterations (job template, job info filter, job info each) with %s; "
          "resident memory %.1f MB -> %.1f MB, growth %.2f MB (limit %.1f MB)"
          % (options.iterations, library.path, before / 1048576.0, after / 1048576.0,
             growth_mb, options.limit_mb))
    return 1 if growth_mb > options.limit_mb else 0


if __name__ == "__main__":
    sys.exit(main())
