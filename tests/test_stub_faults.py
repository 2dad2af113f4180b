"""The stub under hostile use: jobs whose files block, supervisors stopped or unable to
write, a state directory removed or replaced under an open session, bad settings and
corrupt stores.  Each test fails without the stub's fix it is named after."""
import ctypes
import ctypes.util
import datetime
import os
import shutil
import signal
import sqlite3
import stat
import time

import pytest

import drmaa2
from drmaa2 import JobState, JobTemplate


@pytest.fixture
def session():
    job_session = drmaa2.create_job_session()
    yield job_session
    try:
        drmaa2.destroy_job_session(job_session.session_name)  # terminates what still runs
    except drmaa2.InvalidArgumentException:
        pass  # the tests that remove the state directory removed the session with it


def store_value(state_dir, sql, *args):
    """One value read from the stub's store (as the stub's own processes see it)."""
    connection = sqlite3.connect(os.path.join(str(state_dir), "jobs.db"), timeout=60)
    try:
        row = connection.execute(sql, args).fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def supervisor_of(state_dir, job, timeout=30):
    """The pid of the job's supervising process, once it has one."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        pid = store_value(state_dir, "SELECT sup_pid FROM jobs WHERE id = ?", int(job.job_id))
        if pid:
            return pid
        time.sleep(0.02)
    pytest.fail("job %s got no supervising process within %d s" % (job.job_id, timeout))


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (IOError, OSError):
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def wait_blocked_in_open(supervisor, timeout=30):
    """Wait until the job process of ``supervisor`` sleeps (in its open() of a FIFO)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for child in children_of(supervisor):
            try:
                with open("/proc/%d/stat" % child) as handle:
                    state = handle.read().rsplit(")", 1)[1].split()[0]
                with open("/proc/%d/syscall" % child) as handle:
                    syscall = handle.read().split()[0]
            except (IOError, OSError):
                continue
            # 257 is openat on x86-64, 56 on arm64; 2 is open on x86-64
            if state == "S" and syscall in ("2", "56", "257"):
                return child
        time.sleep(0.02)
    pytest.fail("the job process of supervisor %d never blocked in open()" % supervisor)


# ------------------------------------------------- a FIFO with nothing at the other end

@pytest.mark.parametrize("field", ["input_path", "output_path", "error_path"])
def test_terminate_ends_a_job_blocked_opening_a_fifo_and_frees_its_slot(
        session, stub_state_dir, tmp_path, monkeypatch, field):
    monkeypatch.setenv("DRMAA2_STUB_SLOTS", "1")
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    blocked = session.run_job(JobTemplate(remote_command="/bin/true", **{field: fifo}))
    wait_blocked_in_open(supervisor_of(stub_state_dir, blocked))
    queued = session.run_job(JobTemplate(remote_command="/bin/true"))
    assert queued.get_state()[0] is JobState.QUEUED  # the one slot is held
    blocked.terminate()
    blocked.wait_terminated(30)
    info = blocked.get_info()
    assert info.job_state is JobState.FAILED
    assert "terminated on request" in info.annotation
    assert "FIFO" in info.annotation and fifo in info.annotation, info.annotation
    queued.wait_terminated(30)  # the slot was freed
    assert queued.get_info().exit_status == 0


# ------------------------------------------------------------ a stopped supervisor

def test_terminate_ends_a_job_whose_supervisor_was_stopped(session, stub_state_dir):
    job = session.run_job(JobTemplate(remote_command="/bin/sleep", args=["60"]))
    job.wait_started(30)
    supervisor = supervisor_of(stub_state_dir, job)
    os.kill(supervisor, signal.SIGSTOP)
    try:
        job.terminate()
        job.wait_terminated(20)
    finally:
        try:
            os.kill(supervisor, signal.SIGCONT)
        except OSError:
            pass  # it has ended its job and exited
    assert job.get_info().job_state is JobState.FAILED


# ------------------------------------------------ a supervisor that cannot write

class _Rlimit(ctypes.Structure):
    _fields_ = [("rlim_cur", ctypes.c_ulong), ("rlim_max", ctypes.c_ulong)]


