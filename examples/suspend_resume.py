"""Control running and waiting jobs: suspend and resume a running job, and submit a job on
hold that runs only once released.
"""
from __future__ import print_function

import sys

import drmaa2


def state_of(job):
    """The job's DRMAA2 state (get_state also gives an implementation-specific sub-state)."""
    state, _ = job.get_state()
    return state


def main():
    session = drmaa2.create_job_session()
    seen = []
    try:
        with session:
            job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep",
                                                     args=["1"]))
            job.wait_started(drmaa2.INFINITE_TIME)
            seen.append(state_of(job))
            print("Job %s (sleep 1) is %s" % (job.job_id, seen[-1].name))
            job.suspend()
            seen.append(state_of(job))
            print("Suspended: job %s is %s" % (job.job_id, seen[-1].name))
            job.resume()
            seen.append(state_of(job))
            print("Resumed: job %s is %s" % (job.job_id, seen[-1].name))
            job.wait_terminated(drmaa2.INFINITE_TIME)
            seen.append(state_of(job))
            print("Job %s ended: %s" % (job.job_id, seen[-1].name))

            held = session.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                                      submit_as_hold=True))
            seen.append(state_of(held))
            print("Job %s, submitted on hold, is %s" % (held.job_id, seen[-1].name))
            held.release()
            held.wait_terminated(drmaa2.INFINITE_TIME)
            seen.append(state_of(held))
            print("Released: job %s ran and ended: %s" % (held.job_id, seen[-1].name))
    finally:
        drmaa2.destroy_job_session(session.session_name)
    JobState = drmaa2.JobState
    expected = [JobState.RUNNING, JobState.SUSPENDED, JobState.RUNNING, JobState.DONE,
                JobState.QUEUED_HELD, JobState.DONE]
    return 0 if seen == expected else 1


if __name__ == "__main__":
    sys.exit(main())
