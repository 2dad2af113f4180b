"""drmaa2.executor: Python functions as cluster jobs, a ``concurrent.futures.Executor``.

::

    from drmaa2.executor import JobExecutor

    with JobExecutor() as executor:
        print(executor.submit(pow, 2, 10).result())      # 1024, computed in a job
        print(list(executor.map(abs, [-1, -2])))         # [1, 2], one job array

Each call is pickled to a task file in the work directory and runs as one job,
``<python> <drmaa2/executor/worker.py> <task file>``; see docs/executor.md.  On Python 2.7
it uses the ``futures`` backport of concurrent.futures.
"""
import concurrent.futures
import itertools
import os
import pickle
import sys
import tempfile
import threading

import six

import drmaa2
from drmaa2.executor import _monitor, _tasks

__all__ = ["JobExecutor", "JobFailedError", "TaskFuture"]

#: The template fields the executor sets itself; a template that sets one is refused.
OWNED_FIELDS = ("remote_command", "args", "input_path", "output_path", "error_path",
                "join_files")

#: The default work directory, under the home directory (which clusters share).
DEFAULT_WORK_DIR = os.path.join("~", ".drmaa2", "executor")


class JobFailedError(Exception):
    """A task's job ended without a result: killed, out of memory, its host lost, the
    interpreter or the work directory missing there.

    ``job_info`` is the job's JobInfo (state, exit status, terminating signal, annotation)
    or None when it could not be read; ``error_tail`` the end of the task's standard error
    (None when there is no such file); both are in the message too.
    """

    def __init__(self, message, job_info=None, error_tail=None):
        Exception.__init__(self, message)
        self.job_info = job_info
        self.error_tail = error_tail


class _RemoteTraceback(Exception):
    """The traceback of an exception raised in a job, as the cause of its re-raise."""

    def __init__(self, text):
        Exception.__init__(self, text)
        self.tb = text

    def __str__(self):
        return '\n"""\n%s"""' % self.tb


#: The states of a job that has not started; those of one that is held.
_HELD = (drmaa2.JobState.QUEUED_HELD, drmaa2.JobState.REQUEUED_HELD)
_NOT_STARTED = _HELD + (drmaa2.JobState.QUEUED, drmaa2.JobState.REQUEUED)


