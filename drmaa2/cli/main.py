"""The entry point of the command line: parse, run the subcommand, turn failures into
one line on stderr and an exit code."""
import logging
import sys
import traceback

import six

import drmaa2
from drmaa2.cli import commands, errors, parser
from drmaa2.exceptions import Drmaa2Exception, LibraryNotFoundError


def main(argv=None):
    """Run ``python -m drmaa2`` with ``argv`` (default: ``sys.argv[1:]``); return the exit
    code."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv[:argv.index("--")] if "--" in argv else "--debug" in argv
    try:
        args = parser.parse(argv)
        if args.debug:
            enable_debug_log()
        load_library()
        return commands.COMMANDS[args.subcommand](args)
    except SystemExit:
        raise  # --help and --version
    except LibraryNotFoundError as error:
        if _subcommand(argv) == "info":
            if debug:
                traceback.print_exc()
            return no_library(error)
        return errors.exit_code_of(error, debug)
    except BaseException as error:
        return errors.exit_code_of(error, debug)


def load_library():
    """Load the library before the command runs, so that a failure to set it up is told
    apart from the command's own DRMAA2 errors: LibraryNotFoundError as it is, any other
    as a LibraryProblem."""
    try:
        drmaa2.library_path()
    except LibraryNotFoundError:
        raise
    except Drmaa2Exception as error:
        six.reraise(errors.LibraryProblem, errors.LibraryProblem(error), sys.exc_info()[2])


def no_library(error):
    """``info`` without a library: the whole message (every place tried and how to fix
    it) on stderr; exit code 2."""
    sys.stderr.write("drmaa2: %s\n" % (error,))
    return errors.EXIT_USAGE


def enable_debug_log():
    """Show the drmaa2 logger's messages (the library search, the profile chosen) on
    stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("drmaa2 debug: %(message)s"))
    log = logging.getLogger("drmaa2")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)


def _subcommand(argv):
    words = [word for word in argv if not word.startswith("-")]
    return words[0] if words else None
