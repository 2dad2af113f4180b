"""The arguments of the command line (argparse), and how ``run`` takes its command."""
import argparse

from drmaa2._version import __version__
from drmaa2.cli.errors import PROGRAM, UsageError
from drmaa2.enums import JobState

DESCRIPTION = ("Diagnose the DRMAA2 library and run and control jobs through it. "
               "Exit codes: 0 success, 1 a DRMAA2 error, 2 a usage or library problem; "
               "`run --wait` exits with the job's exit status.")


#: The options of the main parser that take no value (besides --help and --version).
MAIN_OPTIONS = ("--json", "--debug")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors raise UsageError (one line, exit code 2) instead of
    printing the usage and exiting."""

    def error(self, message):
        raise UsageError("%s (see `%s --help`)" % (message, self.prog))


def job_state(text):
    """A JobState member from its name, any case (``running``, ``DONE``)."""
    try:
        return JobState[text.upper()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            "%r is no job state; valid: %s"
            % (text, ", ".join(state.name for state in JobState)))


def seconds(text):
    """A number of seconds >= 0."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("%r is not a number of seconds >= 0" % (text,))
    return value


def _common_options(parser, default):
    """--json and --debug, accepted before and after the subcommand.  The subcommands'
    copies default to SUPPRESS so that they do not undo the main parser's values."""
    parser.add_argument("--json", action="store_true", default=default,
                        help="print JSON for scripts instead of a table")
    parser.add_argument("--debug", action="store_true", default=default,
                        help="log what the library loader does, and show tracebacks")


def build():
    """The argument parser of ``python -m drmaa2``."""
    parser = Parser(prog=PROGRAM, description=DESCRIPTION)
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    _common_options(parser, False)
    commands = parser.add_subparsers(dest="subcommand", metavar="COMMAND")

    def command(name, help_text, usage=None):
        sub = commands.add_parser(name, help=help_text, description=help_text, usage=usage)
        _common_options(sub, argparse.SUPPRESS)
        return sub

    command("info", "which DRMAA2 library is loaded and why, its layout profile, names, "
                    "versions, capabilities and implementation-specific attributes")

    run = command("run", "submit one job, without a shell: drmaa2 run [OPTIONS] -- COMMAND "
                         "[ARGS...]; prints the job id",
                  usage="%(prog)s [-h] [--json] [--debug] [--session NAME] [--name JOBNAME] "
                        "[--output PATH] [--wait] -- COMMAND [ARGS...]")
    run.add_argument("--session", metavar="NAME",
                     help="the job session to submit in (made if need be; default: "
                          "drmaa2-cli)")
    run.add_argument("--name", metavar="JOBNAME", help="the job's name")
    run.add_argument("--output", metavar="PATH",
                     help="file for the job's standard output and error (relative to the "
                          "current directory, where the job runs)")
    run.add_argument("--wait", action="store_true",
                     help="wait for the job to end and exit with its exit status")
    run.add_argument("command", nargs=argparse.REMAINDER, metavar="COMMAND",
                     help="the command and its arguments, passed on as given")

    jobs = command("jobs", "list jobs and their states")
    jobs.add_argument("--session", metavar="NAME",
                      help="only the jobs of this job session (default: every job of "
                           "this user)")
    jobs.add_argument("--state", type=job_state, metavar="STATE",
                      help="only jobs in this state (%s)"
                           % ", ".join(state.name.lower() for state in JobState))

    for name, help_text in (("status", "show the state of jobs"),
                            ("wait", "wait until jobs have ended, then show their state"),
                            ("terminate", "end jobs")):
        sub = command(name, help_text)
        sub.add_argument("job_ids", nargs="+", metavar="JOBID")
        sub.add_argument("--session", metavar="NAME",
                         help="look the jobs up in this job session (default: among "
                              "every job of this user)")
        if name == "wait":
            sub.add_argument("--timeout", type=seconds, metavar="SECONDS",
                             help="give up after this long (a DRMAA2 TimeoutException, "
                                  "exit code 1); default: wait as long as it takes")

    command("sessions", "list the job and reservation sessions")
    command("machines", "list the machines of the DRM system")
    command("queues", "list the queues of the DRM system")
    return parser


def split_run_command(argv):
    """Split ``argv`` at the ``--`` after ``run``: (the arguments before it, the command
    after it), or (argv, None) when it is not a ``run`` with ``--``.

    The command is then taken verbatim, whatever it contains (options, other ``--``),
    which argparse alone does not promise on every Python version.
    """
    positional = [index for index, word in enumerate(argv) if not word.startswith("-")]
    if not positional or argv[positional[0]] != "run" or "--" not in argv[positional[0]:]:
        return argv, None
    split = argv.index("--", positional[0])
    return argv[:split], argv[split + 1:]


def parse(argv):
    """The parsed arguments of ``argv`` (without the program name); ``subcommand`` names
    the subcommand.  Raises UsageError when they are wrong."""
    head, tail = split_run_command(list(argv))
    wants_help = set(head) & set(["-h", "--help", "--version"])
    if not wants_help and all(word.startswith("-") for word in head):
        # argparse would only say that the command is missing (Python 2: "too few
        # arguments"), even when an option it does not know comes first.
        unknown = [word for word in head if word not in MAIN_OPTIONS]
        if unknown:
            raise UsageError("unrecognized argument%s %s (see `%s --help`)"
                             % ("s" if len(unknown) > 1 else "", " ".join(unknown), PROGRAM))
        raise UsageError("no command given; one of: info, run, jobs, status, wait, "
                         "terminate, sessions, machines, queues (see `%s --help`)" % PROGRAM)
    args = build().parse_args(head)
    if tail is not None:
        # Words before the "--" that are not options of run start the command already;
        # then that "--" is one of the command's arguments.
        args.command = list(args.command) + (["--"] if args.command else []) + tail
    if args.subcommand == "run" and not args.command:
        raise UsageError("run needs the command to run: %s run [OPTIONS] -- COMMAND "
                         "[ARGS...] (see `%s run --help`)" % (PROGRAM, PROGRAM))
    return args
