"""What each subcommand of the command line does.  Every command takes the parsed
arguments and returns the process's exit code; failures raise (see ``errors``)."""
import os
import signal
import sys
import time

import drmaa2
from drmaa2.cli import info as info_report
from drmaa2.cli import output
from drmaa2.cli.errors import EXIT_FAILURE, CommandError, report
from drmaa2.constants import INFINITE_TIME
from drmaa2.exceptions import Drmaa2Exception, UnsupportedOperationException
from drmaa2.types import JobInfo, JobTemplate

#: The job session ``run`` uses when no ``--session`` is given.
DEFAULT_SESSION = "drmaa2-cli"

#: Columns of the job tables: header and how to get the value from (job, info, state).
JOB_COLUMNS = (
    ("JOBID", lambda job, info, state: job.job_id),
    ("STATE", lambda job, info, state: state[0]),
    ("SUBSTATE", lambda job, info, state: state[1]),
    ("EXIT", lambda job, info, state: info.exit_status),
    ("SIGNAL", lambda job, info, state: info.terminating_signal),
    ("SESSION", lambda job, info, state: job.session_name),
    ("NAME", lambda job, info, state: info.job_name),
)


def out():
    """Where the command's results go (stdout, looked up at each call)."""
    return sys.stdout


def info(args):
    """Report the loaded library: path, search step, profile, names, versions,
    capabilities and implementation-specific attributes.  Without a library, print every
    place tried and how to fix it, and exit 2 (the LibraryNotFoundError is handled by the
    caller, which knows ``info`` wants the whole message)."""
    facts = info_report.collect()
    if args.json:
        output.write_json(facts)
    else:
        info_report.write_text(facts, out())
    return 0


def run(args):
    """Submit one job: ``args.command`` (no shell), in the current directory, in the job
    session ``args.session``; print its id.  With ``--wait``, wait for it and return its
    exit status."""
    template = JobTemplate(remote_command=args.command[0], args=args.command[1:],
                           working_directory=os.getcwd())
    if args.name is not None:
        template.job_name = args.name
    if args.output is not None:
        template.output_path = args.output
        template.join_files = True
    with job_session(args.session or DEFAULT_SESSION, create=True) as session:
        job = session.run_job(template)
        if not args.wait:
            if args.json:
                output.write_json({"job_id": job.job_id, "session_name": session.session_name})
            else:
                out().write("%s\n" % output.printable(job.job_id))
            return 0
        if not args.json:
            out().write("%s\n" % output.printable(job.job_id))
            out().flush()
        job.wait_terminated(INFINITE_TIME)
        job_info = job.get_info()
        if args.json:
            output.write_json({"job_id": job.job_id, "session_name": session.session_name,
                               "info": job_info})
        return exit_status_of(job.job_id, job_info)


def exit_status_of(job_id, job_info):
    """The exit code that stands for an ended job, as a shell would give it: its exit
    status; 128 + the signal number when a signal ended it; 1 when it failed without
    either (the reason on stderr)."""
    if job_info.exit_status is not None:
        return job_info.exit_status
    number = signal_number(job_info.terminating_signal)
    if number is not None:
        report("job %s was ended by %s" % (job_id, job_info.terminating_signal))
        return 128 + number
    report("job %s failed without an exit status: %s"
           % (job_id, job_info.annotation or "the DRM system gives no reason"))
    return EXIT_FAILURE


def signal_number(name):
    """The number of the signal called ``name`` ('SIGTERM', 'TERM' or '15'), or None."""
    if not name:
        return None
    if name.isdigit():
        return int(name)
    name = name.upper()
    number = getattr(signal, name if name.startswith("SIG") else "SIG" + name, None)
    return int(number) if number is not None else None


def jobs(args):
    """List jobs with their state: those of the job session ``args.session``, or every
    job the user may see; only those in ``args.state`` if given."""
    job_filter = JobInfo(job_state=args.state) if args.state is not None else None
    with JobSource(args.session) as source:
        found = source.jobs(job_filter)
        write_jobs(args, [(job, job.get_info(), job.get_state()) for job in found])
    return 0


def status(args):
    """Show the state of each job named."""
    with JobSource(args.session) as source:
        found = [source.find(job_id) for job_id in args.job_ids]
        write_jobs(args, [(job, job.get_info(), job.get_state()) for job in found])
    return 0


def wait(args):
    """Wait until every job named has ended (or ``--timeout`` seconds have passed:
    TimeoutException); then show their states."""
    deadline = None if args.timeout is None else time.time() + args.timeout
    with JobSource(args.session) as source:
        found = [source.find(job_id) for job_id in args.job_ids]
        in_sessions = [job for job in found if job.session_name is not None]
        for _ in drmaa2.as_completed(in_sessions, args.timeout):
            pass
        for job in found:  # jobs submitted outside DRMAA belong to no session
            if job.session_name is None:
                job.wait_terminated(INFINITE_TIME if deadline is None
                                    else max(0.0, deadline - time.time()))
        write_jobs(args, [(job, job.get_info(), job.get_state()) for job in found])
    return 0


