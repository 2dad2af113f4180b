"""Jobs and job arrays: submission, control, state, information and waits."""
from drmaa2.backend.waiting import wait_until

_JOB_OPERATIONS = ("suspend", "resume", "hold", "release", "terminate", "reap")


class JobsMixin(object):
    """Everything a job session does with jobs, over the DRMAA2 C library."""

    def run_job(self, session, template):
        """Submit one job from ``template``; return the job's handle."""
        return self.library.jsession_run_job(session, template)

    def run_bulk_jobs(self, session, template, begin, end, step, max_parallel):
        """Submit a job array; return its handle (``max_parallel`` None: no limit)."""
        return self.library.jsession_run_bulk_jobs(session, template, begin, end, step,
                                                   max_parallel)

    def session_jobs(self, session, job_filter):
        """Handles of the session's jobs that match ``job_filter`` (a JobInfo or None)."""
        return self.library.jsession_get_jobs(session, job_filter)

    def session_job_array(self, session, array_id):
        """The handle of the job array ``array_id`` of a session."""
        return self.library.jsession_get_job_array(session, array_id)

    def wait_any(self, session, jobs, timeout, started):
        """Wait until one of the job handles ``jobs`` has started (``started`` true) or
        terminated; return a handle of that job."""
        if started:
            ask, what = self.library.jsession_wait_any_started, "the start of any job"
        else:
            ask, what = self.library.jsession_wait_any_terminated, "the end of any job"
        return wait_until(lambda zero: ask(session, jobs, zero), timeout,
                          "%s of %d" % (what, len(jobs)))

    # One job

    def job_id(self, job):
        """The DRM's id of a job."""
        return self.library.j_get_id(job)

    def job_session_name_of(self, job):
        """The name of the session a job belongs to."""
        return self.library.j_get_session_name(job)

    def job_template(self, job):
        """The job template a job was submitted with."""
        return self.library.j_get_jtemplate(job)

    def job_control(self, job, operation):
        """Apply ``operation`` (suspend, resume, hold, release, terminate, reap) to a job."""
        if operation not in _JOB_OPERATIONS:
            raise ValueError("unknown job operation %r" % (operation,))
        getattr(self.library, "j_" + operation)(job)

    def job_state(self, job):
        """The job's ``(JobState, substate)``."""
        return self.library.j_get_state(job)

    def job_info(self, job):
        """The job's JobInfo."""
        return self.library.j_get_info(job)

    def wait_started(self, job, timeout, job_id):
        """Wait until the job has started (or ended)."""
        wait_until(lambda zero: self.library.j_wait_started(job, zero), timeout,
                   "the start of job %s" % (job_id,))

    def wait_terminated(self, job, timeout, job_id):
        """Wait until the job has ended."""
        wait_until(lambda zero: self.library.j_wait_terminated(job, zero), timeout,
                   "the end of job %s" % (job_id,))

    # Job arrays

    def array_id(self, array):
        """The DRM's id of a job array."""
        return self.library.jarray_get_id(array)

    def array_jobs(self, array):
        """Handles of the jobs of a job array."""
        return self.library.jarray_get_jobs(array)

    def array_session_name(self, array):
        """The name of the session a job array belongs to."""
        return self.library.jarray_get_session_name(array)

    def array_template(self, array):
        """The job template a job array was submitted with."""
        return self.library.jarray_get_jtemplate(array)

    def array_control(self, array, operation):
        """Apply ``operation`` (suspend, resume, hold, release, terminate, reap) to every
        job of an array."""
        if operation not in _JOB_OPERATIONS:
            raise ValueError("unknown job operation %r" % (operation,))
        getattr(self.library, "jarray_" + operation)(array)
