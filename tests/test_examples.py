"""Every script of examples/ runs against the stub library, exits 0, says what it did, and
leaves no session behind."""
import os
import re
import socket
import subprocess
import sys
import threading

import pytest

import drmaa2
from conftest import ROOT

EXAMPLES = os.path.join(ROOT, "examples")

#: Seconds after which a hanging example is killed (the test then fails); each example
#: takes about a second.
HANG_LIMIT = 60


def run_python(arguments, library):
    """Run this interpreter with ``arguments`` on the source tree's drmaa2 and ``library``
    (the stub's state directory is the test's own, from the environment); return (exit
    status, output)."""
    env = dict(os.environ)
    env["DRMAA2_LIBRARY_PATH"] = library
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    process = subprocess.Popen([sys.executable] + arguments, cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    watchdog = threading.Timer(HANG_LIMIT, process.kill)
    watchdog.start()
    try:
        output, _ = process.communicate()
    finally:
        watchdog.cancel()
    return process.returncode, output.decode("utf-8", "replace")


def run_example(name, stub_library):
    """Run examples/<name>; fail unless it exits 0; return its output."""
    status, output = run_python([os.path.join(EXAMPLES, name)], stub_library)
    assert status == 0, "%s exited with %s:\n%s" % (name, status, output)
    return output


def sessions_left(stub_library):
    """The job and reservation session names in the test's stub state, asked in this
    process (of the same library: the store is the state directory's)."""
    assert os.path.realpath(drmaa2.library_path()) == os.path.realpath(stub_library)
    return [sorted(drmaa2.get_job_session_names()),
            sorted(drmaa2.get_reservation_session_names())]


def lines_matching(pattern, output):
    return [match.groups() for match in re.finditer(pattern, output, re.M)]


@pytest.fixture
def example(stub_library):
    """Runs an example; after the test, checks it destroyed every session it made."""
    ran = []

    def run(name):
        ran.append(name)
        return run_example(name, stub_library)

    yield run
    assert ran and sessions_left(stub_library) == [[], []]


TESTED = ["quickstart.py", "run_job.py", "job_array.py", "wait_any.py", "suspend_resume.py",
          "reservations.py", "monitoring.py", "events.py", "executor.py"]


def test_every_example_has_a_test():
    assert sorted(name for name in os.listdir(EXAMPLES) if name.endswith(".py")) \
        == sorted(TESTED)


@pytest.mark.parametrize("name", TESTED)
def test_examples_use_only_the_public_api(name):
    with open(os.path.join(EXAMPLES, name)) as source:
        text = source.read()
    imports = re.findall(r"^\s*(?:import|from)\s+(\S+)", text, re.M)
    assert "drmaa2" in imports
    assert [module for module in imports if module.startswith("drmaa2.")
            and module != "drmaa2.executor"] == []
    assert not re.search(r"drmaa2\._", text)


def test_quickstart_runs_a_job_and_reports_its_end(example):
    output = example("quickstart.py")
    submitted = lines_matching(r"^Submitted job (\S+): /bin/sleep 0.5, in job session (\S+)$",
                               output)
    assert len(submitted) == 1
    job_id = submitted[0][0]
    assert "Job %s finished: state DONE, exit status 0" % job_id in output
    assert "libdrmaa2.so" in output


def test_quickstart_without_a_library_says_how_to_get_one(tmp_path):
    missing = str(tmp_path / "libdrmaa2.so")
    status, output = run_python([os.path.join(EXAMPLES, "quickstart.py")], missing)
    assert status == 2
    assert missing in output and "make" in output
    assert "Traceback" not in output


def test_run_job_shows_environment_output_and_exit_status(example):
    output = example("run_job.py")
    host = socket.gethostname()
    assert lines_matching(r"^Job \S+ \(print-environment\): state DONE, exit status 0, "
                          r"ran on (\S+) for ", output) == [(host,)]
    failed = lines_matching(r"^Job \S+ \(list-missing-file\): state DONE, exit status (\d+),",
                            output)
    assert len(failed) == 1 and int(failed[0][0]) != 0
    assert "Output file of the first job: GREETING=hello from drmaa2\n" in output
    assert len(lines_matching(r"^  stub_max_rss_kib \(implementation-specific\): (\d+)$",
                              output)) == 2
    assert re.search(r"^Error file of the second job: .*no-such-file", output, re.M)


def test_job_array_runs_one_job_per_index(example):
    output = example("job_array.py")
    assert re.search(r"^Submitted job array \S+: 4 jobs, at most 2 running at once$", output,
                     re.M)
    jobs = lines_matching(r"^Job (\S+): state DONE, exit status 0$", output)
    assert len(set(jobs)) == 4
    assert "Output files: task-1.out, task-3.out, task-5.out, task-7.out\n" in output
    assert "task-1.out says: hello from a job of the array\n" in output


def test_wait_any_reports_every_job_once_and_a_timeout(example):
    output = example("wait_any.py")
    assert re.search(r"^Submitted 3 jobs: ", output, re.M)
    started = lines_matching(r"^First job to start: (\S+)$", output)
    ended = lines_matching(r"^Job (\S+) \(sleep (0\.\d)\) ended: DONE$", output)
    assert sorted(duration for _, duration in ended) == ["0.1", "0.2", "0.3"]
    assert len(set(job for job, _ in ended)) == 3
    assert len(started) == 1 and started[0][0] in [job for job, _ in ended]
    timed_out = lines_matching(r"^Job (\S+) \(sleep 60\) did not end within 0.5 seconds: "
                               r"TimeoutException$", output)
    assert len(timed_out) == 1
    assert "Job %s terminated: FAILED" % timed_out[0][0] in output


def test_suspend_resume_walks_through_the_states(example):
    output = example("suspend_resume.py")
    states = lines_matching(r"^(?:\w+: )?[Jj]ob \S+.* (?:is|ended:|and ended:) (\w+)$",
                            output)
    assert [state for state, in states] == ["RUNNING", "SUSPENDED", "RUNNING", "DONE",
                                            "QUEUED_HELD", "DONE"]


def test_reservations_books_uses_and_ends_a_reservation(example):
    output = example("reservations.py")
    host = socket.gethostname()
    booked = lines_matching(r"^Reservation (\S+) \(example\): 1 slot\(s\) from .* on "
                            r"(\S+) \(1\)$", output)
    assert len(booked) == 1 and booked[0][1] == host
    reservation_id = booked[0][0]
    assert re.search(r"^Reservations of session \S+: %s$" % re.escape(reservation_id), output,
                     re.M)
    assert re.search(r"^Job \S+ ran in reservation %s: DONE$" % re.escape(reservation_id),
                     output, re.M)
    ended = lines_matching(r"^Reservation %s terminated: it now ends at (.+)$"
                           % re.escape(reservation_id), output)
    assert len(ended) == 1


def test_monitoring_describes_this_machine_and_finds_the_job(example):
    output = example("monitoring.py")
    machines = lines_matching(r"^Machine (\S+): available, (\d+) socket\(s\) x (\d+) core\(s\) "
                              r"x (\d+) thread\(s\), load [\d.]+, (\d+) KiB memory, (\w+) ",
                              output)
    assert len(machines) == 1
    name, sockets, cores, threads, memory, system = machines[0]
    assert name == socket.gethostname()
    assert int(sockets) >= 1 and int(cores) >= 1 and int(threads) >= 1 and int(memory) > 0
    if sys.platform.startswith("linux"):
        assert system == "LINUX"
    assert "Queues: local\n" in output
    assert re.search(r"^Finished jobs of this user: [1-9]\d*, among them job \S+: yes$",
                     output, re.M)
    assert re.search(r"^DRM system: \S+", output, re.M)


def test_events_deliver_the_state_changes_of_the_job(example):
    output = example("events.py")
    submitted = lines_matching(r"^Submitted job (\S+);", output)
    assert len(submitted) == 1
    states = lines_matching(r"^Event NEW_STATE: job %s of session \S+ is now (\w+)$"
                            % re.escape(submitted[0][0]), output)
    states = [state for state, in states]
    assert "RUNNING" in states and states[-1] == "DONE"


def test_executor_runs_functions_as_jobs(example):
    output = example("executor.py")
    assert re.search(r"^pow\(2, 10\) in job \S+: 1024$", output, re.M)
    assert "as one job array: [1.0, 2.0, 3.0, 4.0]\n" in output
    assert "math.sqrt(-1) raised in its job: ValueError: math domain error\n" in output
    assert "cancelled before it started: True\n" in output
    assert "a killed task: JobFailedError, state FAILED\n" in output
    assert re.search(r"^own session \S+ destroyed: True$", output, re.M)
