"""Jobs end to end, on every backend: submission, every state transition, exit status and
signal, files, environment, working directory, job templates, filters and identity."""
import datetime
import getpass
import os
import socket

import pytest

import backends
import drmaa2
from backends import PATIENCE, finished_info, job_template, run, sleeper, state_after_control
from drmaa2 import JobState, JobTemplate

pytestmark = pytest.mark.usefixtures("backend")


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


def test_a_job_killed_by_a_signal_is_failed_with_that_signal(session, backend):
    info = finished_info(run(session, "/bin/sh", "-c", "kill -KILL $$"))
    assert info.job_state == JobState.FAILED
    assert info.terminating_signal in backends.feature(backend, "signal_name")


def test_a_command_that_does_not_exist_fails_with_an_annotation(session, tmp_path):
    missing = str(tmp_path / "no-such-program")
    info = finished_info(run(session, missing))
    assert info.job_state == JobState.FAILED
    assert info.annotation


def test_output_and_error_files_are_written(session, tmp_path):
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    job = run(session, "/bin/sh", "-c", "echo to-out; echo to-err >&2",
              output_path=str(out), error_path=str(err))
    assert finished_info(job).exit_status == 0
    assert out.read_text() == u"to-out\n"
    assert err.read_text() == u"to-err\n"


def test_join_files_sends_errors_to_the_output_file(session, tmp_path):
    out = tmp_path / "joined.txt"
    job = run(session, "/bin/sh", "-c", "echo one; sleep 0.1; echo two >&2",
              output_path=str(out), join_files=True)
    finished_info(job)
    assert out.read_text() == u"one\ntwo\n"


def test_input_file_is_the_standard_input(session, tmp_path):
    source, out = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text(u"from the input file\n")
    job = run(session, "/bin/cat", input_path=str(source), output_path=str(out))
    assert finished_info(job).exit_status == 0
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
    out, printed = tmp_path / "out.txt", tmp_path / "printed.txt"
    job = run(session, "/bin/echo", "$HOME", "a b", "*;", output_path=str(out))
    arguments = ["$HOME", "a;b", "it's", "*", "two words", "$(id)", "`id`"]
    printf = run(session, "/usr/bin/printf", "[%s]\\n", *arguments, output_path=str(printed))
    finished_info(job)
    assert out.read_text() == u"$HOME a b *;\n"
    assert finished_info(printf).exit_status == 0
    assert printed.read_text() == u"".join(u"[%s]\n" % a for a in arguments)


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
        job.wait_started(0.5)
    job.release()
    assert finished_info(job).job_state == JobState.DONE


@pytest.mark.stub_only  # a job stays queued on the stub's one slot only
def test_hold_and_release_a_queued_job(session, monkeypatch):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "1")
    blocker = sleeper(session)
    blocker.wait_started(PATIENCE)
    queued = run(session, "/bin/true")
    assert queued.get_state()[0] == JobState.QUEUED
    queued.hold()
    assert queued.get_state()[0] == JobState.QUEUED_HELD
    queued.release()
    assert queued.get_state()[0] == JobState.QUEUED
    blocker.terminate()
    assert finished_info(queued).job_state == JobState.DONE


@pytest.mark.stub_only  # the stub's slot count
def test_a_job_beyond_the_free_slots_stays_queued_until_one_frees(session, monkeypatch):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "1")
    first = sleeper(session)
    first.wait_started(PATIENCE)
    second = run(session, "/bin/true")
    with pytest.raises(drmaa2.TimeoutException):
        second.wait_started(0.3)
    assert second.get_state()[0] == JobState.QUEUED
    first.terminate()
    assert finished_info(second).job_state == JobState.DONE
    assert first.get_info().job_state == JobState.FAILED


def test_suspend_and_resume_a_running_job(session, backend):
    job = sleeper(session)
    job.wait_started(PATIENCE)
    assert job.get_state()[0] == JobState.RUNNING
    job.suspend()
    assert state_after_control(backend, job, JobState.SUSPENDED) == JobState.SUSPENDED
    job.resume()
    assert state_after_control(backend, job, JobState.RUNNING) == JobState.RUNNING
    job.terminate()
    assert finished_info(job).job_state == JobState.FAILED
    with pytest.raises(drmaa2.InvalidStateException):
        job.suspend()


def test_terminate_ends_a_running_job_as_failed(session):
    job = sleeper(session)
    job.wait_started(PATIENCE)
    job.terminate()
    info = finished_info(job)
    assert info.job_state == JobState.FAILED
    assert info.exit_status != 0 or info.terminating_signal


def test_a_held_job_can_be_terminated(session):
    job = run(session, "/bin/true", submit_as_hold=True)
    job.terminate()
    assert finished_info(job).job_state == JobState.FAILED


