"""Task files: the call pickled for the worker, and its result read back."""
import errno
import os
import pickle
import sys
import time

from drmaa2.executor import worker

try:
    import cloudpickle
except ImportError:  # the extra drmaa2[executor] is not installed
    cloudpickle = None

#: How long a result file that is missing when its job has ended successfully is looked for
#: again before the task fails, in seconds: a shared file system may show a file written on
#: another host a while later (NFS caches attributes for up to 60 s; the default acregmax).
RESULT_GRACE = 60.0
#: The pause between two looks for a missing result file, in seconds.
RESULT_RECHECK = 0.2
#: How much of the end of a task's standard error a JobFailedError quotes, in bytes.
ERROR_TAIL = 2000


class Task(object):
    """The files of one task: ``<stem>.task``, ``.result``, ``.out`` and ``.err``."""

    __slots__ = ("stem", "task_path", "result_path", "output_path", "error_path")

    def __init__(self, stem):
        self.stem = stem
        self.task_path = stem + ".task"
        self.result_path = stem + ".result"
        self.output_path = stem + ".out"
        self.error_path = stem + ".err"

    def remove(self, *paths):
        """Remove the files named (default: the task and result files)."""
        for path in paths or (self.task_path, self.result_path):
            try:
                os.unlink(path)
            except OSError as error:
                if error.errno != errno.ENOENT:
                    raise

    def error_tail(self):
        """The end of the task's standard error, or why there is none."""
        try:
            with open(self.error_path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                size = handle.tell()
                handle.seek(max(0, size - ERROR_TAIL))
                tail = handle.read().decode("utf-8", "replace")
        except (IOError, OSError) as error:
            if error.errno == errno.ENOENT:
                return None
            return "(cannot read %s: %s)" % (self.error_path, error)
        return tail


def dumps(value, protocol, what):
    """Pickle ``value`` (cloudpickle when installed); a PicklingError names ``what``."""
    try:
        if cloudpickle is not None:
            return cloudpickle.dumps(value, protocol)
        return pickle.dumps(value, protocol)
    except Exception as error:
        raise pickle.PicklingError("%s cannot be pickled: %s: %s"
                                   % (what, type(error).__name__, error))


def check_function(function, what):
    """Refuse a function the standard pickle would send by a name the worker cannot
    import: one of ``__main__``, a lambda, a local function."""
    if not callable(function):
        raise TypeError("%s must be callable, not %s" % (what, type(function).__name__))
    if cloudpickle is not None:
        return
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", getattr(function, "__name__", ""))
    if module == "__main__" or "<lambda>" in name or "<locals>" in name:
        raise pickle.PicklingError(
            "%s %s (of module %s) can only be pickled with cloudpickle: install the extra "
            "(pip install drmaa2[executor]) or move the function to a module the jobs can "
            "import" % (what, name or repr(function), module))


def calls_pickle(calls, protocol, what):
    """The pickle of the arguments of a task's calls, a list of ``(args, kwargs)``; an
    argument that cannot be pickled is named."""
    try:
        return dumps(calls, protocol, what)
    except pickle.PicklingError:
        pass
    for args, kwargs in calls:
        for index, arg in enumerate(args):
            dumps(arg, protocol, "%s's argument %d (%s)" % (what, index, type(arg).__name__))
        for name, arg in kwargs.items():
            dumps(arg, protocol, "%s's keyword argument %r (%s)"
                  % (what, name, type(arg).__name__))
    return dumps(calls, protocol, what)


def header(task, protocol, chunk):
    """The header of a task file: ``chunk``, the task runs a list of calls (map's
    ``chunksize``) and its result is the list of their values."""
    return {"result": task.result_path, "protocol": protocol, "chunk": chunk,
            "sys_path": _search_path()}


#: sys.path and the working directory when the search path was last made, and it.
_searched = [None, None]


def _search_path():
    """The module search path, absolute and without repeats, made again only when
    ``sys.path`` or the working directory changed (it is in every task's header)."""
    try:
        cwd = os.getcwd()
    except OSError:  # removed: abspath fails on a relative entry, as it would anyway
        cwd = None
    key = (tuple(sys.path), cwd)
    if _searched[0] != key:
        paths = [os.path.abspath(path or os.curdir) for path in sys.path]
        _searched[:] = [key, [path for index, path in enumerate(paths)
                              if path not in paths[:index]]]
    return _searched[1]


def write_task(task, header_value, pickles, protocol):
    """Write the task file atomically (temporary file, then rename): the header, then
    ``pickles``, the function's and its calls' (calls_pickle)."""
    temporary = task.task_path + ".tmp"
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(header_value, handle, protocol)
            for part in pickles:
                handle.write(part)
        os.rename(temporary, task.task_path)
    except BaseException:
        Task(temporary).remove(temporary)
        raise


class Missing(Exception):
    """The result file is not there (yet)."""


class Corrupt(Exception):
    """The result file cannot be read as a result."""


def read_result(task):
    """The record of the task's result file; Missing or Corrupt."""
    try:
        with open(task.result_path, "rb") as handle:
            data = handle.read()
    except (IOError, OSError) as error:
        if error.errno == errno.ENOENT:
            raise Missing(task.result_path)
        raise Corrupt("cannot read the result file %s: %s" % (task.result_path, error))
    try:
        record = pickle.loads(data)
    except Exception as error:
        raise Corrupt("the result file %s is truncated or corrupt (%d bytes): %s: %s"
                      % (task.result_path, len(data), type(error).__name__, error))
    if (not isinstance(record, tuple) or not record
            or record[0] not in ("value", "raised", "unpicklable")):
        raise Corrupt("the result file %s holds no result of a task" % task.result_path)
    return record


def interpreter_protocol(python):
    """The highest pickle protocol both this interpreter and ``python`` read."""
    if python == sys.executable:
        return pickle.HIGHEST_PROTOCOL
    import subprocess
    try:
        answer = subprocess.check_output(
            [python, "-c", "import pickle; print(pickle.HIGHEST_PROTOCOL)"],
            stderr=open(os.devnull, "wb"))
        return min(pickle.HIGHEST_PROTOCOL, int(answer.strip()))
    except (OSError, ValueError, subprocess.CalledProcessError):
        # Not runnable here (it may exist only where the jobs run): protocol 2 is read by
        # every Python since 2.3.
        return 2


def worker_script():
    """The path of the worker's source file, which the jobs run."""
    path = worker.__file__
    return path[:-1] if path.endswith((".pyc", ".pyo")) else path


def now():
    try:
        return time.monotonic()
    except AttributeError:  # Python 2 (the executor refuses it, the worker does not)
        return time.time()
