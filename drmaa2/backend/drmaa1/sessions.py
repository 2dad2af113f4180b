"""Job sessions over DRMAA version 1: named and persistent through the store.

DRMAA v1 has one anonymous session per process (``drmaa_init``); every DRMAA2 job
session of the process shares it.  Sessions' names, contacts and jobs live in the store,
so any process can open a session and see its jobs.
"""
import uuid

from drmaa2.backend.drmaa1 import intents
from drmaa2.backend.drmaa1.handles import JobSessionHandle
from drmaa2.exceptions import InvalidArgumentException

_MAX_NAME = 255


def check_session_name(name):
    """Refuse a session name that is empty, too long, or has '/' or control characters."""
    if not name:
        raise InvalidArgumentException("session_name must not be empty")
    if len(name) > _MAX_NAME:
        raise InvalidArgumentException("session_name is %d characters long; at most %d are "
                                       "allowed" % (len(name), _MAX_NAME))
    if "/" in name or any(ord(c) < 0x20 or ord(c) == 0x7f for c in name):
        raise InvalidArgumentException("session_name %r must not contain '/' or control "
                                       "characters" % (name,))


class SessionsMixin(object):
    """Create, open, close, destroy and list job sessions."""

    def create_jsession(self, name, contact):
        """Create a persistent job session (``name`` None: a unique one); return its
        handle.  ``contact`` is the DRMAA v1 contact string (None: the default DRM)."""
        if name is None:
            name = "drmaa2-" + uuid.uuid4().hex[:16]
        check_session_name(name)
        self._ensure_drmaa_session(contact)
        self.store.create_session(name, contact)
        return JobSessionHandle(name, contact)

    def open_jsession(self, name):
        """Open the existing job session ``name``; return its handle.  Submissions of the
        session that a killed process left without job ids are resolved first (see
        ``intents``)."""
        found, contact = self.store.session_contact(name)
        if not found:
            raise InvalidArgumentException("there is no job session named %r" % (name,))
        self._ensure_drmaa_session(contact)
        intents.resolve(self.store, self.library.profile, name)
        return JobSessionHandle(name, contact)

    def close_jsession(self, handle):
        """Disengage from a job session (its jobs go on; the process's DRMAA v1 session
        stays open for the other sessions until the interpreter exits)."""
        handle.closed = True

    def destroy_jsession(self, name):
        """Forget the job session ``name`` and its jobs (the jobs themselves go on)."""
        if not self.store.destroy_session(name):
            raise InvalidArgumentException("there is no job session named %r" % (name,))

    def get_jsession_names(self):
        """The names of the job sessions that can be opened."""
        return self.store.session_names()

    def jsession_get_contact(self, handle):
        """The contact string the session was created with (None: the default DRM)."""
        return handle.contact

    def jsession_get_session_name(self, handle):
        """The name of a job session."""
        return handle.name

    def jsession_get_job_categories(self, handle):
        """The job categories the DRM offers: DRMAA v1 cannot list them, so none."""
        self._check_open(handle)
        return []


__all__ = ["SessionsMixin", "check_session_name"]
