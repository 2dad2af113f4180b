"""Jobs end to end against the stub: submission, every state transition, exit status and
signal, files, environment, working directory, job templates, filters and identity."""
import datetime
import getpass
import os
import signal
import socket

import pytest

import drmaa2
from drmaa2 import JobState, JobTemplate


@pytest.fixture
def session():
    job_session = drmaa2.create_job_session()
    yield job_session
    if not job_session.closed:
        for job in job_session.get_jobs():
            if job.get_state()[0] not in (JobState.DONE, JobState.FAILED):
                try:
                    job.terminate()
                except drmaa2.InvalidStateException:
                    pass  # it ended meanwhile
        job_session.close()
    drmaa2.destroy_job_session(job_session.session_name)


def run(session, *command, **template_fields):
    template = JobTemplate(remote_command=command[0], args=list(command[1:]),
                           **template_fields)
    return session.run_job(template)


def finished_info(job):
    job.wait_terminated(30)
    return job.get_info()


def test_a_job_runs_to_done_with_exit_status_zero(session):
    job = run(session, "/bin/true")
    info = finished_info(job)
    assert job.get_state()[0] == JobState.DONE
    assert info.job_state == JobState.DONE
    assert info.exit_status == 0
    assert info.job_id == job.job_id
    assert job.session_name == session.session_name


def test_exit_status_of_a_failing_command_is_reported(session):
    info = finished_info(run(session, "/bin/sh", "-c", "exit 3"))
    assert info.job_state == JobState.DONE
    assert info.exit_status == 3


def test_a_job_killed_by_a_signal_is_failed_with_that_signal(session):
    info = finished_info(run(session, "/bin/sh", "-c", "kill -KILL $$"))
    assert info.job_state == JobState.FAILED
    assert info.terminating_signal in ("SIGKILL", "KILL", str(int(signal.SIGKILL)))


def test_a_command_that_does_not_exist_fails_with_an_annotation(session, tmp_path):
    missing = str(tmp_path / "no-such-program")
    info = finished_info(run(session, missing))
    assert info.job_state == JobState.FAILED
    assert info.annotation


def test_output_and_error_files_are_written(session, tmp_path):
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    job = run(session, "/bin/sh", "-c", "echo to-out; echo to-err >&2",
              output_path=str(out), error_path=str(err))
    finished_info(job)
    assert out.read_text() == u"to-out\n"
    assert err.read_text() == u"to-err\n"


def test_join_files_sends_errors_to_the_output_file(session, tmp_path):
    out = tmp_path / "joined.txt"
    job = run(session, "/bin/sh", "-c", "echo one; echo two >&2",
              output_path=str(out), join_files=True)
    finished_info(job)
    assert out.read_text() == u"one\ntwo\n"


def test_input_file_is_the_standard_input(session, tmp_path):
    source, out = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text(u"from the input file\n")
    job = run(session, "/bin/cat", input_path=str(source), output_path=str(out))
    finished_info(job)
    assert out.read_text() == u"from the input file\n"


def test_environment_and_working_directory_reach_the_job(session, tmp_path):
    workdir = tmp_path / "work"
    workdir.mkdir()
    job = run(session, "/bin/sh", "-c", 'echo "$GREETING" > result; pwd >> result',
              job_environment={"GREETING": "hello job"}, working_directory=str(workdir))
    assert finished_info(job).exit_status == 0
    lines = (workdir / "result").read_text().splitlines()
    assert lines[0] == u"hello job"
    assert os.path.realpath(lines[1]) == os.path.realpath(str(workdir))


def test_arguments_are_passed_without_any_shell(session, tmp_path):
    out = tmp_path / "out.txt"
    job = run(session, "/bin/echo", "$HOME", "a b", "*;", output_path=str(out))
    finished_info(job)
    assert out.read_text() == u"$HOME a b *;\n"


def test_job_template_reads_back(session):
    job = run(session, "/bin/echo", "x", "y", job_name="readback")
    template = job.job_template
    assert template.remote_command == "/bin/echo"
    assert list(template.args) == ["x", "y"]
    assert template.job_name == "readback"
    finished_info(job)


def test_submit_as_hold_waits_for_release(session):
    job = run(session, "/bin/true", submit_as_hold=True)
    assert job.get_state()[0] == JobState.QUEUED_HELD
    with pytest.raises(drmaa2.TimeoutException):
        job.wait_started(0.2)
    job.release()
    assert finished_info(job).job_state == JobState.DONE


def test_hold_and_release_a_queued_job(session, monkeypatch):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "1")
    blocker = run(session, "/bin/sleep", "30")
    blocker.wait_started(30)
    queued = run(session, "/bin/true")
    assert queued.get_state()[0] == JobState.QUEUED
    queued.hold()
    assert queued.get_state()[0] == JobState.QUEUED_HELD
    queued.release()
    assert queued.get_state()[0] == JobState.QUEUED
    blocker.terminate()
    assert finished_info(queued).job_state == JobState.DONE


def test_a_job_beyond_the_free_slots_stays_queued_until_one_frees(session, monkeypatch):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "1")
    first = run(session, "/bin/sleep", "30")
    first.wait_started(30)
    second = run(session, "/bin/true")
    with pytest.raises(drmaa2.TimeoutException):
        second.wait_started(0.3)
    assert second.get_state()[0] == JobState.QUEUED
    first.terminate()
    assert finished_info(second).job_state == JobState.DONE
    assert first.get_info().job_state == JobState.FAILED


