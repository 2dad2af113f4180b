"""Run jobs with the common job template settings, and read what they did.

Shows: arguments, environment, working directory, output and error files, and what
``Job.get_info()`` tells about a finished job (state, exit status, machine, run time).
"""
from __future__ import print_function

import os
import shutil
import sys
import tempfile

import drmaa2


def describe(job):
    """Wait for ``job`` to end and print what the DRM system says about it."""
    job.wait_terminated(drmaa2.INFINITE_TIME)
    info = job.get_info()
    print("Job %s (%s): state %s, exit status %s, ran on %s for %s"
          % (info.job_id, info.job_name, info.job_state.name, info.exit_status,
             ", ".join(info.allocated_machines or ["?"]), info.wallclock_time))
    # What this particular DRM system adds (e.g. the stub's peak memory of the job).
    for name, value in sorted(info.implementation_specific.items()):
        print("  %s (implementation-specific): %s" % (name, value))
    return info


def main():
    directory = tempfile.mkdtemp(prefix="drmaa2-run-job-")
    session = drmaa2.create_job_session()
    try:
        with session:
            # /usr/bin/env prints its environment: the one the template gives it.
            printing = drmaa2.JobTemplate(
                remote_command="/usr/bin/env",
                job_environment={"GREETING": "hello from drmaa2"},
                working_directory=directory,
                output_path=os.path.join(directory, "env.out"),
                job_name="print-environment",
            )
            # ls of a missing file fails: its exit status and error file show how.
            failing = printing._replace(remote_command="/bin/ls", args=["no-such-file"],
                                        output_path=None,
                                        error_path=os.path.join(directory, "ls.err"),
                                        job_name="list-missing-file")
            jobs = [session.run_job(printing), session.run_job(failing)]
            print("Submitted jobs %s in job session %s"
                  % (", ".join(job.job_id for job in jobs), session.session_name))

            printed, failed = [describe(job) for job in jobs]
            with open(os.path.join(directory, "env.out")) as output:
                greetings = [line.strip() for line in output if line.startswith("GREETING=")]
            print("Output file of the first job: %s" % ", ".join(greetings))
            with open(os.path.join(directory, "ls.err")) as errors:
                print("Error file of the second job: %s" % errors.read().strip())
    finally:
        drmaa2.destroy_job_session(session.session_name)
        shutil.rmtree(directory)
    ok = (printed.exit_status == 0 and greetings == ["GREETING=hello from drmaa2"]
          and failed.exit_status != 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