def limit_file_size(pid, limit):
    """RLIMIT_FSIZE of another process (prlimit(2)): its writes beyond ``limit`` fail."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    new = _Rlimit(limit, limit)
    rlimit_fsize = 1
    if libc.prlimit(pid, rlimit_fsize, ctypes.byref(new), None) != 0:
        pytest.fail("prlimit(%d): %s" % (pid, os.strerror(ctypes.get_errno())))


def test_the_exit_status_survives_a_supervisor_that_cannot_write_to_the_store(
        session, stub_state_dir, tmp_path):
    # As on a full disk: the supervisor can write no further into the store's files
    # (the file size limit also sends it SIGXFSZ, which used to kill it).  The job ends
    # once the limit is set.
    release = str(tmp_path / "release")
    job = session.run_job(JobTemplate(remote_command="/bin/sh", args=[
        "-c", 'while [ ! -e "$0" ]; do sleep 0.01; done; exit 3', release]))
    job.wait_started(30)
    limit_file_size(supervisor_of(stub_state_dir, job), 4096)
    open(release, "w").close()
    job.wait_terminated(60)
    info = job.get_info()
    assert (info.job_state, info.exit_status) == (JobState.DONE, 3), info.annotation
    assert "could not write to the job store" in info.annotation


# ------------------------------------------- the state directory removed or replaced

def test_calls_on_a_removed_store_fail_naming_the_directory(session, stub_state_dir):
    running = session.run_job(JobTemplate(remote_command="/bin/sleep", args=["1"]))
    held = session.run_job(JobTemplate(remote_command="/bin/true", submit_as_hold=True))
    running.wait_started(30)
    shutil.rmtree(str(stub_state_dir))
    calls = [lambda: session.run_job(JobTemplate(remote_command="/bin/true")),
             lambda: session.run_bulk_jobs(JobTemplate(remote_command="/bin/true"), 1, 3, 1),
             held.release, session.get_jobs, running.get_state, running.get_info,
             lambda: running.wait_terminated(5)]
    for call in calls:
        with pytest.raises(drmaa2.InternalException) as caught:
            call()
        assert str(stub_state_dir) in str(caught.value)
        assert "removed or replaced" in str(caught.value)


def test_a_store_made_anew_in_its_place_is_not_written_into(session, stub_state_dir):
    job = session.run_job(JobTemplate(remote_command="/bin/true", submit_as_hold=True))
    shutil.rmtree(str(stub_state_dir))
    with drmaa2.create_job_session("anew") as other:  # a new store, the same directory
        with pytest.raises(drmaa2.InternalException):
            job.release()
        with pytest.raises(drmaa2.InternalException):
            session.run_job(JobTemplate(remote_command="/bin/true"))
        fresh = other.run_job(JobTemplate(remote_command="/bin/true"))
        fresh.wait_terminated(30)
        assert fresh.get_info().exit_status == 0
        assert [j.job_id for j in other.get_jobs()] == [fresh.job_id]
    drmaa2.destroy_job_session("anew")


# ------------------------------------------------------------ settings and stores

@pytest.mark.parametrize("grace", ["-5", "abc", "99999", "inf", "1e3"])
def test_a_bad_kill_grace_is_refused_naming_it(session, monkeypatch, grace):
    template = JobTemplate(remote_command="/bin/sleep", args=["60"])
    job = session.run_job(template)
    job.wait_started(30)
    monkeypatch.setenv("DRMAA2_STUB_KILL_GRACE", grace)
    for call in (lambda: session.run_job(template), job.terminate):
        with pytest.raises(drmaa2.InvalidArgumentException) as caught:
            call()
        assert "DRMAA2_STUB_KILL_GRACE" in str(caught.value)
        assert grace in str(caught.value)
    monkeypatch.setenv("DRMAA2_STUB_KILL_GRACE", "0.5")
    job.terminate()
    job.wait_terminated(30)


def test_a_script_whose_interpreter_is_missing_names_the_interpreter(session, tmp_path):
    script = tmp_path / "script"
    script.write_text(u"#!/no/such/interpreter -x\necho never\n")
    os.chmod(str(script), stat.S_IRWXU)
    job = session.run_job(JobTemplate(remote_command=str(script)))
    job.wait_terminated(30)
    info = job.get_info()
    assert info.job_state is JobState.FAILED
    assert "'/no/such/interpreter'" in info.annotation and str(script) in info.annotation


def test_a_missing_command_is_still_not_found(session):
    job = session.run_job(JobTemplate(remote_command="no-such-command-anywhere"))
    job.wait_terminated(30)
    assert "command not found: 'no-such-command-anywhere'" in job.get_info().annotation


def test_a_zero_length_store_is_refused(stub_state_dir):
    os.mkdir(str(stub_state_dir), 0o700)
    open(os.path.join(str(stub_state_dir), "jobs.db"), "w").close()
    with pytest.raises(drmaa2.DeniedByDrmsException) as caught:
        drmaa2.create_job_session("lost")
    assert os.path.join(str(stub_state_dir), "jobs.db") in str(caught.value)
    assert "zero length" in str(caught.value)
    assert os.path.getsize(os.path.join(str(stub_state_dir), "jobs.db")) == 0


def test_a_job_array_beyond_the_cap_is_refused_naming_it(session):
    # The cap is what one uninterruptible transaction does in about a second.
    template = JobTemplate(remote_command="/bin/true", submit_as_hold=True)
    with pytest.raises(drmaa2.InvalidArgumentException) as caught:
        session.run_bulk_jobs(template, 1, 100001, 1)
    assert "at most 100000 tasks" in str(caught.value)
    assert "100001" in str(caught.value)
    assert session.get_jobs() == []  # none of it


def bytes_read():
    """What this process has read through read(2) and pread(2) so far."""
    with open("/proc/self/io") as handle:
        return dict(line.split(": ") for line in handle.read().splitlines())["rchar"]


def test_requesting_a_reservation_does_not_look_at_ended_ones(stub_state_dir):
    # The work of a request must not grow with history: ended reservations with big
    # templates (20 MB in all) are never read, only the few in force.
    template = drmaa2.ReservationTemplate(duration=datetime.timedelta(hours=1), min_slots=1)
    with drmaa2.create_reservation_session("history") as session:
        session.request_reservation(template).terminate()
        connection = sqlite3.connect(os.path.join(str(stub_state_dir), "jobs.db"), timeout=60)
        with connection:
            past = time.time() - 7200
            connection.executemany(
                "INSERT INTO reservations (session, owner, rt, start_time, end_time, slots, "
                "terminated) VALUES ('history', ?, ?, ?, ?, 1, ?)",
                [(os.getuid(), sqlite3.Binary(b"\0" * (512 * 1024)), past, past + 60,
                  past + 30 if index % 2 else None) for index in range(40)])
        connection.close()
        before = int(bytes_read())
        session.request_reservation(template).terminate()
        assert int(bytes_read()) - before < 4 * 1024 * 1024
    drmaa2.destroy_reservation_session("history")
