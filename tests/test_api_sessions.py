"""Sessions end to end, on every backend: create, open, close, destroy, names, context
managers, closed sessions, and a job session shared with a second process."""
import subprocess
import sys

import pytest

import backends
import drmaa2
from backends import PATIENCE, finished_info, job_template, run
from conftest import ROOT
from drmaa2 import JobState

pytestmark = pytest.mark.usefixtures("backend")


def run_python(script, *args):
    child = subprocess.Popen([sys.executable, "-c", script] + list(args), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    assert child.returncode == 0, err.decode("utf-8", "replace")
    return out.decode("utf-8")


def test_create_job_session_with_a_name_lists_and_destroys_it():
    session = drmaa2.create_job_session("api-named")
    assert isinstance(session, drmaa2.JobSession)
    assert session.session_name == "api-named"
    assert "api-named" in drmaa2.get_job_session_names()
    session.close()
    drmaa2.destroy_job_session("api-named")
    assert "api-named" not in drmaa2.get_job_session_names()


def test_create_job_session_without_a_name_gets_a_unique_one():
    first = drmaa2.create_job_session()
    second = drmaa2.create_job_session()
    assert first.session_name and second.session_name
    assert first.session_name != second.session_name
    assert {first.session_name, second.session_name} <= set(drmaa2.get_job_session_names())
    first.close()
    second.close()


def test_a_session_name_cannot_be_created_twice():
    drmaa2.create_job_session("api-twice").close()
    with pytest.raises(drmaa2.Drmaa2Exception):
        drmaa2.create_job_session("api-twice")


def test_opening_an_unknown_session_raises():
    with pytest.raises(drmaa2.InvalidArgumentException):
        drmaa2.open_job_session("api-never-created")


def test_a_session_is_a_context_manager_that_closes():
    with drmaa2.create_job_session() as session:
        assert not session.closed
        name = session.session_name
    assert session.closed
    assert session.session_name == name
    assert name in drmaa2.get_job_session_names()


def test_a_closed_session_refuses_every_call():
    session = drmaa2.create_job_session()
    session.close()
    template = job_template("/bin/true")
    calls = [
        lambda: session.run_job(template),
        lambda: session.run_bulk_jobs(template, 1, 2, 1),
        lambda: session.get_jobs(),
        lambda: session.get_job_array("1"),
        lambda: session.job_categories,
        lambda: session.close(),
    ]
    for call in calls:
        with pytest.raises(drmaa2.InvalidSessionException):
            call()
    assert "closed" in repr(session)
    drmaa2.destroy_job_session(session.session_name)


def test_jobs_outlive_the_session_object_that_submitted_them():
    with drmaa2.create_job_session() as session:
        job = run(session, "/bin/true")
    assert finished_info(job).exit_status == 0


def test_a_session_reopened_in_this_process_sees_its_jobs_until_destroyed():
    with drmaa2.create_job_session("api-reopen") as session:
        job = run(session, "/bin/sh", "-c", "exit 7")
    assert "api-reopen" in drmaa2.get_job_session_names()
    with drmaa2.open_job_session("api-reopen") as again:
        assert again.get_jobs() == [job]
        found, = again.get_jobs()
        assert finished_info(found).exit_status == 7
        assert found.job_template.args == ["-c", "exit 7"]
    drmaa2.destroy_job_session("api-reopen")
    assert "api-reopen" not in drmaa2.get_job_session_names()
    with pytest.raises(drmaa2.Drmaa2Exception):
        drmaa2.open_job_session("api-reopen")


def test_a_second_process_opens_the_session_and_waits_for_its_jobs(backend):
    with drmaa2.create_job_session("api-shared") as session:
        jobs = [run(session, "/bin/sh", "-c", "sleep 0.2; exit %d" % code) for code in (4, 5)]
        script = (
            "import sys, drmaa2\n"
            "with drmaa2.open_job_session(sys.argv[1]) as session:\n"
            "    for job in sorted(session.get_jobs(), key=lambda job: job.job_id):\n"
            "        job.wait_terminated(drmaa2.INFINITE_TIME)\n"
            "        print('%s %s' % (job.job_id, job.get_info().exit_status))\n"
        )
        out = run_python(script, "api-shared")
        expected = sorted("%s %s" % (job.job_id, backends.exit_status_elsewhere(backend, code))
                          for job, code in zip(jobs, (4, 5)))
        assert sorted(out.split("\n")[:-1]) == expected
        # The submitting process knows the real exit statuses.
        assert [finished_info(job).exit_status for job in jobs] == [4, 5]


def test_jobs_submitted_by_a_second_process_are_seen_here(backend, tmp_path):
    drmaa2.create_job_session("api-from-child").close()
    release = str(tmp_path / "release")
    script = (
        "import sys, drmaa2\n"
        "session = drmaa2.open_job_session(sys.argv[1])\n"
        "job = session.run_job(drmaa2.JobTemplate(remote_command='/bin/sh', args=[\n"
        "    '-c', 'while [ ! -e \"$0\" ]; do sleep 0.01; done; exit 9', sys.argv[2]],\n"
        "    output_path='/dev/null', error_path='/dev/null'))\n"
        "print(job.job_id)\n"
    )
    job_id = run_python(script, "api-from-child", release).strip()
    with drmaa2.open_job_session("api-from-child") as session:
        job, = session.get_jobs()
        assert job.job_id == job_id
        open(release, "w").close()  # the job ends only once it was found here
        job.wait_terminated(PATIENCE)
        info = job.get_info()
        # the state and annotation say why, should the job ever end otherwise
        assert info.exit_status == backends.exit_status_elsewhere(backend, 9), (
            info.job_state, info.annotation, info.terminating_signal)
        assert info.job_state in backends.ended_elsewhere(backend, JobState.DONE)
        assert job.get_state()[0] == info.job_state
        # a backend that cannot know the exit status says so
        assert info.exit_status is not None or "exit status" in info.annotation
    drmaa2.destroy_job_session("api-from-child")


@pytest.mark.needs("reservations")
def test_reservation_sessions_are_created_listed_and_destroyed():
    with drmaa2.create_reservation_session("api-rsession") as session:
        assert isinstance(session, drmaa2.ReservationSession)
        assert session.session_name == "api-rsession"
    assert "api-rsession" in drmaa2.get_reservation_session_names()
    with drmaa2.open_reservation_session("api-rsession") as again:
        assert again.session_name == "api-rsession"
    drmaa2.destroy_reservation_session("api-rsession")
    assert "api-rsession" not in drmaa2.get_reservation_session_names()


@pytest.mark.needs("reservations")
def test_destroy_session_removes_a_job_session_or_a_reservation_session():
    drmaa2.create_job_session("api-destroy-j").close()
    drmaa2.create_reservation_session("api-destroy-r").close()
    drmaa2.destroy_session("api-destroy-j")
    drmaa2.destroy_session("api-destroy-r")
    assert "api-destroy-j" not in drmaa2.get_job_session_names()
    assert "api-destroy-r" not in drmaa2.get_reservation_session_names()
    with pytest.raises(drmaa2.Drmaa2Exception):
        drmaa2.destroy_session("api-destroy-j")


@pytest.mark.needs("reservations")
def test_a_closed_reservation_session_refuses_calls():
    session = drmaa2.create_reservation_session()
    session.close()
    with pytest.raises(drmaa2.InvalidSessionException):
        session.get_reservations()
    with pytest.raises(drmaa2.InvalidSessionException):
        session.request_reservation(drmaa2.ReservationTemplate(min_slots=1))


@pytest.mark.needs("monitoring")
def test_a_monitoring_session_is_a_context_manager():
    with drmaa2.open_monitoring_session() as monitor:
        assert isinstance(monitor, drmaa2.MonitoringSession)
        monitor.get_all_queues()
    assert monitor.closed
    with pytest.raises(drmaa2.InvalidSessionException):
        monitor.get_all_jobs()


@pytest.mark.parametrize("function", [
    drmaa2.create_job_session, drmaa2.open_job_session, drmaa2.destroy_job_session,
    drmaa2.create_reservation_session, drmaa2.open_reservation_session,
    drmaa2.destroy_reservation_session,
    lambda name: drmaa2.destroy_session(session_name=name),
])
def test_a_session_name_that_is_no_string_is_refused(function):
    with pytest.raises(TypeError) as caught:
        function(42)
    assert "session_name" in str(caught.value)


def test_destroy_session_takes_the_reference_name_session_or_session_name():
    for call in (lambda: drmaa2.destroy_session(42),
                 lambda: drmaa2.destroy_session(session=42)):
        with pytest.raises(TypeError) as caught:
            call()
        assert str(caught.value).startswith("session must be a string")
    for call in (lambda: drmaa2.destroy_session(),
                 lambda: drmaa2.destroy_session("a", session_name="a")):
        with pytest.raises(TypeError) as caught:
            call()
        assert "one session name" in str(caught.value)
    for spelling in ("session", "session_name"):
        drmaa2.create_job_session("api-destroy-" + spelling).close()
        drmaa2.destroy_session(**{spelling: "api-destroy-" + spelling})
        assert "api-destroy-" + spelling not in drmaa2.get_job_session_names()


def test_a_session_name_with_nul_is_refused():
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        drmaa2.create_job_session("bad\0name")
    assert "session_name" in str(caught.value)
