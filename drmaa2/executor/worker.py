"""The worker: runs one task of a JobExecutor inside a job, and writes its result.

The executor submits ``<python> <this file> <task file>`` (or ``-``: the task file is the
job's standard input, as for the tasks of a job array, whose index reaches a job only
through its paths).  The worker is run as a file, not with ``-m``: so it imports neither the
``drmaa2`` package nor anything of it (no C layer, no data types), only the standard
library and whatever the task's pickle needs.

A task file holds a header (a pickle of a dict of plain values: where the result goes,
the pickle protocol, the submitter's module search path, whether the call is a chunk of
calls), then a pickle of the function (map pickles it once for all its tasks) and one
of the list of the calls' ``(args, kwargs)`` (one for submit, ``chunksize`` for map).
The result file is one pickle, written to a temporary file and renamed, so a reader
never sees half of it:

- ``("value", value)``: the function returned ``value`` (a chunk: the list of values);
- ``("raised", exception pickle or None, type name, text, traceback text)``: it raised;
- ``("unpicklable", what, text, traceback text)``: the value or exception could not be
  pickled.

Exit status: 0 once the result file is written (whatever the function did), 2 when the
task file cannot be read, 3 when the result cannot be written; the reason goes to the
standard error, which the executor quotes.

Its start is the job's start, paid by every task: so it imports only the C part of pickle
(``_pickle``, ``cPickle`` on Python 2) and ``traceback`` only when the function raised
(the ``pickle`` module's Python part and ``traceback`` cost a task's start several
milliseconds).  The result is not synced to disk: the rename makes it whole for whoever
reads it, and a host that loses it in a crash has lost its job too.
"""
import os
import sys

try:
    import _pickle as pickle
except ImportError:  # Python 2, or an interpreter without the C accelerator
    try:
        import cPickle as pickle
    except ImportError:
        import pickle

#: The exit status of a worker that could not read its task file.
NO_TASK = 2
#: The exit status of a worker that could not write its result file.
NO_RESULT = 3


def _drop_own_directory():
    """Run as a file, Python puts this file's directory first on the module search path,
    where it would hide the user's modules of the same names."""
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == here:
        del sys.path[0]


def read_task(stream):
    """The header and the call of a task file (opened in binary mode); the header's module
    search path is applied before the call is unpickled."""
    header = pickle.load(stream)
    paths = header.get("sys_path") or []
    if paths:
        sys.path.insert(0, paths[0])
        sys.path.extend(path for path in paths[1:] if path not in sys.path)
    function = pickle.load(stream)
    calls = [(function, args, kwargs) for args, kwargs in pickle.load(stream)]
    return header, calls if header.get("chunk") else calls[0]


def run(header, call):
    """Run the call (or each call of a chunk); return the result record."""
    try:
        if header.get("chunk"):
            value = [function(*args, **kwargs) for function, args, kwargs in call]
        else:
            function, args, kwargs = call
            value = function(*args, **kwargs)
    except BaseException as error:  # the task's error is its result
        text = _traceback()
        try:
            pickled = pickle.dumps(error, header["protocol"])
            pickle.loads(pickled)
        except Exception:  # the caller gets the type, text and traceback instead
            pickled = None
        return ("raised", pickled, type(error).__name__, _text(error), text)
    return ("value", value)


def _traceback():
    """The traceback of the exception being handled, as text."""
    import traceback
    return traceback.format_exc()


def _text(error):
    try:
        return str(error)
    except Exception:
        return repr(error)


def write_result(path, record, protocol):
    """Write ``record`` to ``path`` atomically (temporary file, then rename)."""
    try:
        data = pickle.dumps(record, protocol)
    except Exception as error:
        what = "the value returned" if record[0] == "value" else "the exception raised"
        data = pickle.dumps(("unpicklable", what, "%s: %s" % (type(error).__name__,
                                                               _text(error)),
                             _traceback()), protocol)
    temporary = "%s.%d.tmp" % (path, os.getpid())
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.rename(temporary, path)


def main(argv=None):
    """Run the task that ``argv[1]`` names (``-``: standard input); return the exit
    status."""
    argv = sys.argv if argv is None else argv
    source = argv[1] if len(argv) == 2 else None
    if source is None:
        sys.stderr.write("usage: %s TASK-FILE (or - for standard input)\n" % argv[0])
        return NO_TASK
    try:
        if source == "-":
            header, call = read_task(getattr(sys.stdin, "buffer", sys.stdin))
        else:
            with open(source, "rb") as stream:
                header, call = read_task(stream)
    except (IOError, OSError) as error:
        sys.stderr.write("drmaa2 executor worker on %s: cannot read the task file %s (%s); "
                         "is the work directory visible on this host (a shared file "
                         "system)?\n" % (_host(), source, error))
        return NO_TASK
    except Exception:
        sys.stderr.write("drmaa2 executor worker on %s: the task file %s cannot be "
                         "unpickled here (is the function's module importable where jobs "
                         "run?):\n%s" % (_host(), source, _traceback()))
        return NO_TASK
    record = run(header, call)
    try:
        write_result(header["result"], record, header["protocol"])
    except (IOError, OSError) as error:
        sys.stderr.write("drmaa2 executor worker on %s: cannot write the result file %s "
                         "(%s)\n" % (_host(), header["result"], error))
        return NO_RESULT
    return 0


def _host():
    return os.uname()[1]


if __name__ == "__main__":
    _drop_own_directory()
    sys.exit(main())
