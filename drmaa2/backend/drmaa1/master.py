"""Whether the DRM's master answers, for the waits of the process that submitted the jobs.

``drmaa_wait`` in the submitting process waits for the ends the library is told of; while
the DRM's master is unreachable it keeps answering "timeout" (Grid Engine's library only
prints its communication errors to stderr), so such a wait would never learn of it.  A
:class:`MasterProbe` asks the master about one of the waited jobs (``drmaa_job_ps``, a
round trip to the master) at most every :data:`INTERVAL` seconds while the submitter
waits, and again when a wait's time is up; a wait raises DrmCommunicationException as
soon as a probe fails, and a timeout says that the master was unreachable (a timeout may
therefore come up to a probe's time late, 1.5 to 3 s, while the master does not answer).

At exit the backend asks :meth:`MasterProbe.answers` before ``drmaa_exit``: Grid Engine's
``drmaa_exit`` joins its event client thread, which sleeps 10 s between two attempts to
reach a master that does not answer (2 to 8 s measured), so the process leaves the session
to its end then (docs/clusters.md).
"""
import threading
import time

from drmaa2._c.drmaa1 import errors as drmaa1_errors
from drmaa2.backend.waiting import clock as _clock
from drmaa2.exceptions import DrmCommunicationException, Drmaa2Exception

#: Seconds between two probes of a waiting submitter (a failed probe takes Grid Engine's
#: library about 1.5 s more): a wait in the submitting process raises
#: DrmCommunicationException at most about INTERVAL + 2 seconds after the master stopped
#: answering (docs/clusters.md).
INTERVAL = 10.0

#: A probe when a wait's time is up is skipped if one was made this recently (seconds).
RECENT = 1.0


class MasterProbe(object):
    """The master's reachability as the probes of this process's waits last saw it."""

    def __init__(self, library):
        self._library = library
        self._lock = threading.Lock()  # one probe at a time; held while it asks
        self._last = None
        self.unreachable = None  # (since, DrmCommunicationException) while unanswered

    def check(self, job_id, interval=INTERVAL):
        """Ask the master about ``job_id`` if the last probe is ``interval`` seconds old
        (after waiting for a probe under way): raise DrmCommunicationException when it
        does not answer (and remember since when); any other answer, "no such job"
        included, shows that it answers."""
        if job_id is None:
            return
        with self._lock:
            now = _clock()
            if self._last is not None and now - self._last < interval:
                return
            self._last = now
            try:
                self._library.job_ps(job_id)
            except DrmCommunicationException as error:
                since = self.unreachable[0] if self.unreachable else time.time()
                self.unreachable = (since, error)
                raise DrmCommunicationException(
                    "the DRM's master does not answer (unreachable since %s): %s; the wait "
                    "cannot learn of its jobs' ends meanwhile"
                    % (time.strftime("%H:%M:%S", time.localtime(since)), error))
            except Drmaa2Exception as error:
                if drmaa1_errors.drmaa1_code(error) != drmaa1_errors.INVALID_JOB:
                    raise
            self.unreachable = None

    def answers(self, job_id, unreachable_for=INTERVAL):
        """Whether the DRM's master answers: False without asking while the last probe,
        at most ``unreachable_for`` seconds ago, found it unreachable; else whether a
        probe about ``job_id`` now gets any answer but DrmCommunicationException (a
        job the DRM does not know, or a library that refuses the question, count as
        answers: only a failed round trip says that the master is down)."""
        with self._lock:
            if (self.unreachable is not None and self._last is not None
                    and _clock() - self._last < unreachable_for):
                return False
        try:
            self.check(job_id, 0.0)
        except DrmCommunicationException:
            return False
        except Drmaa2Exception:
            pass
        return True

    def explain(self, timeout, job_id):
        """``timeout`` (a TimeoutException), saying that the master was unreachable when
        a probe now (unless one was just made) finds it so; else ``timeout`` itself."""
        try:
            self.check(job_id, RECENT)
        except DrmCommunicationException:
            pass
        if self.unreachable is None:
            return timeout
        since, error = self.unreachable
        return type(timeout)("%s; the DRM's master was unreachable (since %s: %s)" % (
            timeout, time.strftime("%H:%M:%S", time.localtime(since)), error))


__all__ = ["MasterProbe", "INTERVAL"]