def test_suspend_and_resume_a_running_job(session):
    job = run(session, "/bin/sleep", "30")
    job.wait_started(30)
    assert job.get_state()[0] == JobState.RUNNING
    job.suspend()
    assert job.get_state()[0] == JobState.SUSPENDED
    job.resume()
    assert job.get_state()[0] == JobState.RUNNING
    job.terminate()
    assert finished_info(job).job_state == JobState.FAILED


def test_terminate_ends_a_running_job_as_failed(session):
    job = run(session, "/bin/sleep", "30")
    job.wait_started(30)
    job.terminate()
    info = finished_info(job)
    assert info.job_state == JobState.FAILED
    assert info.exit_status != 0 or info.terminating_signal


def test_operations_in_the_wrong_state_raise_invalid_state(session):
    job = run(session, "/bin/true")
    finished_info(job)
    with pytest.raises(drmaa2.InvalidStateException):
        job.suspend()
    with pytest.raises(drmaa2.InvalidStateException):
        job.release()


def test_a_reaped_job_is_forgotten(session):
    job = run(session, "/bin/true")
    finished_info(job)
    job.reap()
    assert job not in session.get_jobs()
    with pytest.raises(drmaa2.InvalidArgumentException):
        job.get_info()


def test_a_running_job_cannot_be_reaped(session):
    job = run(session, "/bin/sleep", "30")
    job.wait_started(30)
    with pytest.raises(drmaa2.InvalidStateException):
        job.reap()
    job.terminate()


def test_get_jobs_lists_the_sessions_jobs_and_filters_them(session):
    done = run(session, "/bin/true")
    finished_info(done)
    running = run(session, "/bin/sleep", "30")
    running.wait_started(30)
    assert set(session.get_jobs()) == {done, running}
    assert session.get_jobs(drmaa2.JobInfo(job_state=JobState.RUNNING)) == [running]
    assert session.get_jobs({"jobId": done.job_id}) == [done]
    assert session.get_jobs(drmaa2.JobInfo(job_id="no-such-job")) == []
    running.terminate()


def test_jobs_are_equal_by_id_and_session(session):
    job = run(session, "/bin/true")
    again, = session.get_jobs(drmaa2.JobInfo(job_id=job.job_id))
    assert again is not job
    assert again == job and not (again != job)
    assert hash(again) == hash(job)
    assert len({job, again}) == 1
    other = run(session, "/bin/true")
    assert other != job
    finished_info(job)
    finished_info(other)


def test_job_categories_are_a_list_of_strings(session):
    categories = session.job_categories
    assert isinstance(categories, list)
    assert all(isinstance(name, str) for name in categories)


def test_the_stub_nice_attribute_runs_the_job_niced(session, tmp_path):
    assert "stub_nice" in drmaa2.job_template_impl_spec
    out = tmp_path / "nice.txt"
    template = JobTemplate(remote_command="/bin/sh", args=["-c", "nice"],
                           output_path=str(out))
    template.stub_nice = "7"
    job = session.run_job(template)
    finished_info(job)
    assert int(out.read_text()) == os.nice(0) + 7
    assert job.job_template.stub_nice == "7"


def test_job_info_carries_the_peak_memory_of_the_stub(session):
    assert "stub_max_rss_kib" in drmaa2.job_info_impl_spec
    info = finished_info(run(session, "/bin/true"))
    assert int(info.stub_max_rss_kib) > 0


def test_run_job_takes_a_dict_of_template_fields(session):
    job = session.run_job({"remoteCommand": "/bin/sh", "args": ["-c", "exit 6"]})
    assert finished_info(job).exit_status == 6


@pytest.mark.parametrize("template, error", [
    ("/bin/true", TypeError), (None, TypeError), (drmaa2.JobInfo(), TypeError),
    ({"remote_command": "/bin/true", "no_such_field": 1}, drmaa2.InvalidArgumentException),
])
def test_run_job_refuses_what_is_no_job_template(session, template, error):
    with pytest.raises(error) as caught:
        session.run_job(template)
    assert "job_template" in str(caught.value) or "no_such_field" in str(caught.value)
    assert session.get_jobs() == []


def test_get_jobs_and_get_job_array_check_their_arguments(session):
    with pytest.raises(TypeError) as caught:
        session.get_jobs(JobTemplate(remote_command="/bin/true"))
    assert "filter" in str(caught.value)
    with pytest.raises(TypeError) as caught:
        session.get_job_array(12)
    assert "job_array_id" in str(caught.value)


def test_job_info_describes_the_finished_job(session):
    job = run(session, "/bin/sleep", "0.2", job_name="described")
    info = finished_info(job)
    assert info.job_name == "described"
    assert info.job_owner == getpass.getuser()
    assert info.submission_machine == socket.gethostname()
    assert info.allocated_machines == [socket.gethostname()]
    assert info.slots == 1
    assert info.queue_name == "local"
    assert info.submission_time <= info.dispatch_time <= info.finish_time
    assert info.wallclock_time >= datetime.timedelta(0)
    assert info.cpu_time >= datetime.timedelta(0)


def test_contact_and_name_of_a_session(session):
    assert session.session_name in drmaa2.get_job_session_names()
    assert session.contact is None or isinstance(session.contact, str)
    with drmaa2.create_job_session("api-contact", "my-contact") as other:
        assert other.contact == "my-contact"
        assert other.session_name == "api-contact"
