"""Python functions as cluster jobs: drmaa2.executor's JobExecutor, a concurrent.futures
Executor.  Each call is pickled to the work directory and runs as a job; map runs one job
array."""
import math
import os
import tempfile

import drmaa2
from drmaa2.executor import JobExecutor, JobFailedError


def main():
    work_dir = tempfile.mkdtemp()      # on a cluster: a directory every node sees
    with JobExecutor(work_dir=work_dir) as executor:
        future = executor.submit(pow, 2, 10)
        print("pow(2, 10) in job %s: %d" % (future.job.job_id, future.result(60)))
        print("map(math.sqrt, ...) as one job array: %s"
              % list(executor.map(math.sqrt, [1, 4, 9, 16], chunksize=2)))
        try:
            executor.submit(math.sqrt, -1).result(60)
        except ValueError as error:
            print("math.sqrt(-1) raised in its job: ValueError: %s" % error)
        held = executor.with_template(submit_as_hold=True)
        waiting = held.submit(os.getcwd)
        print("cancelled before it started: %s" % waiting.cancel())
        killed = executor.submit(os.abort)          # the worker dies of SIGABRT
        try:
            killed.result(60)
        except JobFailedError as error:
            print("a killed task: JobFailedError, state %s"
                  % error.job_info.job_state.name)
        session = executor.session.session_name
    print("own session %s destroyed: %s"
          % (session, session not in drmaa2.get_job_session_names()))


if __name__ == "__main__":
    main()
