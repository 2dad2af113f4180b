"""The command line's error paths: one line on stderr, exit code 2 for usage and library
problems and 1 for DRMAA2 errors, a traceback only with --debug."""
import signal

import pytest

import drmaa2
from test_cli import cli, end_job, finish, start_cli, submit_job  # noqa: F401 (a fixture)

#: An environment in which no library loads: DRMAA2_BACKEND=libdrmaa2 keeps the DRMAA v1
#: fallback, which would find a libdrmaa.so installed on the machine, out of the way.
NO_LIBRARY = dict(DRMAA2_LIBRARY_PATH=None, SGE_ROOT=None, LD_LIBRARY_PATH=None,
                  DRMAA2_BACKEND="libdrmaa2")


def one_line_error(result, status):
    """Check that the command failed with ``status`` and one line on stderr, no
    traceback; return that line."""
    assert result.status == status, result
    assert "Traceback" not in result.err, result
    assert result.err.count("\n") == 1 and result.err.startswith("drmaa2: "), result
    return result.err


# --- no library -------------------------------------------------------------------------

def test_info_without_a_library_lists_the_places_tried_and_the_fix(cli):
    result = cli("info", **NO_LIBRARY)
    assert result.status == 2, result
    assert result.out == ""
    assert "Traceback" not in result.err
    assert "  - DRMAA2_LIBRARY_PATH: not set\n" in result.err
    assert "$SGE_ROOT/lib/<arch>/libdrmaa2.so: SGE_ROOT not set" in result.err
    assert "libdrmaa2.so (system search)" in result.err
    assert "Set DRMAA2_LIBRARY_PATH=" in result.err and "make" in result.err


def test_info_with_an_unusable_library_path_names_it(cli, tmp_path):
    result = cli("info", DRMAA2_LIBRARY_PATH=str(tmp_path / "missing.so"))
    assert result.status == 2, result
    assert "DRMAA2_LIBRARY_PATH=%s cannot be loaded" % (tmp_path / "missing.so") in result.err


@pytest.mark.parametrize("arguments", [["jobs"], ["run", "--", "/bin/true"]])
def test_other_commands_without_a_library_fail_in_one_line_with_2(cli, arguments):
    line = one_line_error(cli(*arguments, **NO_LIBRARY), 2)
    assert "No DRMAA2 library could be loaded" in line
    assert "python -m drmaa2 info" in line


def test_usage_is_checked_before_the_library_is_looked_for(cli):
    line = one_line_error(cli("run", "--wait", **NO_LIBRARY), 2)
    assert "run needs the command to run" in line


@pytest.mark.parametrize("variable, value, expected", [
    ("DRMAA2_LAYOUT", "nosuch", "InvalidArgumentException: DRMAA2_LAYOUT='nosuch' names no "
                                "layout profile; valid profiles: gfd198"),
    ("DRMAA2_BACKEND", "nosuch", "InvalidArgumentException: DRMAA2_BACKEND=nosuch names no "
                                 "backend"),
])
def test_a_bad_library_setting_is_a_library_problem_with_2(cli, variable, value, expected):
    line = one_line_error(cli("sessions", **{variable: value}), 2)
    assert line.startswith("drmaa2: library problem: " + expected), line


def test_a_shared_object_that_is_no_drmaa2_library_is_refused_with_2(cli):
    import _json  # a shared object of Python's own, lacking every drmaa2_ function
    line = one_line_error(cli("info", DRMAA2_LIBRARY_PATH=_json.__file__), 2)
    assert "is not a usable DRMAA2 library: it lacks drmaa2_string_free" in line


# --- usage ------------------------------------------------------------------------------

