"""Run a job array: one template, one job per index, PARAMETRIC_INDEX marking where each
job's index goes (here: in the name of its output file).
"""
from __future__ import print_function

import os
import shutil
import sys
import tempfile

import drmaa2


def main():
    directory = tempfile.mkdtemp(prefix="drmaa2-job-array-")
    session = drmaa2.create_job_session()
    try:
        with session:
            template = drmaa2.JobTemplate(
                remote_command="/bin/echo",
                args=["hello from a job of the array"],
                output_path=os.path.join(directory, "task-%s.out" % drmaa2.PARAMETRIC_INDEX),
            )
            # Indexes 1, 3, 5 and 7; at most two of them running at once where the library
            # can limit that.
            limit = 2 if drmaa2.supports(drmaa2.Capability.BULK_JOBS_MAXPARALLEL) else None
            array = session.run_bulk_jobs(template, begin_index=1, end_index=7, step=2,
                                          max_parallel=limit)
            print("Submitted job array %s: %d jobs, at most %s running at once"
                  % (array.job_array_id, len(array.jobs), limit or "all"))

            states = []
            for job in drmaa2.as_completed(array.jobs):  # each job once, as it ends
                info = job.get_info()
                states.append(info.job_state)
                print("Job %s: state %s, exit status %s"
                      % (job.job_id, info.job_state.name, info.exit_status))

            outputs = sorted(os.listdir(directory))
            print("Output files: %s" % ", ".join(outputs))
            with open(os.path.join(directory, "task-1.out")) as output:
                print("task-1.out says: %s" % output.read().strip())
    finally:
        drmaa2.destroy_job_session(session.session_name)
        shutil.rmtree(directory)
    expected = ["task-%d.out" % index for index in (1, 3, 5, 7)]
    ok = outputs == expected and states == [drmaa2.JobState.DONE] * 4
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
