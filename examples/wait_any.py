"""Wait for many jobs at once: whichever starts or ends first is returned.

Shows ``JobSession.wait_any_started``, ``drmaa2.as_completed`` (each job once, as it
ends) and a wait that times out (``TimeoutException``).
"""
from __future__ import print_function

import sys

import drmaa2


def main():
    session = drmaa2.create_job_session()
    try:
        with session:
            durations = {}
            for seconds in ("0.3", "0.1", "0.2"):
                job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep",
                                                         args=[seconds]))
                durations[job] = seconds
            print("Submitted %d jobs: %s" % (len(durations), ", ".join(
                "%s (sleep %s)" % (job.job_id, durations[job]) for job in durations)))

            first = session.wait_any_started(list(durations), drmaa2.INFINITE_TIME)
            print("First job to start: %s" % first.job_id)

            for job in drmaa2.as_completed(durations):
                print("Job %s (sleep %s) ended: %s"
                      % (job.job_id, durations[job], job.get_state()[0].name))

            # A wait with a timeout raises TimeoutException when nothing happened in time.
            long_job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep",
                                                          args=["60"]))
            try:
                session.wait_any_terminated([long_job], 0.5)
                timed_out = False
            except drmaa2.TimeoutException:
                timed_out = True
                print("Job %s (sleep 60) did not end within 0.5 seconds: TimeoutException"
                      % long_job.job_id)
            long_job.terminate()
            long_job.wait_terminated(drmaa2.INFINITE_TIME)
            print("Job %s terminated: %s" % (long_job.job_id, long_job.get_state()[0].name))
    finally:
        drmaa2.destroy_job_session(session.session_name)
    return 0 if timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
