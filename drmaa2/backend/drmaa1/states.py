"""DRMAA version 1 job states and job ends in DRMAA2 terms.

``drmaa_job_ps`` states map one to one onto DRMAA2's (every kind of hold is QUEUED_HELD,
every kind of suspension SUSPENDED); the DRMAA v1 state's C name is the sub-state.

The end of a job comes in two qualities:

- *observed*: a process of the job's session got the job's end from ``drmaa_wait``: exit
  status, terminating signal, CPU and wall clock time are the DRM's.  DONE when the job
  exited (whatever its status), FAILED when a signal ended it or it never ran (DRMAA v1
  says no more; where the DRM's profile can ask its accounting, the annotation gains the
  DRM's reason, see :func:`with_reason`).
- *unobserved*: the job left the DRM while no process that could ``drmaa_wait`` for it
  was there (DRMAA v1 answers ``drmaa_wait`` only in the process that submitted the job,
  and only until that process ends).  Then DRMAA v1 cannot tell the exit status, the
  signal or the resource usage, nor whether the job succeeded.  If ``drmaa_job_ps`` still
  said DONE or FAILED, that state is kept; if the DRM no longer knows the job at all, its
  state is UNDETERMINED with the sub-state :data:`ENDED_UNOBSERVED`.  The exit status is
  None: never a made-up number.
"""
from drmaa2._c.drmaa1 import names
from drmaa2.backend.drmaa1.store import JobEnd
from drmaa2.enums import JobState

#: Sub-state of a job that ended while no process of its session waited for it, and that
#: the DRM no longer knows.
ENDED_UNOBSERVED = "ENDED_UNOBSERVED"

UNOBSERVED_ANNOTATION = (
    "the job ended while no process of its session waited for it; DRMAA v1 cannot tell its "
    "exit status, signal or resource usage (see docs/clusters.md)")

#: What DRMAA v1 tells of a job that never ran (drmaa_wifaborted): no more than that.
ABORTED_ANNOTATION = ("aborted: the job never ran to its end by itself (terminated before "
                      "it ran, or the DRM could not start it); DRMAA v1 does not tell why")

#: Joins the DRM's own reason for a failure (its accounting, where the profile can ask)
#: to the annotation.
REASON_SEPARATOR = "; the DRM's accounting says: "

_STATES = {
    names.PS_UNDETERMINED: JobState.UNDETERMINED,
    names.PS_QUEUED_ACTIVE: JobState.QUEUED,
    names.PS_SYSTEM_ON_HOLD: JobState.QUEUED_HELD,
    names.PS_USER_ON_HOLD: JobState.QUEUED_HELD,
    names.PS_USER_SYSTEM_ON_HOLD: JobState.QUEUED_HELD,
    names.PS_RUNNING: JobState.RUNNING,
    names.PS_SYSTEM_SUSPENDED: JobState.SUSPENDED,
    names.PS_USER_SUSPENDED: JobState.SUSPENDED,
    names.PS_USER_SYSTEM_SUSPENDED: JobState.SUSPENDED,
    names.PS_DONE: JobState.DONE,
    names.PS_FAILED: JobState.FAILED,
}

TERMINAL = (JobState.DONE, JobState.FAILED)
STARTED = (JobState.RUNNING, JobState.SUSPENDED, JobState.DONE, JobState.FAILED)


def from_drmaa1(ps_state):
    """``(JobState, sub-state)`` of a drmaa_job_ps state; a value outside the standard is
    UNDETERMINED with its number as sub-state."""
    state = _STATES.get(ps_state)
    if state is None:
        return JobState.UNDETERMINED, "DRMAA v1 state 0x%02x" % ps_state
    return state, names.STATE_NAMES[ps_state]


def observed_end(result):
    """The JobEnd of a ``drmaa2._c.drmaa1.WaitResult``."""
    if result.exited:
        state, sub_state, annotation = JobState.DONE, "DRMAA_PS_DONE", None
    elif result.signaled:
        state, sub_state = JobState.FAILED, "DRMAA_PS_FAILED"
        annotation = "ended by %s%s" % (result.signal or "a signal",
                                        " (core dumped)" if result.core_dumped else "")
    elif result.aborted:
        state, sub_state = JobState.FAILED, "DRMAA_PS_FAILED"
        annotation = ABORTED_ANNOTATION
    else:
        state, sub_state = JobState.FAILED, "DRMAA_PS_FAILED"
        annotation = "the DRM tells neither an exit status nor a signal"
    return JobEnd(observed=True, state=state.value, sub_state=sub_state,
                  exit_status=result.exit_status if result.exited else None,
                  terminating_signal=result.signal if result.signaled else None,
                  annotation=annotation, cpu_time=result.cpu_time,
                  wallclock_time=result.wallclock_time, dispatch_time=result.dispatch_time,
                  finish_time=result.finish_time)


def with_reason(annotation, reason):
    """The annotation of a failed job with the DRM's ``reason`` added."""
    return "%s%s%s" % (annotation or "failed", REASON_SEPARATOR, reason)


def has_reason(annotation):
    """Whether ``annotation`` has the DRM's reason already."""
    return REASON_SEPARATOR in (annotation or "")


def unobserved_end(state=JobState.UNDETERMINED):
    """The JobEnd of a job whose end no process of its session saw: ``state`` is what
    drmaa_job_ps last said (DONE or FAILED), or UNDETERMINED when the DRM forgot the job."""
    sub_state = ENDED_UNOBSERVED if state == JobState.UNDETERMINED else (
        names.STATE_NAMES[names.PS_DONE if state == JobState.DONE else names.PS_FAILED])
    return JobEnd(observed=False, state=state.value, sub_state=sub_state, exit_status=None,
                  terminating_signal=None, annotation=UNOBSERVED_ANNOTATION, cpu_time=None,
                  wallclock_time=None, dispatch_time=None, finish_time=None)


__all__ = ["from_drmaa1", "observed_end", "unobserved_end", "with_reason", "has_reason",
           "ENDED_UNOBSERVED", "ABORTED_ANNOTATION", "REASON_SEPARATOR", "TERMINAL",
           "STARTED"]
