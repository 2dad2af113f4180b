"""The backends the conformance suite (tests/test_api_*.py and tests/test_backends_e2e.py)
runs against, and every way they differ: declared here, in one place, and nowhere else.

``DRMAA2_TEST_BACKENDS`` names the backends to test, comma-separated (default
``libdrmaa2``: the DRMAA2 stub library).  ``make test-sge`` runs them with ``drmaa1``:
Debian's Grid Engine DRMAA v1 library on a single-host cell.

A test that differs between backends asks :func:`feature` (or one of the helpers below,
which read the table), never the backend's name.  A test that holds on some backends only
carries a marker that tests/conftest.py turns into a deselection (listed at the end of
the run, never a silent pass):

- ``@pytest.mark.stub_only``: the test is about the stub itself (its fault injection, its
  slot count, its implementation-specific attributes, its exact names): it runs on a
  backend whose ``stub`` entry is true;
- ``@pytest.mark.needs("monitoring", ...)``: the test needs the optional families named
  (``reservations``, ``monitoring``, ``events``): it runs on a backend that declares
  them all true.  That a backend without them refuses them is tested in
  test_backends_e2e.py.
"""
import datetime
import os
import threading
import time

import variants
import pytest

from drmaa2 import INFINITE_TIME, InvalidStateException, JobState, JobTemplate, UnsupportedOperationException

#: What each backend can do and what it answers, where backends differ.
#:
#: - ``stub``: the backend runs over the DRMAA2 stub of tests/stub (``stub_only`` tests
#:   run there only);
#: - ``drms_name``: what ``drmaa2.get_drms_name()`` says;
#: - ``drmaa_major``: the major DRMAA version of the C library;
#: - ``library_variable``: the environment variable that names the C library to load;
#: - ``reservations``, ``monitoring``, ``events``: whether the backend offers them
#:   (without, they raise UnsupportedOperationException);
#: - ``others_exit_status``: whether a process that did not submit a job learns its exit
#:   status (DRMAA v1 tells it only to the submitting process, while that lives); without,
#:   such a process sees the job's end as DONE, FAILED or UNDETERMINED, no exit status,
#:   and an annotation that says so;
#: - ``control_is_synchronous``: whether a job's state has changed when suspend, resume,
#:   hold or release returns (a real DRM applies them a moment later: tests poll);
#: - ``queue``: a queue name jobs may ask for, and the one a job's JobInfo names;
#: - ``native_option``: for a backend whose JobTemplate has the implementation-specific
#:   attribute ``native_specification``, a native option that sets the job's environment
#:   variable DRMAA2_NATIVE to ``yes``; None for a backend without that attribute;
#: - ``impl_spec``: the implementation-specific attributes of the job template and the job
#:   info (the other data types have none on either backend);
#: - ``capabilities``: the optional features ``drmaa2.supports`` claims (all the others
#:   it denies);
#: - ``signal_name``: how the terminating signal SIGKILL is named;
#: - ``placement``: the fields of a finished job's JobInfo that tell where it ran
#:   (``allocated_machines``, ``slots``, ``queue_name``) that the backend fills; the
#:   others stay None (DRMAA v1's drmaa_wait tells none of them);
#: - ``time_resolution``: how finely a job's dispatch and finish times are told (DRMAA
#:   v1's drmaa_wait tells whole seconds: a job dispatched in the second it was submitted
#:   may seem dispatched up to a second before its submission time, which drmaa2 takes
#:   itself);
#: - ``job_info_job_name``: whether a job's JobInfo tells the job's name (the 2012 C
#:   binding's job info has no jobName: there it is None);
#: - ``reap``: whether ``Job.reap()`` and ``JobArray.reap()`` work (without, the C
#:   library lacks the optional drmaa2_j_reap: they raise UnsupportedOperationException);
#: - ``contact``: a contact string a job session may be created with and reports back
#:   (the stub takes any; DRMAA v1 passes it to drmaa_init, where a DRM takes only its
#:   own, so None: the default DRM's).
BACKENDS = {
    "libdrmaa2": {
        "stub": True,
        "drms_name": "drmaa2-stub",
        "drmaa_major": "2",
        "library_variable": "DRMAA2_LIBRARY_PATH",
        "reservations": True,
        "monitoring": True,
        "events": True,
        "others_exit_status": True,
        "control_is_synchronous": True,
        "queue": "local",
        "native_option": None,
        "impl_spec": {"job_template": ["stub_nice"], "job_info": ["stub_max_rss_kib"]},
        "capabilities": ("ADVANCE_RESERVATION", "RESERVE_SLOTS", "CALLBACK",
                         "BULK_JOBS_MAXPARALLEL", "RT_STARTNOW", "RT_DURATION",
                         "RT_MACHINEOS", "RT_MACHINEARCH"),
        "signal_name": ("SIGKILL", "KILL", "9"),
        "placement": ("allocated_machines", "slots", "queue_name"),
        "time_resolution": datetime.timedelta(0),
        "job_info_job_name": True,
        "reap": True,
        "contact": "my-contact",
    },
    "drmaa1": {
        "stub": False,
        "drms_name": "SGE",
        "drmaa_major": "1",
        "library_variable": "DRMAA_LIBRARY_PATH",
        "reservations": False,
        "monitoring": False,
        "events": False,
        "others_exit_status": False,
        "control_is_synchronous": False,
        "queue": "all.q",
        "native_option": "-v DRMAA2_NATIVE=yes",
        "impl_spec": {"job_template": ["native_specification"], "job_info": []},
        "capabilities": ("BULK_JOBS_MAXPARALLEL", "JT_EMAIL", "JT_DEADLINE", "JT_MAXSLOTS",
                         "JT_ACCOUNTINGID"),
        "signal_name": ("SIGKILL",),
        "placement": (),
        "time_resolution": datetime.timedelta(seconds=1),
        "job_info_job_name": True,
        "reap": True,
        "contact": None,
    },
}

