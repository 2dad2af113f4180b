"""drmaa2.executor on every backend: calls run as jobs, their results, failures, cancelling,
shutting down, pickling, and what the worker imports.

The functions the jobs run are the standard library's or this module's (the worker imports
this module by the submitter's module search path, which the task file carries).
"""
import concurrent.futures
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
import six

import backends
import drmaa2
from drmaa2.executor import JobExecutor, JobFailedError, TaskFuture, _monitor, _tasks

pytestmark = pytest.mark.usefixtures("backend")

PATIENCE = backends.PATIENCE


# -- functions the jobs run ----------------------------------------------------------------

def add(a, b=0):
    return a + b


def fail(text):
    raise KeyError(text)


def touch_then(path, value):
    with open(path, "w") as handle:
        handle.write("ran")
    return value


class CountsItsPickling(object):
    """A function (a callable object) that counts how often it is pickled (in the
    submitting process: the count is not pickled)."""
    pickled = 0

    def __call__(self, value):
        return value

    def __reduce__(self):
        CountsItsPickling.pickled += 1
        return (CountsItsPickling, ())


def return_a_lock():
    return threading.Lock()


def print_and_return(text):
    sys.stdout.write(text + "\n")
    sys.stderr.write("note: " + text + "\n")
    return len(text)


def corrupt_own_result():
    """Writes garbage where the worker's result goes, then ends the worker."""
    task_file = sys.argv[1]
    with open(task_file[:-len(".task")] + ".result", "wb") as handle:
        handle.write(b"\x80\x04garbage")
    sys.stdout.flush()
    os._exit(0)


def result_appears_late(value, delay):
    """Writes a valid result file ``delay`` seconds after the job has ended (as a shared
    file system may show it)."""
    result = sys.argv[1][:-len(".task")] + ".result"
    temporary = result + ".late"
    with open(temporary, "wb") as handle:
        pickle.dump(("value", value), handle, 2)
    subprocess.Popen([sys.executable, "-c", "import os, sys, time; time.sleep(%r); "
                      "os.rename(sys.argv[1], sys.argv[2])" % delay, temporary, result],
                     close_fds=True, preexec_fn=os.setsid)  # outlives the job's end
    os._exit(0)


#: Run by eval (a builtin: unpickling it imports nothing) in the worker.
MODULES_OF_DRMAA2_AND_CTYPES = ("sorted(name for name in __import__('sys').modules "
                                "if name.split('.')[0] in ('drmaa2', 'ctypes', '_ctypes'))")
#: The Python part of pickle and the traceback module, which every task's start would pay
#: for (the worker needs only the C part of pickle, and traceback when the function raised).
MODULES_OF_PICKLE_AND_TRACEBACK = ("sorted(name for name in __import__('sys').modules "
                                   "if name in ('pickle', 'traceback'))")


# -- helpers -----------------------------------------------------------------------------

@pytest.fixture
def executor(session, tmp_path):
    """An executor over the test's session, its work directory in the test's directory."""
    with JobExecutor(session=session, work_dir=str(tmp_path / "work")) as running:
        yield running


def task_files(executor):
    return sorted(os.listdir(executor.work_dir))


def wait_for_state(job, states):
    deadline = time.time() + PATIENCE
    while job.get_state()[0] not in states and time.time() < deadline:
        time.sleep(0.05)
    return job.get_state()[0]


# -- results ------------------------------------------------------------------------------

def test_submit_runs_the_call_as_a_job_and_returns_its_value(executor):
    future = executor.submit(add, 2, b=40)
    assert isinstance(future, TaskFuture) and isinstance(future, concurrent.futures.Future)
    assert isinstance(future.job, drmaa2.Job)
    assert future.result(PATIENCE) == 42
    assert future.job.get_state()[0] is drmaa2.JobState.DONE
    # the task and result files are removed once read, empty output and error files too
    assert task_files(executor) == []