def terminate(args):
    """End each job named, and print its id."""
    with JobSource(args.session) as source:
        found = [source.find(job_id) for job_id in args.job_ids]
        for job in found:
            job.terminate()
    if args.json:
        output.write_json({"terminated": [job.job_id for job in found]})
    else:
        for job in found:
            out().write("%s terminated\n" % output.printable(job.job_id))
    return 0


def sessions(args):
    """List the job sessions and reservation sessions by name."""
    rows = [("job", name) for name in sorted(drmaa2.get_job_session_names())]
    try:
        reservation_names = drmaa2.get_reservation_session_names()
    except UnsupportedOperationException:
        reservation_names = []  # a library without advance reservation has none
    rows += [("reservation", name) for name in sorted(reservation_names)]
    if args.json:
        output.write_json([{"kind": kind, "name": name} for kind, name in rows])
    else:
        output.write_table(("KIND", "NAME"), rows)
    return 0


def machines(args):
    """List the machines of the DRM system."""
    with drmaa2.open_monitoring_session() as monitoring:
        found = monitoring.get_all_machines()
    if args.json:
        output.write_json(found)
    else:
        output.write_table(
            ("NAME", "AVAILABLE", "SOCKETS", "CORES/SOCKET", "THREADS/CORE", "LOAD",
             "MEMORY_KIB", "OS", "OS_VERSION", "ARCH"),
            [(m.name, m.available, m.sockets, m.cores_per_socket, m.threads_per_core,
              m.load, m.phys_memory, m.machine_os, m.machine_os_version, m.machine_arch)
             for m in found])
    return 0


def queues(args):
    """List the queues of the DRM system."""
    with drmaa2.open_monitoring_session() as monitoring:
        found = monitoring.get_all_queues()
    if args.json:
        output.write_json(found)
    else:
        output.write_table(("NAME",), [(queue.name,) for queue in found])
    return 0


def write_jobs(args, rows):
    """Write (job, info, state) rows as a table, or as JSON objects."""
    if args.json:
        output.write_json([{"job_id": job.job_id, "session_name": job.session_name,
                            "state": state[0], "substate": state[1], "info": job_info}
                           for job, job_info, state in rows])
    else:
        output.write_table([header for header, _ in JOB_COLUMNS],
                           [[cell(*row) for _, cell in JOB_COLUMNS] for row in rows])


def job_session(name, create=False):
    """Open the job session ``name``; with ``create``, make it when it does not exist."""
    try:
        return drmaa2.open_job_session(name)
    except Drmaa2Exception:
        if not create:
            raise
    try:
        return drmaa2.create_job_session(name)
    except Drmaa2Exception:
        return drmaa2.open_job_session(name)  # another process made it meanwhile


class JobSource(object):
    """The jobs a command looks at, as a context manager: those of the job session
    ``session_name``, or else every job of the user, through a monitoring session or,
    where the library has none (DRMAA v1), through every job session.  The sessions stay
    open until the end of the ``with`` block, so the jobs found stay usable."""

    def __init__(self, session_name=None):
        self.session_name = session_name
        self.monitoring = None
        self.sessions = []

    def __enter__(self):
        if self.session_name is not None:
            self.sessions.append(job_session(self.session_name))
            return self
        try:
            self.monitoring = drmaa2.open_monitoring_session()
        except UnsupportedOperationException:
            try:
                for name in sorted(drmaa2.get_job_session_names()):
                    self.sessions.append(drmaa2.open_job_session(name))
            except BaseException:
                self.close()
                raise
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def close(self):
        """Close every session opened."""
        for session in self.sessions + [self.monitoring]:
            if session is not None and not session.closed:
                session.close()

    def jobs(self, job_filter=None):
        """The jobs that match ``job_filter`` (a JobInfo; None: all)."""
        if self.monitoring is not None:
            return self.monitoring.get_all_jobs(job_filter)
        return [job for session in self.sessions for job in session.get_jobs(job_filter)]

    def find(self, job_id):
        """The one job with id ``job_id``; CommandError when there is none or several."""
        found = [job for job in self.jobs(JobInfo(job_id=job_id)) if job.job_id == job_id]
        where = ("in the job session %r" % self.session_name if self.session_name
                 else "among this user's jobs")
        if not found:
            raise CommandError("no job with id %r %s" % (job_id, where))
        if len(found) > 1:
            raise CommandError("the job id %r is in several sessions (%s): name one with "
                               "--session" % (job_id, ", ".join(
                                   sorted(str(job.session_name) for job in found))))
        return found[0]


#: The subcommands, by name.
COMMANDS = {
    "info": info, "run": run, "jobs": jobs, "status": status, "wait": wait,
    "terminate": terminate, "sessions": sessions, "machines": machines, "queues": queues,
}

__all__ = ["COMMANDS", "DEFAULT_SESSION"] + sorted(COMMANDS)
