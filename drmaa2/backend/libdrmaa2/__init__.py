"""The backend over a DRMAA2 C library (``libdrmaa2.so``), through ``drmaa2._c``.

Most operations of the backend interface (``drmaa2.backend.base``) are one call of the
``drmaa2._c.Library`` method of the same name: those are listed once in
:data:`LIBRARY_OPERATIONS` and each backend object takes the library's bound method
itself, so that they cost no Python call of their own.  Only the operations that add
behaviour to the C API are written here: the waits (interruptible, with seconds as
floats, through ``drmaa2.backend.waiting``), the event callback that cannot crash the
process, and the facts about the loaded library that ``python -m drmaa2 info`` shows.
Handles it returns are opaque to the public layer.
"""
import logging

from drmaa2.backend.base import Backend
from drmaa2.backend.waiting import Watch, wait_until

__all__ = ["Libdrmaa2Backend", "LIBRARY_OPERATIONS", "create"]

_log = logging.getLogger("drmaa2")

#: The operations that are exactly one call of the ``drmaa2._c.Library`` method of the
#: same name (arguments and result unchanged).
LIBRARY_OPERATIONS = (
    # names, versions, limits, implementation-specific attributes
    "get_drms_name", "get_drms_version", "get_drmaa_name", "get_drmaa_version", "supports",
    "resource_limit_names", "impl_spec", "describe_attribute",
    # job sessions
    "create_jsession", "open_jsession", "close_jsession", "destroy_jsession",
    "get_jsession_names", "jsession_get_contact", "jsession_get_session_name",
    "jsession_get_job_categories", "jsession_run_job", "jsession_run_bulk_jobs",
    "jsession_get_jobs", "jsession_get_job_array",
    # jobs
    "j_get_id", "j_get_session_name", "j_get_jtemplate", "j_get_state", "j_get_info",
    "j_suspend", "j_resume", "j_hold", "j_release", "j_terminate", "j_reap",
    # job arrays
    "jarray_get_id", "jarray_get_jobs", "jarray_get_session_name", "jarray_get_jtemplate",
    "jarray_suspend", "jarray_resume", "jarray_hold", "jarray_release", "jarray_terminate",
    "jarray_reap",
    # reservation sessions and reservations
    "create_rsession", "open_rsession", "close_rsession", "destroy_rsession",
    "get_rsession_names", "rsession_get_contact", "rsession_get_session_name",
    "rsession_request_reservation", "rsession_get_reservation", "rsession_get_reservations",
    "r_get_id", "r_get_session_name", "r_get_reservation_template", "r_get_info",
    "r_terminate",
    # monitoring sessions
    "open_msession", "close_msession", "msession_get_all_jobs", "msession_get_all_queues",
    "msession_get_all_machines", "msession_get_all_reservations",
)


class Libdrmaa2Backend(Backend):
    """The public API's behaviour over a loaded DRMAA2 C library (a ``drmaa2._c`` Library).

    The operations of LIBRARY_OPERATIONS are the library's own bound methods, set on each
    object; the methods below are the ones that add behaviour.
    """

    name = "libdrmaa2"

    def __init__(self, library):
        self.library = library
        for operation in LIBRARY_OPERATIONS:
            setattr(self, operation, getattr(library, operation))

    def __repr__(self):
        return "<Libdrmaa2Backend %s>" % (getattr(self.library, "path", None),)

    # The library in use (library_path and found_by: the interface's defaults)

    @property
    def profile(self):
        """The name of the layout profile the library's structs are read with."""
        return self.library.profile

    @property
    def profile_description(self):
        """What is special about the layout profile."""
        from drmaa2._c.profiles import PROFILES
        profile = PROFILES.get(self.library.profile)
        return None if profile is None else profile.description

    @property
    def quirks(self):
        """What the load-time probes found out about the library's behaviour."""
        return dict(vars(self.library.quirks))

    # Waits: the caller's thread asks with a zero timeout, a helper thread waits in C

    def jsession_wait_any_started(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has started; return a handle of it."""
        return self._wait_any(self.library.jsession_wait_any_started, session, jobs, timeout,
                              "the start of any job of %d" % len(jobs))

    def jsession_wait_any_terminated(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has ended; return a handle of it."""
        return self._wait_any(self.library.jsession_wait_any_terminated, session, jobs,
                              timeout, "the end of any job of %d" % len(jobs))

    def _wait_any(self, ask, session, jobs, timeout, what):
        # Built once, not at every question; freed when the last wait on it (perhaps a
        # helper's C wait that outlives this call) lets it go.
        job_list = self.library.job_list(jobs)
        return wait_until(lambda seconds: ask(session, job_list, seconds), timeout, what)

    def j_wait_started(self, job, timeout, job_id):
        """Wait until the job has started (or ended)."""
        ask = self.library.j_wait_started
        wait_until(lambda seconds: ask(job, seconds), timeout,
                   "the start of job %s" % (job_id,))

    def j_wait_terminated(self, job, timeout, job_id):
        """Wait until the job has ended."""
        ask = self.library.j_wait_terminated
        wait_until(lambda seconds: ask(job, seconds), timeout,
                   "the end of job %s" % (job_id,))

    def jsession_watch_terminated(self, session):
        """A Watch of job handles of ``session``: each that ends is taken once."""
        library = self.library
        ask = library.jsession_wait_any_terminated
        return _LibraryWatch(library, lambda jobs, seconds: ask(session, jobs, seconds))

    # Event notification: a user's callback must not crash the library's thread

    def register_event_notification(self, callback):
        """Deliver the library's events to ``callback`` (None: stop delivering).

        The callback runs in whatever thread the library reports from; whatever it raises
        is logged on the 'drmaa2' logger and goes no further.  (The C layer keeps its C
        callback alive and unregisters it at interpreter exit.)
        """
        self.library.register_event_notification(
            None if callback is None else _Guarded(callback))


class _Guarded(object):
    """A user's event callback that logs, instead of raising, whatever the callback raises."""

    def __init__(self, callback):
        self.callback = callback

    def __call__(self, notification):
        try:
            self.callback(notification)
        except Exception:
            _log.exception("the event callback %r raised on %r; the event is dropped",
                           self.callback, notification)


class _LibraryWatch(Watch):
    """A Watch over the library's own job list."""

    def __init__(self, library, ask):
        Watch.__init__(self, ask, lambda: library.job_list(), lambda jobs, job: jobs.add(job),
                       lambda jobs, position: jobs.remove(position), library.j_get_id,
                       "end")

    def close(self):
        """Stop watching and free the library's list."""
        for job_list in Watch.close(self):
            if job_list is not None:
                job_list.free()


def create():
    """The backend over the DRMAA2 C library that ``drmaa2._c`` finds and loads."""
    from drmaa2 import _c
    return Libdrmaa2Backend(_c.library())