def test_output_and_error_of_a_task_are_kept_in_the_files_the_future_names(executor):
    future = executor.submit(print_and_return, "hello")
    assert future.result(PATIENCE) == 5
    with open(future.output_path) as output, open(future.error_path) as error:
        assert output.read() == "hello\n"
        assert error.read() == "note: hello\n"


def test_an_exception_of_the_function_is_raised_with_the_remote_traceback(executor):
    future = executor.submit(fail, "missing")
    with pytest.raises(KeyError) as raised:
        future.result(PATIENCE)
    assert raised.value.args == ("missing",)
    cause = raised.value.__cause__
    assert "Traceback" in str(cause) and "in fail" in str(cause)
    assert "raise KeyError(text)" in str(cause)


def test_map_runs_one_job_array_in_input_order(executor, session, mocker):
    bulk = mocker.spy(session, "run_bulk_jobs")
    single = mocker.spy(session, "run_job")
    assert list(executor.map(add, [5, 4, 3, 2], [10, 20, 30, 40])) == [15, 24, 33, 42]
    assert bulk.call_count == 1 and single.call_count == 0
    _, begin, end, step = bulk.call_args[0]
    assert (begin, end, step) == (1, 4, 1)
    assert task_files(executor) == []


def test_map_with_chunksize_groups_inputs_per_task(executor, session, mocker):
    bulk = mocker.spy(session, "run_bulk_jobs")
    assert list(executor.map(abs, range(-7, 0), chunksize=3)) == [7, 6, 5, 4, 3, 2, 1]
    assert [call[0][1:3] for call in bulk.call_args_list] == [(1, 3)]


@pytest.mark.parametrize("chunksize", [1, 2])
def test_map_pickles_its_function_once_for_all_its_tasks(executor, monkeypatch, chunksize):
    monkeypatch.setattr(CountsItsPickling, "pickled", 0)
    executor.max_array_tasks = 2   # and for all its arrays
    assert list(executor.map(CountsItsPickling(), [1, 2, 3, 4, 5],
                             chunksize=chunksize)) == [1, 2, 3, 4, 5]
    assert CountsItsPickling.pickled == 1


def test_map_over_nothing_submits_nothing(executor, session, mocker):
    bulk = mocker.spy(session, "run_bulk_jobs")
    assert list(executor.map(abs, [])) == []
    assert bulk.call_count == 0 and session.get_jobs() == []


def test_a_map_longer_than_the_array_cap_is_split(executor, session, mocker):
    bulk = mocker.spy(session, "run_bulk_jobs")
    executor.max_array_tasks = 2
    assert list(executor.map(abs, [-1, -2, -3, -4, -5])) == [1, 2, 3, 4, 5]
    assert [call[0][1:3] for call in bulk.call_args_list] == [(1, 2), (1, 2), (1, 1)]


def test_map_timeout_raises_as_executor_map_does(executor):
    results = executor.map(time.sleep, [30, 30], timeout=0.5)
    with pytest.raises(concurrent.futures.TimeoutError):
        list(results)
    for job in executor.session.get_jobs():
        job.terminate()


def test_map_refuses_bad_chunksize_and_timeout(executor):
    for chunksize in (0, -1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="chunksize"):
            executor.map(abs, [1], chunksize=chunksize)
    with pytest.raises(TypeError, match="timeout"):
        executor.map(abs, [1], timeout="1")
    with pytest.raises(TypeError, match="unexpected keyword arguments: chunk"):
        executor.map(abs, [1], chunk=2)


# -- templates ----------------------------------------------------------------------------

def test_template_fields_reach_every_task_job(session, tmp_path):
    template = {"job_environment": {"DRMAA2_EXECUTOR_TEST": "yes"}, "job_name": "exectest"}
    with JobExecutor(template=template, session=session, work_dir=str(tmp_path)) as executor:
        assert executor.submit(os.getenv, "DRMAA2_EXECUTOR_TEST").result(PATIENCE) == "yes"
        assert list(executor.map(os.getenv, ["DRMAA2_EXECUTOR_TEST"])) == ["yes"]


@pytest.mark.parametrize("field, value", [
    ("remote_command", "/bin/true"), ("args", ["x"]), ("input_path", "/dev/null"),
    ("output_path", "/tmp/out"), ("error_path", "/tmp/err"), ("join_files", True)])
