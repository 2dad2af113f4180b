"""The entry point of the command line: parse, run the subcommand, turn failures into
one line on stderr and an exit code."""
import logging
import sys
import traceback

from drmaa2.cli import commands, errors, parser
from drmaa2.exceptions import LibraryNotFoundError


def main(argv=None):
    """Run ``python -m drmaa2`` with ``argv`` (default: ``sys.argv[1:]``); return the exit
    code."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv[:argv.index("--")] if "--" in argv else "--debug" in argv
    try:
        args = parser.parse(argv)
        if args.debug:
            enable_debug_log()
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