class TaskFuture(concurrent.futures.Future):
    """The future of one call run as a job.

    ``job`` is its drmaa2.Job; ``output_path`` and ``error_path`` the files that keep the
    task's standard output and error (kept when not empty, see docs/executor.md).
    :meth:`cancel` succeeds while the job has not started (it is held, then terminated:
    the function never runs).
    """

    def __init__(self, task, index=None):
        concurrent.futures.Future.__init__(self)
        self.job = None
        self._task = task
        self._index = index          # the position in a job array, else None
        self._cancel_lock = threading.Lock()
        self._recheck_deadline = None

    if six.PY2:
        def result(self, timeout=None):
            """The call's value (its exception raised); Ctrl-C interrupts the wait."""
            self._wait_interruptibly(timeout)
            return concurrent.futures.Future.result(self, timeout)

        def exception(self, timeout=None):
            """The call's exception (None when it returned); Ctrl-C interrupts the wait."""
            self._wait_interruptibly(timeout)
            return concurrent.futures.Future.exception(self, timeout)

        def _wait_interruptibly(self, timeout):
            # Python 2's Condition.wait without a timeout cannot be interrupted: wait in
            # slices, in which KeyboardInterrupt is delivered.
            end = None if timeout is None else _tasks.now() + timeout
            while not self.done():
                left = _monitor.SLICE if end is None else min(_monitor.SLICE,
                                                              end - _tasks.now())
                if left <= 0:
                    return
                concurrent.futures.wait([self], left)

    @property
    def output_path(self):
        """The file of the task's standard output."""
        return self._task.output_path

    @property
    def error_path(self):
        """The file of the task's standard error."""
        return self._task.error_path

    def cancel(self):
        """Cancel the call if its job has not started: True, and the function never runs;
        False when it is running or done."""
        with self._cancel_lock:
            if self.done():
                return self.cancelled()
            if self.job is None:
                return self._cancel_now()
            if self.job.get_state()[0] not in _NOT_STARTED:
                return False          # running or ended
            try:
                # Fails once the job has started (with DRMAA v1 a DRM may hold a running
                # job: then the state read before and after narrows the race instead).
                self.job.hold()
                held = True
            except drmaa2.Drmaa2Exception:
                held = False          # started, ended, or held already
            state = self.job.get_state()[0]
            if state not in (_NOT_STARTED if held else _HELD):
                if held:
                    try:
                        self.job.release()
                    except drmaa2.Drmaa2Exception:
                        pass
                return False
            try:
                self.job.terminate()
            except drmaa2.InvalidStateException:
                pass                  # it ended meanwhile
            return self._cancel_now()

    def _cancel_now(self):
        # Cancelled and notified at once: no executor thread would take it up later, and
        # concurrent.futures.wait counts a future done only once notified.
        cancelled = concurrent.futures.Future.cancel(self)
        if cancelled:
            self.set_running_or_notify_cancel()
        return cancelled

    def _finish(self, first):
        """Complete from the result file; True when it should be looked for again."""
        with self._cancel_lock:
            if self.done():
                self._task.remove()
                return False
            try:
                record = _tasks.read_result(self._task)
            except _tasks.Missing:
                return self._missing(first)
            except _tasks.Corrupt as error:
                self._fail(JobFailedError(str(error), self._info()))
                return False
            self._task.remove()
            for path in (self.output_path, self.error_path):
                _remove_if_empty(path)
            if record[0] == "value":
                self._succeed(record[1])
            elif record[0] == "raised":
                self._fail(_remote_error(record))
            else:
                self._fail(pickle.PicklingError(
                    "%s of the task cannot be pickled: %s" % (record[1], record[2])))
            return False

    def _missing(self, first):
        info = self._info()
        ended_well = (info is None or (info.job_state is drmaa2.JobState.DONE
                                       and info.exit_status in (0, None)
                                       and info.terminating_signal is None))
        if ended_well and (first or _tasks.now() < self._recheck_deadline):
            return True
        tail = self._task.error_tail()
        if tail is None:
            why = ("its standard error file %s does not exist either: is the work "
                   "directory visible where the jobs run (a shared file system)?"
                   % self.error_path)
        else:
            why = "the end of its standard error (%s):\n%s" % (self.error_path, tail)
        if ended_well:
            what = ("ended, but its result file %s did not appear within %g s"
                    % (self._task.result_path, _tasks.RESULT_GRACE))
        else:
            what = "ended without a result"
        self._fail(JobFailedError("the job %s of the task %s (%s); %s"
                                  % (self.job.job_id, what, _describe(info), why),
                                  info, tail))
        self._task.remove()
        return False

    def _info(self):
        try:
            return self.job.get_info()
        except drmaa2.Drmaa2Exception:
            return None

    def _succeed(self, value):
        if self.set_running_or_notify_cancel():
            self.set_result(value)

    def _fail(self, error):
        if self.set_running_or_notify_cancel():
            self.set_exception(error)

    def _fail_with(self, error):
        with self._cancel_lock:
            if not self.done():
                self._fail(JobFailedError("waiting for the job %s failed: %s: %s"
                                          % (self.job.job_id, type(error).__name__,
                                             error)))


def _describe(info):
    if info is None:
        return "its job information cannot be read"
    parts = ["state %s" % getattr(info.job_state, "name", info.job_state),
             "exit status %s" % info.exit_status]
    if info.terminating_signal:
        parts.append("signal %s" % info.terminating_signal)
    if info.annotation:
        parts.append("annotation %r" % info.annotation)
    return ", ".join(parts)


def _remote_error(record):
    _, pickled, type_name, text, remote_traceback = record
    error = None
    if pickled is not None:
        try:
            error = pickle.loads(pickled)
        except Exception:
            error = None
    if not isinstance(error, BaseException):
        error = JobFailedError("the task raised %s: %s (it cannot be pickled back)"
                               % (type_name, text))
    error.__cause__ = _RemoteTraceback(remote_traceback)
    return error


def _remove_if_empty(path):
    try:
        if os.path.getsize(path) == 0:
            os.unlink(path)
    except OSError:
        pass


class _Shared(object):
    """What an executor and its with_template executors share: the session, the work
    directory, the monitor, the lifetime."""

    def __init__(self, session, work_dir, python):
        self.own_session = session is None
        if session is None:
            session = drmaa2.create_job_session()
        elif not isinstance(session, drmaa2.JobSession):
            raise TypeError("session must be a drmaa2.JobSession, not %s"
                            % type(session).__name__)
        self.session = session
        self.python = python
        self.protocol = _tasks.interpreter_protocol(python)
        self.directory = work_dir
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.shutdown = False
        self.monitor = _monitor.Monitor(session, self._ended)
        self.ended = threading.Event()

    def _ended(self):
        """The last job has ended after shutdown: the own session goes."""
        if self.own_session:
            name = self.session.session_name
            try:
                self.session.close()
                drmaa2.destroy_job_session(name)
            except drmaa2.Drmaa2Exception:
                pass   # destroyed by someone else meanwhile
        try:
            os.rmdir(self.directory)
        except OSError:
            pass       # files kept (outputs, failed tasks) or already gone
        self.ended.set()