def test_a_template_setting_what_the_executor_owns_is_refused(session, tmp_path, field, value):
    with pytest.raises(ValueError, match="template sets %s, which the executor sets itself"
                       % field):
        JobExecutor(template=drmaa2.JobTemplate(**{field: value}), session=session,
                    work_dir=str(tmp_path))


def test_bad_constructor_arguments_are_refused(session, tmp_path):
    with pytest.raises(TypeError, match="template must be a drmaa2.JobTemplate"):
        JobExecutor(template=["queue"], session=session, work_dir=str(tmp_path))
    with pytest.raises(TypeError, match="session must be a drmaa2.JobSession"):
        JobExecutor(session="name", work_dir=str(tmp_path))
    with pytest.raises(TypeError, match="python must be the path"):
        JobExecutor(session=session, work_dir=str(tmp_path), python=3)


def test_with_template_shares_session_and_work_directory(executor):
    variable = "DRMAA2_EXECUTOR_WITH"
    special = executor.with_template(job_environment={variable: "special"})
    assert special.session is executor.session and special.work_dir == executor.work_dir
    assert special.submit(os.getenv, variable).result(PATIENCE) == "special"
    assert executor.submit(os.getenv, variable, "unset").result(PATIENCE) == "unset"
    with pytest.raises(ValueError, match="template sets args"):
        executor.with_template(args=["x"])


# -- work directory -----------------------------------------------------------------------

def test_a_work_directory_that_cannot_be_written_is_refused_at_construction(session):
    with pytest.raises(ValueError, match="work_dir /dev/null/work is not a writable "
                                         "directory"):
        JobExecutor(session=session, work_dir="/dev/null/work")