def test_operations_in_the_wrong_state_raise_invalid_state(session):
    job = run(session, "/bin/true")
    finished_info(job)
    with pytest.raises(drmaa2.InvalidStateException):
        job.suspend()
    with pytest.raises(drmaa2.InvalidStateException):
        job.release()


def test_a_reaped_job_is_forgotten(session, backend):
    job = run(session, "/bin/true")
    finished_info(job)
    if not backends.reaped(backend, job):
        assert session.get_jobs() == [job]   # a library without reap keeps it
        return
    assert job not in session.get_jobs()
    assert session.get_jobs() == []
    with pytest.raises(drmaa2.InvalidArgumentException):
        job.get_info()
    with pytest.raises(drmaa2.InvalidArgumentException):
        job.get_state()


def test_only_ended_jobs_can_be_reaped(session, backend):
    queued = sleeper(session)
    with pytest.raises(backends.refused_reap(backend)):
        queued.reap()  # queued or running: not ended
    job = sleeper(session)
    job.wait_started(PATIENCE)
    with pytest.raises(backends.refused_reap(backend)):
        job.reap()
    job.terminate()
    job.wait_terminated(PATIENCE)
    if backends.reaped(backend, job):
        assert job not in session.get_jobs()


def test_get_jobs_lists_the_sessions_jobs_and_filters_them(session):
    done = run(session, "/bin/true")
    finished_info(done)
    running = sleeper(session)
    held = run(session, "/bin/true", submit_as_hold=True)
    running.wait_started(PATIENCE)
    assert set(session.get_jobs()) == {done, running, held}
    assert session.get_jobs(drmaa2.JobInfo(job_state=JobState.RUNNING)) == [running]
    assert session.get_jobs(drmaa2.JobInfo(job_state=JobState.QUEUED_HELD)) == [held]
    assert session.get_jobs({"jobState": JobState.DONE}) == [done]
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


@pytest.mark.stub_only
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


@pytest.mark.stub_only
def test_job_info_carries_the_peak_memory_of_the_stub(session):
    assert "stub_max_rss_kib" in drmaa2.job_info_impl_spec
    info = finished_info(run(session, "/bin/true"))
    assert int(info.stub_max_rss_kib) > 0


def test_run_job_takes_a_dict_of_template_fields(session):
    job = session.run_job({"remoteCommand": "/bin/sh", "args": ["-c", "exit 6"],
                           "outputPath": "/dev/null", "errorPath": "/dev/null"})
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


def test_job_info_describes_the_finished_job(session, backend):
    job = run(session, "/bin/sleep", "0.2", job_name="described")
    info = finished_info(job)
    assert info.job_name == ("described" if backends.feature(backend, "job_info_job_name")
                             else None)
    assert info.job_owner == getpass.getuser()
    assert info.submission_machine == socket.gethostname()
    placement = {"allocated_machines": [socket.gethostname()], "slots": 1,
                 "queue_name": backends.feature(backend, "queue")}
    told = backends.feature(backend, "placement")
    assert dict((field, getattr(info, field)) for field in placement) == dict(
        (field, value if field in told else None) for field, value in placement.items())
    resolution = backends.feature(backend, "time_resolution")
    assert info.submission_time <= info.dispatch_time + resolution
    assert info.dispatch_time <= info.finish_time
    assert info.wallclock_time >= datetime.timedelta(0)
    assert info.cpu_time >= datetime.timedelta(0)


def test_contact_and_name_of_a_session(session, backend):
    assert session.session_name in drmaa2.get_job_session_names()
    assert session.contact is None or isinstance(session.contact, str)
    contact = backends.feature(backend, "contact")
    with drmaa2.create_job_session("api-contact", contact) as other:
        assert other.contact == contact
        assert other.session_name == "api-contact"


def test_the_job_name_and_queue_asked_for_are_used(session, backend):
    job = run(session, "/bin/true", job_name="api-named",
              queue_name=backends.feature(backend, "queue"))
    info = finished_info(job)
    assert info.job_state == JobState.DONE
    assert info.job_name == ("api-named" if backends.feature(backend, "job_info_job_name")
                             else None)


def test_a_job_without_remote_command_is_refused(session):
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        session.run_job(JobTemplate(args=["x"]))
    assert "remote" in str(caught.value).lower()


def test_staging_files_is_refused_naming_the_attribute(session, tmp_path):
    jt = job_template("/bin/true", stage_out_files={"out": str(tmp_path / "o")})
    with pytest.raises(drmaa2.UnsupportedAttributeException) as caught:
        session.run_job(jt)
    assert "stage" in str(caught.value).lower()
