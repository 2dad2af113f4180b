"""Quickstart: run one job through DRMAA2 and wait for it to finish.

``make demo`` runs this against the stub library that ``make`` builds (jobs are then
processes on this machine).  On a cluster whose scheduler ships ``libdrmaa2.so``:

    DRMAA2_LIBRARY_PATH=/path/to/libdrmaa2.so python examples/quickstart.py
"""
from __future__ import print_function

import sys

import drmaa2


def main():
    # A job session is a named container for jobs; it persists until destroyed.
    session = drmaa2.create_job_session()
    try:
        with session:  # closes the session at the end of the block
            print("Using %s (DRMAA2 library %s)" % (drmaa2.get_drms_name(),
                                                    drmaa2.library_path()))
            template = drmaa2.JobTemplate(remote_command="/bin/sleep", args=["0.5"],
                                          job_name="quickstart")
            job = session.run_job(template)
            print("Submitted job %s: /bin/sleep 0.5, in job session %s"
                  % (job.job_id, session.session_name))

            job.wait_terminated(drmaa2.INFINITE_TIME)
            info = job.get_info()
            print("Job %s finished: state %s, exit status %s"
                  % (job.job_id, info.job_state.name, info.exit_status))
    finally:
        drmaa2.destroy_job_session(session.session_name)
    return 0 if info.job_state is drmaa2.JobState.DONE and info.exit_status == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except drmaa2.LibraryNotFoundError as error:
        # The message says where drmaa2 looked and how to point it at a library.
        print(error, file=sys.stderr)
        sys.exit(2)