@pytest.mark.parametrize("arguments, expected", [
    ([], "no command given"),
    (["--bogus"], "unrecognized argument --bogus "),
    (["--json", "--bogus", "-x"], "unrecognized arguments --bogus -x "),
    (["frobnicate"], "frobnicate"),
    (["run"], "run needs the command to run"),
    (["run", "--wait", "--"], "run needs the command to run"),
    (["status"], "drmaa2 status --help"),
    (["wait", "--timeout", "-1", "1"], "'-1' is not a number of seconds"),
    (["wait", "--timeout", "soon", "1"], "'soon' is not a number of seconds"),
    (["jobs", "--state", "sleeping"], "'sleeping' is no job state; valid: UNDETERMINED"),
    (["queues", "--bogus"], "--bogus"),
])
def test_usage_errors_are_one_line_with_2(cli, arguments, expected):
    line = one_line_error(cli(*arguments), 2)
    assert expected in line
    assert "--help" in line


# --- DRMAA2 errors and the command's own failures ----------------------------------------

def test_unknown_job_id_fails_with_1(cli):
    line = one_line_error(cli("status", "4711"), 1)
    assert "no job with id '4711'" in line


def test_unknown_job_id_in_a_session_names_the_session(cli):
    drmaa2.create_job_session("known").close()
    line = one_line_error(cli("wait", "--session", "known", "4711"), 1)
    assert "no job with id '4711' in the job session 'known'" in line


def test_unknown_session_is_a_drmaa2_error(cli):
    line = one_line_error(cli("jobs", "--session", "nosuch"), 1)
    assert "InvalidArgumentException" in line and "nosuch" in line


def test_terminating_a_finished_job_is_a_drmaa2_error(cli):
    job_id = submit_job(["/bin/true"], wait=True)
    line = one_line_error(cli("terminate", job_id), 1)
    assert "InvalidStateException" in line


def test_wait_timeout_is_a_drmaa2_timeout(cli):
    job_id = submit_job(["/bin/sleep", "5"])
    try:
        line = one_line_error(cli("wait", "--timeout", "0.1", job_id), 1)
        assert "TimeoutException" in line
    finally:
        end_job(job_id)


@pytest.mark.parametrize("arguments, function", [
    (["sessions"], "drmaa2_get_jsession_names"),
    (["run", "--", "/bin/true"], "drmaa2_jsession_run_job"),
    (["jobs"], "drmaa2_msession_get_all_jobs"),
    (["info"], "drmaa2_get_drms_name"),
])
def test_library_failures_are_one_line_with_1(cli, arguments, function):
    result = cli(*arguments, DRMAA2_STUB_FAIL="%s:DRMAA2_INTERNAL" % function)
    line = one_line_error(result, 1)
    assert line.startswith("drmaa2: InternalException: ")
    assert function in line


def test_debug_shows_the_traceback_and_the_library_search(cli):
    result = cli("--debug", "sessions", DRMAA2_STUB_FAIL="drmaa2_get_jsession_names:INTERNAL")
    assert result.status == 1, result
    assert "Traceback (most recent call last)" in result.err
    assert "drmaa2 debug: loaded the DRMAA2 library" in result.err
    assert result.err.endswith("drmaa2: InternalException: drmaa2_get_jsession_names: "
                               "failure injected by DRMAA2_STUB_FAIL (DRMAA2_INTERNAL)\n")


def test_debug_after_the_subcommand_works_too(cli):
    result = cli("sessions", "--debug", DRMAA2_STUB_FAIL="drmaa2_get_jsession_names:INTERNAL")
    assert result.status == 1, result
    assert "Traceback (most recent call last)" in result.err


def test_ctrl_c_during_run_wait_exits_130_in_one_line(stub_library, tmp_path):
    process = start_cli(["run", "--wait", "--", "/bin/sleep", "5"], stub_library, tmp_path)
    job_id = process.stdout.readline().decode().strip()  # printed before the wait begins
    process.send_signal(signal.SIGINT)
    result = finish(process)
    try:
        assert job_id.isdigit(), result
        assert result.status == 130, result
        assert result.err == "drmaa2: interrupted\n", result
    finally:
        if job_id.isdigit():
            end_job(job_id)