class JobExecutor(concurrent.futures.Executor):
    """A ``concurrent.futures.Executor`` whose calls run as jobs of a DRM system.

    ``template``: a JobTemplate (or dict of its fields) whose fields every task's job gets
    (queue, resources, implementation-specific attributes); the executor sets
    ``remote_command``, ``args``, ``input_path``, ``output_path``, ``error_path`` and
    ``join_files`` itself and refuses a template that sets them.  ``session``: the
    JobSession to use (default: one of its own, destroyed once its last job has ended after
    shutdown).  ``work_dir``: the directory for task files, which must be visible where
    the jobs run (default ``~/.drmaa2/executor``, created mode 0700; each executor makes a
    directory of its own in it).  ``python``: the interpreter the jobs run (default
    ``sys.executable``).

    ``max_array_tasks`` (an attribute, default 1000) is the most tasks one job array of
    :meth:`map` gets; a longer map is split into several arrays (DRMs cap arrays: Slurm's
    MaxArraySize is 1001 by default, Grid Engine's max_aj_tasks 75,000).
    """

    max_array_tasks = 1000

    def __init__(self, template=None, session=None, work_dir=None, python=None):
        self._template = _check_template(template)
        python = sys.executable if python is None else python
        if not isinstance(python, six.string_types) or not python:
            raise TypeError("python must be the path of an interpreter (a string), not %r"
                            % (python,))
        self._shared = _Shared(session, _make_work_dir(work_dir), python)
        self._futures = set()
        self._futures_lock = threading.Lock()
        self._parent = None

    @property
    def session(self):
        """The JobSession the jobs run in."""
        return self._shared.session

    @property
    def work_dir(self):
        """This executor's directory of task files (in the ``work_dir`` given)."""
        return self._shared.directory

    def with_template(self, **fields):
        """An executor like this one (same session, work directory and lifetime) whose
        jobs also get the template ``fields`` given (``queue_name="long"``, ...)."""
        template = self._template._asdict() if self._template is not None else {}
        template = dict((name, value) for name, value in template.items()
                        if value is not None)
        template.update(fields)
        child = JobExecutor.__new__(JobExecutor)
        child._template = _check_template(template)
        child._shared = self._shared
        child._futures = set()
        child._futures_lock = threading.Lock()
        child._parent = self
        child.max_array_tasks = self.max_array_tasks
        return child

    def submit(*args, **kwargs):
        """Run ``fn(*args, **kwargs)`` as a job; return its TaskFuture."""
        if len(args) < 2:
            raise TypeError("submit() needs the function to run (submit(fn, *args, "
                            "**kwargs))")
        self, fn = args[0], args[1]
        args = args[2:]
        shared = self._check_open()
        task = self._new_task()
        future = TaskFuture(task)
        _tasks.check_function(fn, "submit()'s function")
        pickles = (_tasks.dumps(fn, shared.protocol, "submit()'s function %r" % (fn,)),
                   _tasks.calls_pickle([(args, kwargs)], shared.protocol, "submit()"))
        _tasks.write_task(task, _tasks.header(task, shared.protocol, False), pickles,
                          shared.protocol)
        try:
            future.job = shared.session.run_job(self._job_template(task.task_path, task))
        except BaseException:
            task.remove()
            raise
        self._track([future])
        return future

    def map(self, fn, *iterables, **kwargs):
        """Like ``Executor.map``: ``fn`` over the items of ``iterables``, as one job array
        per call (several when longer than ``max_array_tasks``), results in input order.

        ``timeout`` (seconds, None: no limit) bounds the whole iteration from this call,
        as in concurrent.futures; ``chunksize`` calls run in each job.  A map over nothing
        submits nothing.
        """
        timeout = kwargs.pop("timeout", None)
        chunksize = kwargs.pop("chunksize", 1)
        if kwargs:
            raise TypeError("map() got unexpected keyword arguments: %s"
                            % ", ".join(sorted(kwargs)))
        if (isinstance(chunksize, bool) or not isinstance(chunksize, six.integer_types)
                or chunksize < 1):
            raise ValueError("chunksize must be an int of at least 1, not %r" % (chunksize,))
        if timeout is not None and (isinstance(timeout, bool)
                                    or not isinstance(timeout, six.integer_types + (float,))):
            raise TypeError("timeout must be seconds (int or float) or None, not %r"
                            % (timeout,))
        end = None if timeout is None else _tasks.now() + timeout
        shared = self._check_open()
        _tasks.check_function(fn, "map()'s function")
        calls = list(zip(*iterables))
        if not calls:
            return _results([], end, chunksize > 1)
        # pickled once for every task of the map
        function = _tasks.dumps(fn, shared.protocol, "map()'s function %r" % (fn,))
        chunks = [calls[start:start + chunksize] for start in range(0, len(calls), chunksize)]
        futures, cap = [], self.max_array_tasks
        for start in range(0, len(chunks), cap):
            futures.extend(self._run_array(function, chunks[start:start + cap],
                                           start * chunksize, chunksize > 1, shared))
        return _results(futures, end, chunksize > 1)

    def _run_array(self, function, chunks, first_item, is_chunk, shared):
        stem = os.path.join(shared.directory, "a%d" % next(shared.counter))
        tasks, futures = [], []
        try:
            for index, chunk in enumerate(chunks, 1):
                task = _tasks.Task("%s-%d" % (stem, index))
                what = "map()'s call of item %d" % (first_item + (index - 1) * len(chunks[0]))
                calls = _tasks.calls_pickle([(item, {}) for item in chunk], shared.protocol,
                                            what)
                _tasks.write_task(task, _tasks.header(task, shared.protocol, is_chunk),
                                  (function, calls), shared.protocol)
                tasks.append(task)
                futures.append(TaskFuture(task, index))
            pattern = _tasks.Task("%s-%s" % (stem, drmaa2.PARAMETRIC_INDEX))
            array = shared.session.run_bulk_jobs(self._job_template("-", pattern), 1,
                                                 len(chunks), 1)
        except BaseException:
            for task in tasks:
                task.remove()
            raise
        for future, job in zip(futures, array.jobs):
            future.job = job
        self._track(futures)
        return futures

    def _job_template(self, source, task):
        fields = dict(remote_command=self._shared.python,
                      args=[_tasks.worker_script(), source],
                      output_path=task.output_path, error_path=task.error_path)
        if source == "-":
            fields["input_path"] = task.task_path
        if self._template is None:
            return drmaa2.JobTemplate(**fields)
        return self._template._replace(**fields)

    def _new_task(self):
        return _tasks.Task(os.path.join(self._shared.directory,
                                        "t%d" % next(self._shared.counter)))

    def _check_open(self):
        shared = self._shared
        if shared.shutdown or getattr(self, "_closed", False):
            raise RuntimeError("cannot schedule new futures after shutdown")
        return shared

    def _track(self, futures):
        with self._futures_lock:
            self._futures.update(futures)
        for future in futures:
            future.add_done_callback(self._forget)
        self._shared.monitor.add(futures)

    def _forget(self, future):
        with self._futures_lock:
            self._futures.discard(future)

    def shutdown(self, wait=True, cancel_futures=False):
        """No new calls; ``cancel_futures``: cancel those whose jobs have not started;
        ``wait``: return once every call has ended.  The executor's own session is
        destroyed once its last job has ended (also after ``wait=False``).  For an
        executor of :meth:`with_template`, this concerns its own calls only."""
        with self._futures_lock:
            futures = list(self._futures)
        if self._parent is not None:
            self._closed = True
        else:
            with self._shared.lock:
                self._shared.shutdown = True
            futures = self._shared.monitor.pending()
        if cancel_futures:
            for future in futures:
                future.cancel()
        if wait:
            concurrent.futures.wait(futures)
        if self._parent is None:
            self._shared.monitor.stop_when_idle()
            if wait:
                self._shared.monitor.join()


