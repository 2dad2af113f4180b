"""Job arrays end to end, on every backend: indices, PARAMETRIC_INDEX, max_parallel,
array-wide control, and the checks of run_bulk_jobs' arguments."""
import pytest

import backends
import drmaa2
from backends import PATIENCE, job_template, state_after_control
from drmaa2 import PARAMETRIC_INDEX, JobState

pytestmark = pytest.mark.usefixtures("backend")


def wait_all(jobs):
    for job in jobs:
        job.wait_terminated(PATIENCE)


def states_after_control(backend, jobs, wanted):
    return [state_after_control(backend, job, wanted) for job in jobs]


def test_bulk_jobs_get_their_index_in_the_paths(session, tmp_path):
    tmp_path = tmp_path / "outputs"
    tmp_path.mkdir()
    template = job_template("/bin/sh", "-c", "echo task",
                            output_path=str(tmp_path / ("out." + PARAMETRIC_INDEX)),
                            join_files=True)
    array = session.run_bulk_jobs(template, 2, 8, 3, max_parallel=2)
    assert isinstance(array, drmaa2.JobArray)
    jobs = array.jobs
    assert len(jobs) == 3
    wait_all(jobs)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.2", "out.5", "out.8"]
    assert all((tmp_path / name).read_text() == u"task\n"
               for name in ("out.2", "out.5", "out.8"))
    assert all(job.get_info().exit_status == 0 for job in jobs)
    assert array.job_template.remote_command == "/bin/sh"


def test_an_array_is_found_again_by_its_id(session):
    array = session.run_bulk_jobs(job_template("/bin/true"), 1, 2, 1)
    again = session.get_job_array(array.job_array_id)
    assert again == array and hash(again) == hash(array)
    assert set(again.jobs) == set(array.jobs)
    assert again.session_name == session.session_name
    assert again.job_template.remote_command == "/bin/true"
    assert set(array.jobs) <= set(session.get_jobs())
    wait_all(array.jobs)


def test_max_parallel_limits_the_running_jobs_of_the_array(session, monkeypatch):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "8")  # slots to spare: only the limit holds jobs
    template = job_template("/bin/sleep", "30")
    array = session.run_bulk_jobs(template, 1, 4, 1, max_parallel=2)
    jobs = array.jobs
    started = [session.wait_any_started(jobs, PATIENCE)]
    started.append(session.wait_any_started([job for job in jobs if job not in started],
                                            PATIENCE))
    waiting = [job for job in jobs if job not in started]
    with pytest.raises(drmaa2.TimeoutException):
        session.wait_any_started(waiting, 0.5)
    assert [job.get_state()[0] for job in waiting] == [JobState.QUEUED] * 2
    started[0].terminate()
    next_one = session.wait_any_started(waiting, PATIENCE)
    assert next_one.get_state()[0] == JobState.RUNNING
    assert [job for job in waiting if job != next_one][0].get_state()[0] == JobState.QUEUED
    array.terminate()
    wait_all(jobs)
    assert all(job.get_state()[0] == JobState.FAILED for job in jobs)


def test_array_wide_hold_release_suspend_resume_terminate_reap(session, backend):
    held = session.run_bulk_jobs(job_template("/bin/true", submit_as_hold=True), 1, 3, 1)
    assert [job.get_state()[0] for job in held.jobs] == [JobState.QUEUED_HELD] * 3
    held.release()
    wait_all(held.jobs)
    assert [job.get_state()[0] for job in held.jobs] == [JobState.DONE] * 3
    if backends.reaped(backend, held):
        assert session.get_jobs() == []

    sleeping = session.run_bulk_jobs(job_template("/bin/sleep", "30"), 1, 2, 1)
    for job in sleeping.jobs:
        job.wait_started(PATIENCE)
    sleeping.suspend()
    assert states_after_control(backend, sleeping.jobs, JobState.SUSPENDED) \
        == [JobState.SUSPENDED] * 2
    sleeping.resume()
    assert states_after_control(backend, sleeping.jobs, JobState.RUNNING) \
        == [JobState.RUNNING] * 2
    sleeping.terminate()
    wait_all(sleeping.jobs)
    assert [job.get_state()[0] for job in sleeping.jobs] == [JobState.FAILED] * 2


@pytest.mark.parametrize("arguments, error, named", [
    ((0, 3, 1), drmaa2.InvalidArgumentException, "begin_index"),
    ((3, 2, 1), drmaa2.InvalidArgumentException, "end_index"),
    ((1, 3, 0), drmaa2.InvalidArgumentException, "step"),
    ((1, 3, 1, 0), drmaa2.InvalidArgumentException, "max_parallel"),
    (("1", 3, 1), TypeError, "begin_index"),
    ((1, 3.0, 1), TypeError, "end_index"),
    ((1, 3, True), TypeError, "step"),
    ((1, 3, 1, "2"), TypeError, "max_parallel"),
])
def test_bad_indices_are_refused_naming_the_argument(session, arguments, error, named):
    template = job_template("/bin/true")
    with pytest.raises(error) as caught:
        session.run_bulk_jobs(template, *arguments)
    assert named in str(caught.value)
    assert session.get_jobs() == []


def test_an_unknown_array_id_raises_invalid_argument(session):
    with pytest.raises(drmaa2.InvalidArgumentException):
        session.get_job_array("no-such-array")


def test_a_job_array_is_terminated_as_a_whole(session):
    array = session.run_bulk_jobs(job_template("/bin/sleep", "60"), 1, 2, 1)
    array.terminate()
    wait_all(array.jobs)
    assert [job.get_info().job_state for job in array.jobs] == [JobState.FAILED] * 2
