"""How the command line fails: one line on stderr and an exit code, never a traceback
(unless ``--debug``)."""
import errno
import sys
import traceback

from drmaa2.exceptions import Drmaa2Exception, LibraryNotFoundError

#: Exit code of a DRMAA2 error (and of any other failed operation).
EXIT_FAILURE = 1
#: Exit code of a usage problem (bad arguments) or of a library that cannot be loaded.
EXIT_USAGE = 2
#: Exit code after Ctrl-C, as shells report SIGINT.
EXIT_INTERRUPTED = 130

PROGRAM = "drmaa2"


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


class LibraryProblem(Exception):
    """Setting up the library failed (a refused library, a bad DRMAA2_LAYOUT or
    DRMAA2_BACKEND): exit code 2.  ``error`` is the exception that said so."""

    def __init__(self, error):
        Exception.__init__(self, "%s: %s" % (type(error).__name__, error))
        self.error = error


class CommandError(Exception):
    """An operation failed for a reason the command line found itself, such as a job id
    that names no job (exit code 1)."""


def one_line(text):
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


def report(message, stream=None):
    """Write ``drmaa2: <message>`` as one line on stderr (or ``stream``)."""
    stream = sys.stderr if stream is None else stream
    stream.write("%s: %s\n" % (PROGRAM, one_line(message)))
    stream.flush()


def exit_code_of(error, debug=False):
    """Report ``error`` (an exception being handled) and return the exit code for it.

    With ``debug`` the traceback goes to stderr first.
    """
    if debug:
        traceback.print_exc()
    if isinstance(error, KeyboardInterrupt):
        report("interrupted")
        return EXIT_INTERRUPTED
    if isinstance(error, UsageError):
        report("error: %s" % (error,))
        return EXIT_USAGE
    if isinstance(error, LibraryProblem):
        report("library problem: %s" % (error,))
        return EXIT_USAGE
    if isinstance(error, LibraryNotFoundError):
        first = str(error).splitlines()[0] if str(error) else "no DRMAA2 library"
        report("library problem: %s (`python -m drmaa2 info` lists the places tried and "
               "how to fix it)" % (first,))
        return EXIT_USAGE
    if isinstance(error, Drmaa2Exception):
        report("%s: %s" % (type(error).__name__, error))
        return EXIT_FAILURE
    if isinstance(error, CommandError):
        report("error: %s" % (error,))
        return EXIT_FAILURE
    if isinstance(error, (IOError, OSError)) and error.errno == errno.EPIPE:
        return EXIT_FAILURE  # the reader of our output went away: nothing left to say
    report("unexpected %s: %s%s" % (type(error).__name__, error,
                                    "" if debug else " (run with --debug for the traceback)"))
    return EXIT_FAILURE