def test_the_default_work_directory_is_under_home_and_private(session, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    executor = JobExecutor(session=session)
    try:
        base = tmp_path / ".drmaa2" / "executor"
        assert os.path.dirname(executor.work_dir) == str(base)
        assert os.stat(str(base)).st_mode & 0o777 == 0o700
        assert os.stat(executor.work_dir).st_mode & 0o777 == 0o700
    finally:
        executor.shutdown()


def test_a_work_directory_the_jobs_cannot_see_fails_the_task_saying_so(session, tmp_path):
    import shutil
    with JobExecutor(template={"submit_as_hold": True}, session=session,
                     work_dir=str(tmp_path)) as executor:
        future = executor.submit(add, 1)
        wait_for_state(future.job, (drmaa2.JobState.QUEUED_HELD,))
        shutil.rmtree(executor.work_dir)
        future.job.release()
        error = future.exception(PATIENCE)
    assert isinstance(error, JobFailedError)
    assert "is the work directory visible where the jobs run" in str(error)


# -- faults -------------------------------------------------------------------------------

def test_a_killed_job_fails_its_future_with_job_failed_error(executor):
    future = executor.submit(time.sleep, 60)
    assert wait_for_state(future.job, (drmaa2.JobState.RUNNING,)) is drmaa2.JobState.RUNNING
    future.job.terminate()
    error = future.exception(PATIENCE)
    assert isinstance(error, JobFailedError)
    assert error.job_info.job_state is drmaa2.JobState.FAILED
    assert "ended without a result" in str(error) and "state FAILED" in str(error)
    assert future.job.job_id in str(error)


def test_an_interpreter_missing_where_jobs_run_fails_the_task(session, tmp_path):
    with JobExecutor(session=session, work_dir=str(tmp_path),
                     python=str(tmp_path / "no-such-python")) as executor:
        error = executor.submit(add, 1).exception(PATIENCE)
    assert isinstance(error, JobFailedError) and error.job_info is not None


def test_a_corrupt_result_file_fails_the_future_naming_the_file(executor):
    future = executor.submit(corrupt_own_result)
    error = future.exception(PATIENCE)
    assert isinstance(error, JobFailedError)
    assert "is truncated or corrupt" in str(error) and ".result" in str(error)


def test_a_result_file_that_appears_late_is_read_again(executor):
    assert executor.submit(result_appears_late, "late", 1.0).result(PATIENCE) == "late"


def test_a_result_file_that_never_appears_fails_after_the_grace_time(executor, monkeypatch):
    monkeypatch.setattr(_tasks, "RESULT_GRACE", 0.5)
    error = executor.submit(os._exit, 0).exception(PATIENCE)
    assert isinstance(error, JobFailedError)
    assert "did not appear within 0.5 s" in str(error)


# -- pickling -----------------------------------------------------------------------------

def test_a_module_put_on_the_search_path_after_earlier_tasks_is_found(executor, tmp_path,
                                                                    monkeypatch):
    assert executor.submit(add, 1).result(PATIENCE) == 1   # the search path of before
    directory = tmp_path / "modules"
    directory.mkdir()
    (directory / "executor_late_module.py").write_text(u"def twice(x):\n    return 2 * x\n")
    monkeypatch.syspath_prepend(str(directory))
    import executor_late_module
    try:
        assert executor.submit(executor_late_module.twice, 21).result(PATIENCE) == 42
        assert list(executor.map(executor_late_module.twice, [1])) == [2]
    finally:
        del sys.modules["executor_late_module"]


def test_an_unpicklable_argument_is_refused_at_submit_naming_it(executor, session):
    with pytest.raises(pickle.PicklingError, match=r"submit\(\)'s argument 1 \(lock\)"):
        executor.submit(add, 1, threading.Lock())
    with pytest.raises(pickle.PicklingError, match=r"keyword argument 'b' \(lock\)"):
        executor.submit(add, 1, b=threading.Lock())
    with pytest.raises(pickle.PicklingError, match=r"map\(\)'s call of item 2"):
        executor.map(add, [1, 2, threading.Lock()])
    assert session.get_jobs() == [] and task_files(executor) == []


def test_an_unpicklable_result_is_the_future_s_exception(executor):
    error = executor.submit(return_a_lock).exception(PATIENCE)
    assert isinstance(error, pickle.PicklingError)
    assert "the value returned of the task cannot be pickled" in str(error)


def test_without_cloudpickle_lambdas_and_main_functions_are_refused(executor, monkeypatch):
    monkeypatch.setattr(_tasks, "cloudpickle", None)
    with pytest.raises(pickle.PicklingError, match=r"pip install drmaa2\[executor\]"):
        executor.submit(lambda: 1)
    main_function = add.__class__(add.__code__, {}, "in_main")
    main_function.__module__ = "__main__"
    with pytest.raises(pickle.PicklingError, match="move the function to a module"):
        executor.submit(main_function, 1)


def test_with_cloudpickle_lambdas_and_closures_run(executor):
    assert _tasks.cloudpickle is not None, "cloudpickle (drmaa2[executor]) is not installed"
    offset = 5
    assert executor.submit(lambda x: x + offset, 1).result(PATIENCE) == 6
    assert list(executor.map(lambda x: x * offset, [1, 2])) == [5, 10]


def test_the_worker_imports_nothing_of_drmaa2_nor_ctypes(executor):
    assert executor.submit(eval, MODULES_OF_DRMAA2_AND_CTYPES).result(PATIENCE) == []


def test_the_worker_of_a_call_that_returns_imports_no_python_pickle_nor_traceback(executor):
    # what the interpreter's own start imports of them (Python 2.7's site: traceback)
    bare = subprocess.check_output([sys.executable, "-c", "import sys; print(%s)"
                                    % MODULES_OF_PICKLE_AND_TRACEBACK])
    expected = eval(bare.decode("ascii"))
    assert executor.submit(eval, MODULES_OF_PICKLE_AND_TRACEBACK).result(PATIENCE) == expected


# -- cancelling and shutting down ---------------------------------------------------------

def test_cancel_of_a_job_not_started_succeeds_and_the_function_never_runs(executor, tmp_path):
    held = executor.with_template(submit_as_hold=True)
    marker = str(tmp_path / "ran")
    future = held.submit(touch_then, marker, 1)
    assert future.cancel() is True
    assert future.cancelled()
    with pytest.raises(concurrent.futures.CancelledError):
        future.result(PATIENCE)
    assert wait_for_state(future.job, backends.ENDED) is drmaa2.JobState.FAILED
    assert not os.path.exists(marker)


def test_cancel_of_a_running_job_returns_false(executor):
    future = executor.submit(time.sleep, 60)
    wait_for_state(future.job, (drmaa2.JobState.RUNNING,))
    assert future.cancel() is False
    assert not future.cancelled()
    future.job.terminate()


def test_shutdown_cancel_futures_terminates_what_has_not_started(session, tmp_path):
    executor = JobExecutor(template={"submit_as_hold": True}, session=session,
                           work_dir=str(tmp_path))
    futures = [executor.submit(add, index) for index in range(3)]
    executor.shutdown(wait=True, cancel_futures=True)
    assert all(future.cancelled() for future in futures)
    with pytest.raises(RuntimeError, match="after shutdown"):
        executor.submit(add, 1)


def test_its_own_session_is_destroyed_once_the_last_job_ended(backend, tmp_path):
    executor = JobExecutor(work_dir=str(tmp_path))
    name = executor.session.session_name
    future = executor.submit(time.sleep, 1)
    executor.shutdown(wait=False)
    assert name in drmaa2.get_job_session_names()
    assert future.result(PATIENCE) is None
    deadline = time.time() + PATIENCE
    while name in drmaa2.get_job_session_names() and time.time() < deadline:
        time.sleep(0.05)
    assert name not in drmaa2.get_job_session_names()


def test_one_monitor_thread_per_executor(executor):
    futures = [executor.submit(add, index) for index in range(10)]
    monitors = [thread for thread in threading.enumerate()
                if thread.name == "drmaa2-executor-monitor"]
    assert len(monitors) == 1
    assert [future.result(PATIENCE) for future in futures] == list(range(10))


def test_the_backend_watches_at_most_watched_jobs_the_others_join_later(executor,
                                                                       monkeypatch):
    monkeypatch.setattr(_monitor, "WATCHED", 2)
    held = []
    hand_on = _monitor.Watch._hand_on

    def noting_hand_on(watch):
        hand_on(watch)
        held.append(len(watch._watch))
    monkeypatch.setattr(_monitor.Watch, "_hand_on", noting_hand_on)
    futures = [executor.submit(add, index) for index in range(5)]
    assert list(executor.map(abs, [-1, -2, -3])) == [1, 2, 3]
    assert [future.result(PATIENCE) for future in futures] == list(range(5))
    assert max(held) == 2


if not six.PY2:
    def test_asyncio_wrap_future_awaits_a_task(executor):
        import asyncio
        loop = asyncio.new_event_loop()
        try:
            value = loop.run_until_complete(
                asyncio.wrap_future(executor.submit(add, 20, 22), loop=loop))
        finally:
            loop.close()
        assert value == 42


@pytest.mark.parametrize("waiting", ["result", "map"])
def test_ctrl_c_interrupts_result_and_map(backend, tmp_path, waiting):
    script = textwrap.dedent("""
        import sys, time
        from drmaa2.executor import JobExecutor
        executor = JobExecutor(work_dir=sys.argv[1])
        if sys.argv[2] == "result":
            future = executor.submit(time.sleep, 60)
            wait = future.result
        else:
            results = executor.map(time.sleep, [60, 60])
            wait = lambda: list(results)
        sys.stdout.write("waiting\\n")
        sys.stdout.flush()
        try:
            wait()
        except KeyboardInterrupt:
            executor.shutdown(wait=False, cancel_futures=True)
            for job in executor.session.get_jobs():
                job.terminate()
            sys.stdout.write("interrupted\\n")
        """)
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path), waiting],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b"waiting\n"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(PATIENCE) if six.PY3 else child.communicate()
    finally:
        if child.poll() is None:
            child.kill()
    assert out == b"interrupted\n", err.decode("utf-8", "replace")
