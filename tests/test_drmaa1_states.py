"""DRMAA v1 job states and job ends in DRMAA2 terms (drmaa2.backend.drmaa1.states)."""
import pytest

from drmaa2 import JobState
from drmaa2._c.drmaa1 import names
from drmaa2._c.drmaa1.library import WaitResult
from drmaa2.backend.drmaa1 import states


@pytest.mark.parametrize("ps_state, expected", [
    (names.PS_UNDETERMINED, JobState.UNDETERMINED),
    (names.PS_QUEUED_ACTIVE, JobState.QUEUED),
    (names.PS_SYSTEM_ON_HOLD, JobState.QUEUED_HELD),
    (names.PS_USER_ON_HOLD, JobState.QUEUED_HELD),
    (names.PS_USER_SYSTEM_ON_HOLD, JobState.QUEUED_HELD),
    (names.PS_RUNNING, JobState.RUNNING),
    (names.PS_SYSTEM_SUSPENDED, JobState.SUSPENDED),
    (names.PS_USER_SUSPENDED, JobState.SUSPENDED),
    (names.PS_USER_SYSTEM_SUSPENDED, JobState.SUSPENDED),
    (names.PS_DONE, JobState.DONE),
    (names.PS_FAILED, JobState.FAILED),
])
def test_every_drmaa1_state_maps_with_its_name_as_sub_state(ps_state, expected):
    assert states.from_drmaa1(ps_state) == (expected, names.STATE_NAMES[ps_state])


def test_a_state_outside_the_standard_is_undetermined_with_its_number():
    assert states.from_drmaa1(0x50) == (JobState.UNDETERMINED, "DRMAA v1 state 0x50")


def result(**fields):
    values = dict(job_id="1", exited=False, exit_status=None, signaled=False, signal=None,
                  core_dumped=False, aborted=False, rusage={}, cpu_time=None,
                  wallclock_time=None, submission_time=None, dispatch_time=None,
                  finish_time=None)
    values.update(fields)
    return WaitResult(**values)


def test_an_exited_job_is_done_with_its_status_whatever_it_is():
    end = states.observed_end(result(exited=True, exit_status=3, cpu_time=0.5))
    assert (end.observed, end.state, end.exit_status, end.cpu_time) == (
        True, JobState.DONE.value, 3, 0.5)
    assert end.terminating_signal is None


def test_a_signaled_job_is_failed_with_the_signal_and_no_exit_status():
    end = states.observed_end(result(signaled=True, signal="SIGSEGV", core_dumped=True))
    assert (end.state, end.exit_status, end.terminating_signal) == (
        JobState.FAILED.value, None, "SIGSEGV")
    assert "core dumped" in end.annotation


def test_an_aborted_job_or_one_without_any_answer_is_failed_and_annotated():
    aborted = states.observed_end(result(aborted=True))
    assert aborted.state == JobState.FAILED.value and "aborted" in aborted.annotation
    silent = states.observed_end(result())
    assert silent.state == JobState.FAILED.value and silent.exit_status is None
    assert silent.annotation


def test_an_unobserved_end_never_has_an_exit_status():
    forgotten = states.unobserved_end()
    assert (forgotten.observed, forgotten.state, forgotten.sub_state) == (
        False, JobState.UNDETERMINED.value, states.ENDED_UNOBSERVED)
    done = states.unobserved_end(JobState.DONE)
    assert (done.state, done.sub_state) == (JobState.DONE.value, "DRMAA_PS_DONE")
    for end in (forgotten, done, states.unobserved_end(JobState.FAILED)):
        assert end.exit_status is None and end.terminating_signal is None
        assert "exit status" in end.annotation
