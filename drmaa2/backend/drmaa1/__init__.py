"""The backend over a DRMAA version 1 C library (``libdrmaa.so`` of Slurm, Grid Engine, LSF,
PBS/Torque, HTCondor), through ``drmaa2._c.drmaa1``.

It gives DRMAA2's semantics where DRMAA v1 has none: named, persistent job sessions and
job arrays (a SQLite store of the user), job information from ``drmaa_wait`` kept once
seen, DRMAA2 states, interruptible waits with float seconds, and the template fields
DRMAA v1 lacks as the DRM's native specification.  Reservations, monitoring and event
notification raise UnsupportedOperationException (the interface's default,
``drmaa2.backend.base``).  docs/clusters.md tells what DRMAA v1
cannot know about a job that ended while no process of its session waited for it.
"""
import atexit
import logging
import threading

from drmaa2._c.handles import other_threads_alive
from drmaa2.backend.base import Backend
from drmaa2.backend.drmaa1.jobs import JobsMixin
from drmaa2.backend.drmaa1.master import MasterProbe
from drmaa2.backend.drmaa1.sessions import SessionsMixin
from drmaa2.backend.drmaa1.store import Store
from drmaa2.backend.drmaa1.system import SystemMixin
from drmaa2.exceptions import Drmaa2Exception

__all__ = ["Drmaa1Backend", "create"]

LOG = logging.getLogger("drmaa2")

#: The job id asked about to learn whether the DRM's master answers when this process has
#: no job of its own (no DRM gives it: the master answers "no such job").
NO_JOB = "0"


class Drmaa1Backend(SessionsMixin, JobsMixin, SystemMixin, Backend):
    """The public API's behaviour over a loaded DRMAA v1 C library (a
    ``drmaa2._c.drmaa1.Drmaa1Library``) and a ``store.Store``."""

    name = "drmaa1"
    _unsupported_reason = "DRMAA v1 has no way to do this"

    def __init__(self, library, store=None):
        self.library = library
        self.store = store if store is not None else Store()
        self._own = {}  # job id -> session: jobs this process submitted, their end not seen
        self._reasons_asked = {}  # job id -> when the DRM's accounting was last asked
        self._master = MasterProbe(library)
        self._harvest_lock = threading.RLock()
        # drmaa_wait calls on any job of the session under way in other threads; each
        # stores the end it takes before it leaves, and then notifies _harvested
        self._any_waits = set()
        self._harvested = threading.Condition(self._harvest_lock)
        self._session_lock = threading.Lock()
        self._attributes = None
        self._exit_registered = False

    def __repr__(self):
        return "<Drmaa1Backend %s>" % (self.library.path,)

    def _ensure_drmaa_session(self, contact=None):
        """Open this process's DRMAA v1 session (once); closed at interpreter exit."""
        self.library.init(contact)
        with self._session_lock:
            if not self._exit_registered:
                atexit.register(self._shutdown_at_exit)
                self._exit_registered = True

    def _supported_attributes(self):
        if self._attributes is None:
            self._attributes = frozenset(self.library.attribute_names())
        return self._attributes

    def _shutdown_at_exit(self):
        # Daemon threads alive at exit may sit in drmaa_wait: closing the session would
        # pull it from under them, so the process's end closes it instead.
        self.shutdown(close_session=not other_threads_alive())

    def shutdown(self, close_session=True):
        """Store the end of every job of this process that has ended, then close the
        DRMAA v1 session (unless ``close_session`` is false, or the DRM's master does not
        answer: ``drmaa_exit`` would wait for it, and a session left open ends with the
        process).  Runs at interpreter exit, where the session stays open while other
        threads live: afterwards DRMAA v1 can no longer tell how this process's jobs
        ended (see docs/clusters.md)."""
        for job_id, session in sorted(self._own.items()):
            try:
                record = self.store.job(session, job_id)
                if record is not None and not record.observed:
                    self._harvest(record)  # its own end replaces an unobserved one
            except Drmaa2Exception as error:  # the store or the DRM is gone: nothing to keep
                LOG.debug("could not ask about job %s at exit: %s", job_id, error)
        if self._own:
            LOG.info("drmaa2: %d job(s) of this process had not ended at exit; DRMAA v1 "
                     "cannot tell their exit status to later processes", len(self._own))
        if not close_session or not self.library.active:
            return
        if not self._master.answers(min(self._own) if self._own else NO_JOB):
            # drmaa_exit would wait for the master (Grid Engine: 2 to 8 s, joining its event
            # client, which sleeps between attempts to reach it); it ends no job and has
            # nothing to store: the process's end closes the library's connections.
            LOG.info("drmaa2: the DRM's master does not answer: the DRMAA v1 session is "
                     "left open (drmaa_exit would wait for the master)")
            return
        try:
            self.library.exit()
        except Drmaa2Exception as error:
            LOG.debug("closing the DRMAA v1 session failed: %s", error)


def create():
    """The backend over the DRMAA v1 C library that ``drmaa2._c.drmaa1`` finds and loads."""
    from drmaa2._c import drmaa1
    backend = Drmaa1Backend(drmaa1.library())
    LOG.debug("drmaa2 backend drmaa1: DRMAA v1 library %s (found by %s)",
              backend.library_path, backend.found_by)
    return backend
