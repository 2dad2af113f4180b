"""The command line, each subcommand run as ``python -m drmaa2`` in a subprocess against
the stub library, with the test's own stub state directory."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading

import pytest
import six

import drmaa2
from conftest import ROOT

#: Seconds after which a hanging command is killed (the test then fails).
HANG_LIMIT = 60


class Result(object):
    """How one run of the command line ended."""

    def __init__(self, status, out, err):
        self.status = status
        self.out = out
        self.err = err

    def __repr__(self):
        return "exit %s\nstdout:\n%s\nstderr:\n%s" % (self.status, self.out, self.err)


def cli_environment(stub_library, **changes):
    """This process's environment with the source tree's drmaa2 first on the path, the
    stub as the library, and ``changes`` (None removes a variable)."""
    env = dict(os.environ)
    env["DRMAA2_LIBRARY_PATH"] = stub_library
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def start_cli(arguments, stub_library, cwd, **env_changes):
    """Start ``python -m drmaa2 ARGUMENTS`` (a Popen with pipes)."""
    return subprocess.Popen([sys.executable, "-m", "drmaa2"] + list(arguments), cwd=str(cwd),
                            env=cli_environment(stub_library, **env_changes),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process):
    """Wait for a started command (killing it after HANG_LIMIT); its Result."""
    watchdog = threading.Timer(HANG_LIMIT, process.kill)
    watchdog.start()
    try:
        out, err = process.communicate()
    finally:
        watchdog.cancel()
    return Result(process.returncode, out.decode("utf-8", "replace"),
                  err.decode("utf-8", "replace"))


def drmaa2_cli(arguments, stub_library, cwd, **env_changes):
    """Run ``python -m drmaa2 ARGUMENTS`` to its end; its Result."""
    return finish(start_cli(arguments, stub_library, cwd, **env_changes))


@pytest.fixture
def cli(stub_library, tmp_path):
    """Run the command line in the test's directory: ``cli('run', '--', 'true')``;
    keyword arguments change the environment."""
    def run(*arguments, **env_changes):
        return drmaa2_cli(arguments, stub_library, tmp_path, **env_changes)
    return run


def ok(result):
    """The result of a command that must have succeeded quietly."""
    assert result.status == 0, result
    assert result.err == "", result
    return result


def table(text):
    """A printed table as a list of rows of cells (header first)."""
    return [line.split() for line in text.splitlines()]


def submit_job(command, session="drmaa2-cli", wait=False, started=False):
    """Submit ``command`` through the API in this process (quicker than the command line,
    for setting a test up); return the job id once the job has ended (``wait``), has
    started (``started``) or was submitted."""
    try:
        job_session = drmaa2.open_job_session(session)
    except drmaa2.InvalidArgumentException:
        job_session = drmaa2.create_job_session(session)
    with job_session:
        job = job_session.run_job(drmaa2.JobTemplate(remote_command=command[0],
                                                     args=list(command[1:])))
        if wait:
            job.wait_terminated(HANG_LIMIT)
        elif started:
            job.wait_started(HANG_LIMIT)
        return job.job_id


def job_of(job_id):
    """The Job with id ``job_id``, found through the API in this process."""
    with drmaa2.open_monitoring_session() as monitoring:
        return monitoring.get_all_jobs(drmaa2.JobInfo(job_id=job_id))[0]


def end_job(job_id):
    """Terminate the job (if it still runs), so that no test leaves one behind."""
    try:
        job_of(job_id).terminate()
    except drmaa2.InvalidStateException:
        pass  # it has ended already


def submit(cli, *command, **options):
    """Submit ``command`` with ``run``; return the job id it printed."""
    arguments = ["run"]
    for name, value in sorted(options.items()):
        arguments += ["--" + name, value]
    result = ok(cli(*(arguments + ["--"] + list(command))))
    job_id = result.out.strip()
    assert job_id and "\n" not in job_id, result
    return job_id


# --- info -------------------------------------------------------------------------------

def test_info_tells_library_search_step_profile_names_capabilities_and_attributes(
        cli, stub_library):
    out = ok(cli("info")).out
    assert "library:        %s\n" % stub_library in out
    assert ("found by:       step 1 of the search order: the environment variable "
            "DRMAA2_LIBRARY_PATH\n") in out
    assert "backend:        libdrmaa2: a DRMAA2 C library" in out
    assert "layout profile: gfd230 (" in out
    assert "DRMS:           drmaa2-stub 1.0\n" in out
    assert "DRMAA:          drmaa2-stub 2.2\n" in out
    capabilities = dict(row for row in table(out) if len(row) == 2 and row[1] in ("yes", "no"))
    assert len(capabilities) == 13
    assert capabilities["CALLBACK"] == "yes"
    assert capabilities["JT_EMAIL"] == "no"
    assert "  JobTemplate            stub_nice: nice increment" in out
    assert "  JobInfo                stub_max_rss_kib: peak resident memory" in out
    assert "  QueueInfo              (none)\n" in out


def test_info_json_for_scripts_with_profile_and_backend_forced(cli, stub_library):
    facts = json.loads(ok(cli("info", "--json", DRMAA2_LAYOUT="gfd230",
                              DRMAA2_BACKEND="libdrmaa2")).out)
    assert facts["profile_chosen_by"] == "DRMAA2_LAYOUT=gfd230"
    assert facts["backend_chosen_by"] == "DRMAA2_BACKEND=libdrmaa2"
    assert facts["library"] == stub_library
    assert facts["found_by"] == "DRMAA2_LIBRARY_PATH"
    assert facts["backend"] == "libdrmaa2"
    assert facts["profile"] == "gfd230"
    assert (facts["drms_name"], facts["drmaa_version"]) == ("drmaa2-stub", "2.2")
    assert facts["capabilities"]["ADVANCE_RESERVATION"] is True
    assert facts["capabilities"]["JT_STAGING"] is False
    assert [a["name"] for a in facts["implementation_specific"]["JobTemplate"]] == ["stub_nice"]
    assert facts["implementation_specific"]["Notification"] == []


# --- run --------------------------------------------------------------------------------

def test_run_wait_exits_with_the_jobs_exit_status(cli):
    result = cli("run", "--wait", "--", "/bin/sh", "-c", "exit 3")
    assert result.status == 3, result
    assert result.out.strip().isdigit(), result
    assert result.err == ""


def test_run_passes_the_arguments_through_as_given_without_a_shell(cli, tmp_path):
    words = ["$HOME", "--", "a  b", "*", "'quoted'", "--wait", ";", "|"]
    ok(cli("run", "--wait", "--output", "out.txt", "--", "/bin/echo", *words))
    assert (tmp_path / "out.txt").read_text() == " ".join(words) + "\n"


def test_run_without_double_dash_takes_everything_after_the_command(cli, tmp_path):
    ok(cli("run", "--wait", "--output", "out.txt", "/bin/echo", "--name", "x"))
    assert (tmp_path / "out.txt").read_text() == "--name x\n"


def test_run_output_holds_standard_output_and_error_and_job_runs_here(cli, tmp_path):
    ok(cli("run", "--wait", "--output", "both.txt", "--", "/bin/sh", "-c",
           "pwd; echo oops >&2"))
    assert (tmp_path / "both.txt").read_text().splitlines() == [
        os.path.realpath(str(tmp_path)), "oops"]


def test_run_without_wait_prints_the_id_and_status_wait_find_the_job(cli):
    job_id = submit(cli, "/bin/sleep", "0.2")
    status = table(ok(cli("status", job_id)).out)
    assert status[0] == ["JOBID", "STATE", "SUBSTATE", "EXIT", "SIGNAL", "SESSION", "NAME"]
    assert status[1][0] == job_id
    assert status[1][5] == "drmaa2-cli"
    waited = table(ok(cli("wait", job_id)).out)
    assert waited[1][:4] == [job_id, "DONE", "-", "0"]


def test_run_in_a_named_session_with_a_job_name(cli):
    result = ok(cli("run", "--wait", "--session", "nightly", "--name", "backup", "--",
                    "/bin/true"))
    job_id = result.out.strip()
    rows = table(ok(cli("jobs", "--session", "nightly")).out)
    assert rows[1:] == [[job_id, "DONE", "-", "0", "-", "nightly", "backup"]]
    assert ["job", "nightly"] in table(ok(cli("sessions")).out)


def test_run_json_gives_id_session_and_after_wait_the_info(cli):
    started = json.loads(ok(cli("run", "--json", "--", "/bin/true")).out)
    assert sorted(started) == ["job_id", "session_name"]
    result = cli("run", "--json", "--wait", "--", "/bin/sh", "-c", "exit 4")
    assert result.status == 4, result
    waited = json.loads(result.out)
    assert waited["info"]["exit_status"] == 4
    assert waited["info"]["job_state"] == "DONE"
    assert waited["job_id"] != started["job_id"]


def test_run_wait_of_a_job_ended_by_a_signal_exits_128_plus_its_number(cli):
    result = cli("run", "--wait", "--", "/bin/sh", "-c", "kill -TERM $$")
    assert result.status == 128 + signal.SIGTERM, result
    assert result.err.endswith("was ended by SIGTERM\n"), result


def test_run_wait_of_a_job_that_cannot_start_exits_1_with_the_reason(cli):
    result = cli("run", "--wait", "--", "/nonexistent/command")
    assert result.status == 1, result
    assert result.err.count("\n") == 1
    assert "failed without an exit status" in result.err
    assert "/nonexistent/command" in result.err


# --- jobs, status, wait, terminate ------------------------------------------------------

def test_jobs_lists_every_job_of_the_user_and_filters_by_state(cli):
    done = submit_job(["/bin/true"], session="one", wait=True)
    ended = submit_job(["/bin/sleep", "5"], session="two", started=True)
    end_job(ended)
    job_of(ended).wait_terminated(HANG_LIMIT)
    rows = table(ok(cli("jobs")).out)
    assert sorted((row[0], row[1]) for row in rows[1:]) == sorted(
        [(done, "DONE"), (ended, "FAILED")])
    only_done = table(ok(cli("jobs", "--state", "done")).out)
    assert [row[0] for row in only_done[1:]] == [done]
    listed = json.loads(ok(cli("jobs", "--json", "--state", "FAILED")).out)
    assert [(job["job_id"], job["state"], job["session_name"]) for job in listed] == [
        (ended, "FAILED", "two")]
    assert listed[0]["info"]["terminating_signal"] == "SIGTERM"


def test_tables_show_control_characters_of_a_job_name_escaped(cli):
    name = u"evil\nFAKE 1 DONE\x1b[31m\u202ered\x85"
    with drmaa2.create_job_session("named") as job_session:
        job_session.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                               job_name=name)).wait_terminated(HANG_LIMIT)
    lines = ok(cli("jobs")).out.splitlines()
    assert len(lines) == 2, lines  # the header and one row
    assert lines[1].endswith(u" evil\\nFAKE 1 DONE\\x1b[31m\\u202ered\\x85"), lines
    listed = json.loads(ok(cli("jobs", "--json")).out)  # JSON escapes them its own way
    assert listed[0]["info"]["job_name"] == name


def test_status_json_of_several_jobs(cli):
    first = submit_job(["/bin/true"], wait=True)
    second = submit_job(["/bin/false"], wait=True)
    jobs = json.loads(ok(cli("--json", "status", first, second)).out)
    assert [(job["job_id"], job["info"]["exit_status"]) for job in jobs] == [
        (first, 0), (second, 1)]


def test_terminate_ends_a_running_job(cli):
    job_id = submit_job(["/bin/sleep", "5"], started=True)
    assert ok(cli("terminate", job_id)).out == "%s terminated\n" % job_id
    job = job_of(job_id)
    job.wait_terminated(HANG_LIMIT)
    assert job.get_state()[0] is drmaa2.JobState.FAILED
    assert job.get_info().terminating_signal == "SIGTERM"


def test_terminate_json(cli):
    job_id = submit_job(["/bin/sleep", "5"])
    assert json.loads(ok(cli("terminate", "--json", job_id)).out) == {"terminated": [job_id]}


# --- sessions, machines, queues ---------------------------------------------------------

def test_sessions_lists_job_and_reservation_sessions(cli):
    drmaa2.create_job_session("alpha").close()
    rows = table(ok(cli("sessions")).out)
    assert rows == [["KIND", "NAME"], ["job", "alpha"]]
    assert json.loads(ok(cli("sessions", "--json")).out) == [{"kind": "job", "name": "alpha"}]


def test_sessions_empty_table_has_its_header(cli):
    assert ok(cli("sessions")).out == "KIND  NAME\n"


def test_machines_shows_this_machine(cli):
    rows = table(ok(cli("machines")).out)
    assert rows[0][0] == "NAME"
    assert len(rows) == 2
    assert rows[1][0] == socket.gethostname().split(".")[0]
    machines = json.loads(ok(cli("machines", "--json")).out)
    assert machines[0]["sockets"] * machines[0]["cores_per_socket"] >= 1
    assert machines[0]["machine_os"] == "LINUX"


def test_queues_shows_the_stubs_one_queue(cli):
    assert table(ok(cli("queues")).out) == [["NAME"], ["local"]]
    assert json.loads(ok(cli("queues", "--json")).out) == [{"name": "local"}]


# --- the script and the help -------------------------------------------------------------

def test_help_lists_every_subcommand(cli):
    out = ok(cli("--help")).out
    for name in ("info", "run", "jobs", "status", "wait", "terminate", "sessions",
                 "machines", "queues"):
        assert name in out


def test_version(cli):
    result = cli("--version")
    assert result.status == 0, result
    # Python 2's argparse prints the version on stderr, Python 3's on stdout.
    assert (result.out + result.err) == "drmaa2 %s\n" % drmaa2.__version__


def test_console_script_is_installed_with_the_package(stub_library, tmp_path):
    script = os.path.join(os.path.dirname(sys.executable), "drmaa2")
    process = subprocess.Popen([script, "sessions"], cwd=str(tmp_path),
                               env=cli_environment(stub_library),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    result = finish(process)
    assert ok(result).out == "KIND  NAME\n"


# --- a library without monitoring sessions (DRMAA v1) -------------------------------------

NO_MONITORING = {"DRMAA2_STUB_FAIL": "drmaa2_open_msession:UNSUPPORTED_OPERATION"}


def test_without_monitoring_jobs_are_found_through_every_job_session(cli):
    first = submit_job(["/bin/true"], session="one", wait=True)
    second = submit_job(["/bin/false"], session="two", wait=True)
    rows = table(ok(cli("jobs", **NO_MONITORING)).out)
    assert sorted((row[0], row[3], row[5]) for row in rows[1:]) == sorted(
        [(first, "0", "one"), (second, "1", "two")])
    status = table(ok(cli("status", second, **NO_MONITORING)).out)
    assert status[1][:4] == [second, "DONE", "-", "1"]


def test_without_monitoring_machines_is_a_drmaa2_error(cli):
    result = cli("machines", **NO_MONITORING)
    assert result.status == 1, result
    assert result.err.startswith("drmaa2: UnsupportedOperationException: ")


def test_info_shows_control_characters_of_what_the_library_names_escaped(stub_library):
    from drmaa2.cli import info
    facts = info.collect()
    facts["drms_name"] = "evil\x1b[2J\nDRMS"
    facts["implementation_specific"]["JobTemplate"] = [
        {"name": "stub_nice", "description": "stub_nice: a\nfake: row"}]
    stream = six.StringIO()
    info.write_text(facts, stream)
    out = stream.getvalue()
    assert "DRMS:           evil\\x1b[2J\\nDRMS 1.0\n" in out
    assert "  JobTemplate            stub_nice: a\\nfake: row\n" in out
    assert "\x1b" not in out
