"""The backends the end-to-end tests (test_backends_e2e.py) run against, and the few ways
they differ: declared here, in one place, and nowhere else.

``DRMAA2_TEST_BACKENDS`` names the backends to test, comma-separated (default
``libdrmaa2``: the DRMAA2 stub library).  ``make test-sge`` runs them with ``drmaa1``:
Debian's Grid Engine DRMAA v1 library on a single-host cell.
"""
import os

#: What each backend can do and what it answers, where backends differ.
#:
#: - ``drms_name``: what ``drmaa2.get_drms_name()`` says;
#: - ``drmaa_major``: the major DRMAA version of the C library;
#: - ``reservations``, ``monitoring``, ``events``: whether the backend offers them
#:   (without, they raise UnsupportedOperationException);
#: - ``others_exit_status``: whether a process that did not submit a job learns its exit
#:   status (DRMAA v1 tells it only to the submitting process, while that lives);
#: - ``queue``: a queue name jobs may ask for;
#: - ``native_option``: for a backend whose JobTemplate has the implementation-specific
#:   attribute ``native_specification``, a native option that sets the job's environment
#:   variable DRMAA2_NATIVE to ``yes``; None for a backend without that attribute;
#: - ``capabilities``: the optional features ``drmaa2.supports`` claims;
#: - ``signal_name``: how the terminating signal SIGKILL is named.
BACKENDS = {
    "libdrmaa2": {
        "drms_name": "drmaa2-stub",
        "drmaa_major": "2",
        "reservations": True,
        "monitoring": True,
        "events": True,
        "others_exit_status": True,
        "queue": "local",
        "native_option": None,
        "capabilities": ("ADVANCE_RESERVATION", "RESERVE_SLOTS", "CALLBACK",
                         "BULK_JOBS_MAXPARALLEL", "RT_STARTNOW", "RT_DURATION",
                         "RT_MACHINEOS", "RT_MACHINEARCH"),
        "signal_name": ("SIGKILL", "KILL", "9"),
    },
    "drmaa1": {
        "drms_name": "SGE",
        "drmaa_major": "1",
        "reservations": False,
        "monitoring": False,
        "events": False,
        "others_exit_status": False,
        "queue": "all.q",
        "native_option": "-v DRMAA2_NATIVE=yes",
        "capabilities": ("BULK_JOBS_MAXPARALLEL", "JT_EMAIL", "JT_DEADLINE", "JT_MAXSLOTS",
                         "JT_ACCOUNTINGID"),
        "signal_name": ("SIGKILL",),
    },
}

#: The variable naming the backends to test, and its default.
VARIABLE = "DRMAA2_TEST_BACKENDS"
DEFAULT = "libdrmaa2"


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
