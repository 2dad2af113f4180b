"""The module functions that create, open, destroy and list sessions."""
import sys

import six

from drmaa2 import _arguments, backend
from drmaa2.exceptions import Drmaa2Exception
from drmaa2.job_session import JobSession
from drmaa2.monitoring_session import MonitoringSession
from drmaa2.reservation_session import ReservationSession

__all__ = ["create_job_session", "open_job_session", "destroy_job_session",
           "get_job_session_names", "create_reservation_session",
           "open_reservation_session", "destroy_reservation_session",
           "get_reservation_session_names", "destroy_session", "open_monitoring_session"]


def create_job_session(session_name=None, contact=None):
    """Create and open a new job session; return its JobSession.

    ``session_name`` must not exist yet (None: the library makes up a unique name, see
    ``JobSession.session_name``).  ``contact`` chooses the DRM system where the library
    knows several (None: the default).  The session persists until
    ``destroy_job_session``.
    """
    name = _arguments.text(session_name, "session_name", optional=True)
    contact = _arguments.text(contact, "contact", optional=True)
    impl = backend.current()
    return _wrap(JobSession, impl, impl.create_jsession(name, contact),
                 impl.close_jsession)


def open_job_session(session_name):
    """Open the existing job session ``session_name`` (made by this or another process);
    return its JobSession."""
    name = _arguments.text(session_name, "session_name")
    impl = backend.current()
    return _wrap(JobSession, impl, impl.open_jsession(name), impl.close_jsession)


def destroy_job_session(session_name):
    """Remove the job session ``session_name`` and all the DRM system keeps of it."""
    name = _arguments.text(session_name, "session_name")
    backend.current().destroy_jsession(name)


def get_job_session_names():
    """Return the names of the job sessions this user can open (a list of strings)."""
    return backend.current().get_jsession_names()


def create_reservation_session(session_name=None, contact=None):
    """Create and open a new reservation session; return its ReservationSession.

    ``session_name`` must not exist yet (None: the library makes up a unique name);
    ``contact`` chooses the DRM system (None: the default).
    """
    name = _arguments.text(session_name, "session_name", optional=True)
    contact = _arguments.text(contact, "contact", optional=True)
    impl = backend.current()
    return _wrap(ReservationSession, impl, impl.create_rsession(name, contact),
                 impl.close_rsession)


def open_reservation_session(session_name):
    """Open the existing reservation session ``session_name``; return its
    ReservationSession."""
    name = _arguments.text(session_name, "session_name")
    impl = backend.current()
    return _wrap(ReservationSession, impl, impl.open_rsession(name),
                 impl.close_rsession)


def destroy_reservation_session(session_name):
    """Remove the reservation session ``session_name`` and all the DRM system keeps of
    it."""
    name = _arguments.text(session_name, "session_name")
    backend.current().destroy_rsession(name)


def get_reservation_session_names():
    """Return the names of the reservation sessions this user can open (a list of
    strings)."""
    return backend.current().get_rsession_names()


def destroy_session(session=None, session_name=None):
    """Remove every session called ``session`` (a session name), job session and
    reservation session.

    This is the reference interface's function, with its argument name ``session``;
    ``session_name=`` (the name of the other session functions) is taken instead.
    ``destroy_job_session`` and ``destroy_reservation_session`` remove one kind.  Raises
    the library's exception when no session of either kind could be removed.
    """
    if (session is None) == (session_name is None):
        raise TypeError("destroy_session() takes one session name: session (the reference "
                        "interface's name) or session_name, %s"
                        % ("not both" if session is not None else "none was given"))
    if session is not None:
        name = _arguments.text(session, "session")
    else:
        name = _arguments.text(session_name, "session_name")
    impl = backend.current()
    failures = []
    for destroy in (impl.destroy_jsession, impl.destroy_rsession):
        try:
            destroy(name)
        except Drmaa2Exception as error:
            failures.append(error)
    if len(failures) == 2:
        raise failures[0]


def open_monitoring_session(contact=None):
    """Open a MonitoringSession: every job, queue, machine and reservation of the DRM
    system that this user may see.  ``contact`` chooses the DRM system (None: the
    default)."""
    contact = _arguments.text(contact, "contact", optional=True)
    impl = backend.current()
    handle = impl.open_msession(contact)
    return MonitoringSession(impl, handle, contact)


def _wrap(cls, impl, handle, close):
    """The session object of ``handle``; when making it fails, the session is closed."""
    try:
        return cls(impl, handle)
    except BaseException:
        failure = sys.exc_info()
        try:
            close(handle)
        except Drmaa2Exception:
            pass  # the first failure is the one worth reporting
        six.reraise(*failure)