def _results(futures, end, chunked):
    """The generator of map's results (cancelling the rest when left early)."""
    def generate():
        try:
            futures.reverse()
            while futures:
                future = futures[-1]
                if end is None:
                    value = future.result()
                else:
                    value = future.result(max(0.0, end - _tasks.now()))
                futures.pop()
                if chunked:
                    for item in value:
                        yield item
                else:
                    yield value
        finally:
            for future in futures:
                future.cancel()
    return generate()


def _check_template(template):
    if template is None:
        return None
    if isinstance(template, dict):
        template = drmaa2.JobTemplate(template)
    elif isinstance(template, drmaa2.JobTemplate):
        template = template._replace()
    else:
        raise TypeError("template must be a drmaa2.JobTemplate or a dict of its fields, "
                        "not %s" % type(template).__name__)
    owned = [name for name in OWNED_FIELDS if getattr(template, name) is not None]
    if owned:
        raise ValueError("template sets %s, which the executor sets itself (the worker's "
                         "command and the task's files); leave %s unset"
                         % (", ".join(owned), "it" if len(owned) == 1 else "them"))
    return template


def _make_work_dir(work_dir):
    """This executor's own directory, in ``work_dir`` (created 0700 when missing)."""
    if work_dir is None:
        work_dir = DEFAULT_WORK_DIR
    if not isinstance(work_dir, six.string_types) or not work_dir:
        raise TypeError("work_dir must be a directory's path (a string), not %r"
                        % (work_dir,))
    base = os.path.abspath(os.path.expanduser(work_dir))
    try:
        if not os.path.isdir(base):
            os.makedirs(base, 0o700)
        return tempfile.mkdtemp(prefix="executor-", dir=base)
    except OSError as error:
        raise ValueError("work_dir %s is not a writable directory: %s" % (base, error))