# ``make test-vendors`` runs the suite over the stub built as each vendor's library, with
# its quirks: what the libdrmaa2 backend answers differently there is declared in
# tests/variants.py (DRMAA2_TEST_VARIANT names the variant).
BACKENDS["libdrmaa2"].update(variants.backend_differences(os.environ))

#: The optional families a ``needs`` marker may name.
FAMILIES = ("reservations", "monitoring", "events")

#: The variable naming the backends to test, and its default.
VARIABLE = "DRMAA2_TEST_BACKENDS"
DEFAULT = "libdrmaa2"

#: The states of a job that ended.
ENDED = (JobState.DONE, JobState.FAILED)

#: How long a test waits for a job that should end soon: generous, for a real DRM's
#: scheduling interval on a loaded machine (never a timing assertion).
PATIENCE = 60


def selected(environ=None):
    """The names of the backends to test, as DRMAA2_TEST_BACKENDS says; an unknown name
    is an error (a typo must not test nothing)."""
    environ = os.environ if environ is None else environ
    names = [name.strip() for name in (environ.get(VARIABLE) or DEFAULT).split(",")
             if name.strip()]
    unknown = [name for name in names if name not in BACKENDS]
    if unknown or not names:
        raise ValueError("%s=%r: unknown backend(s) %s; known: %s" % (
            VARIABLE, environ.get(VARIABLE), ", ".join(unknown) or "(none given)",
            ", ".join(sorted(BACKENDS))))
    return names


def feature(name, what):
    """What backend ``name`` declares for ``what`` (see BACKENDS)."""
    return BACKENDS[name][what]


def why_not(name, marks):
    """Why a test with the markers ``marks`` (``(marker name, args)`` pairs) does not run
    on backend ``name``: a short reason, or None when it runs there."""
    stub_only, lacking = False, []
    for mark, args in marks:
        if mark == "stub_only":
            stub_only = not feature(name, "stub")
        elif mark == "needs":
            unknown = [family for family in args if family not in FAMILIES]
            if unknown or not args:
                raise ValueError("needs(%s): name one or more of %s"
                                 % (", ".join(map(repr, args)), ", ".join(FAMILIES)))
            lacking.extend(family for family in args
                           if not feature(name, family) and family not in lacking)
    if stub_only:
        return "stub_only"
    return "needs %s" % ", ".join(sorted(lacking)) if lacking else None


# ---------------------------------------------------------------------------------------
# Expectations derived from the table, shared by the tests.

def ended_elsewhere(name, state):
    """The states in which this process may see a job that another process submitted
    and that ended in ``state`` there (see ``others_exit_status``)."""
    if feature(name, "others_exit_status"):
        return (state,)
    return (state, JobState.UNDETERMINED) if state != JobState.UNDETERMINED else (state,)


def exit_status_elsewhere(name, status):
    """The exit status this process learns of a job that another process submitted and
    that exited with ``status`` (None: the backend cannot know it)."""
    return status if feature(name, "others_exit_status") else None


def reaped(name, thing):
    """Reap ``thing`` (a Job or a JobArray) where backend ``name`` can, and return True;
    where it cannot (``reap`` false), check that it refuses with
    UnsupportedOperationException, and return False."""
    if feature(name, "reap"):
        thing.reap()
        return True
    with pytest.raises(UnsupportedOperationException):
        thing.reap()
    return False


def refused_reap(name):
    """The exception reaping a job that has not ended raises on backend ``name``."""
    return InvalidStateException if feature(name, "reap") else UnsupportedOperationException


def state_after_control(name, job, wanted, patience=PATIENCE):
    """The state of ``job`` after a control operation that should bring it to ``wanted``:
    read once where the backend applies control synchronously, else polled until it is
    ``wanted`` (for at most ``patience`` seconds).  Returns the state seen."""
    state = job.get_state()[0]
    if feature(name, "control_is_synchronous"):
        return state
    deadline = time.time() + patience
    while state != wanted and time.time() < deadline:
        time.sleep(0.1)
        state = job.get_state()[0]
    return state


# ---------------------------------------------------------------------------------------
# Jobs as the conformance tests submit them.

def job_template(*command, **fields):
    """A JobTemplate of ``command`` whose output and error go to /dev/null unless the test
    says otherwise (a DRM's default would write files into the home directory)."""
    fields.setdefault("output_path", "/dev/null")
    if not fields.get("join_files"):
        fields.setdefault("error_path", "/dev/null")
    return JobTemplate(remote_command=command[0], args=list(command[1:]), **fields)


def run(session, *command, **fields):
    """Submit ``command`` (see job_template) to ``session``; return the Job."""
    return session.run_job(job_template(*command, **fields))


def sleeper(session, seconds="30", **fields):
    """A job that sleeps ``seconds`` (long enough to outlast a test by default)."""
    return run(session, "/bin/sleep", seconds, **fields)


def held_back(session, release, **fields):
    """A job that ends (DONE) once the file ``release`` exists: it ends after what the
    test did before making the file, however slow the machine."""
    return run(session, "/bin/sh", "-c", 'while [ ! -e "$0" ]; do sleep 0.01; done', release,
               **fields)


class EndWaiters(object):
    """One started thread per job, each waiting for its job's end without a time limit."""

    def __init__(self, jobs):
        self.jobs = list(jobs)
        self.ended, self.errors = [], []
        self.threads = [threading.Thread(target=self._wait_for, args=(job,))
                        for job in self.jobs]
        for thread in self.threads:
            thread.start()

    def _wait_for(self, job):
        try:
            job.wait_terminated(INFINITE_TIME)
            self.ended.append(job)
        except Exception as error:  # reported by end_and_check
            self.errors.append(error)

    def all_waiting(self):
        """Whether every thread is still in its wait."""
        return all(thread.is_alive() for thread in self.threads)

    def end_and_check(self):
        """Terminate the jobs; assert that every wait returned, without an error."""
        for job in self.jobs:
            job.terminate()
        for thread in self.threads:
            thread.join(PATIENCE)
        assert not any(thread.is_alive() for thread in self.threads)
        assert self.errors == []
        assert set(self.ended) == set(self.jobs)


def finished_info(job):
    """The JobInfo of ``job`` once it has ended."""
    job.wait_terminated(PATIENCE)
    return job.get_info()
