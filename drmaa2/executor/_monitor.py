"""The monitor: one thread per executor that completes the futures as their jobs end.

It waits for any of the executor's jobs through :class:`Watch`, to which the submitting
threads add jobs while it waits.  Watch is the one place that knows how such a wait is
done.
"""
import collections
import os
import threading

import drmaa2
from drmaa2.executor import _tasks

#: The most jobs the backend's watch holds at once (see :class:`Watch`).
WATCHED = 1000
#: The longest the monitor waits in one go, in seconds: it looks at its work (new jobs,
#: result files looked for again, shutdown) at least this often.
SLICE = 0.25


class Watch(object):
    """The jobs of one job session that are waited for; :meth:`add` from any thread,
    also while :meth:`take` waits in another.  The backend's watch of the waits
    (``jsession_watch_terminated``): asleep until a job ends, O(1) per job taken.

    The backend's watch holds at most :data:`WATCHED` jobs, the first added of those
    not yet taken; the others join it as jobs are taken.  (Once a second it reads all
    that it holds, for a job that ended out of turn: holding every job of a map of
    10,000 would cost each task more, the more tasks there are.)
    """

    def __init__(self, session):
        self._watch = session._backend.jsession_watch_terminated(session._live_handle())
        self._lock = threading.Lock()
        self._jobs = {}            # id of the handle added -> its Job, of those it holds
        self._later = collections.deque()   # the jobs added that it does not hold yet

    def add(self, jobs):
        """Wait for ``jobs`` too."""
        with self._lock:
            self._later.extend(jobs)
            self._hand_on()

    def _hand_on(self):
        room = min(WATCHED - len(self._jobs), len(self._later))
        if room > 0:
            jobs = [self._later.popleft() for _ in range(room)]
            for job in jobs:
                self._jobs[id(job._handle)] = job
            self._watch.add([job._handle for job in jobs])

    def __len__(self):
        with self._lock:
            return len(self._jobs) + len(self._later)

    def take(self, timeout):
        """A job that has ended, no longer watched; TimeoutException when none ended
        within ``timeout`` seconds."""
        handle = self._watch.take(timeout)
        with self._lock:
            job = self._jobs.pop(id(handle))
            self._hand_on()
            return job

    def close(self):
        """Stop watching."""
        self._watch.close()


class Monitor(object):
    """Completes the futures of one job session's tasks; started on the first job."""

    def __init__(self, session, on_idle_stop=None):
        self.session = session
        self._on_idle_stop = on_idle_stop
        self._lock = threading.Condition(threading.Lock())
        self._reset()

    def _reset(self):
        self._pid = os.getpid()
        self._watch = None        # made with the thread
        self._futures = {}        # Job -> TaskFuture
        self._rechecks = []       # (deadline, future) whose result file is looked for again
        self._thread = None
        self._stopping = False

    def add(self, futures):
        """Complete ``futures`` (each with its ``job``) when their jobs end."""
        with self._lock:
            if self._pid != os.getpid():
                # A forked child: the parent's monitor thread is not here, nor are its
                # jobs this process's to complete.
                self._reset()
            for future in futures:
                self._futures[future.job] = future
            if self._watch is None:
                self._watch = Watch(self.session)
            self._watch.add([future.job for future in futures])
            if self._thread is None:
                self._thread = threading.Thread(target=self._run,
                                                name="drmaa2-executor-monitor")
                self._thread.daemon = True
                self._thread.start()
            self._lock.notify()

    def pending(self):
        """The futures whose jobs have not been seen ending."""
        with self._lock:
            return list(self._futures.values()) + [f for _, f in self._rechecks]

    def stop_when_idle(self):
        """End the thread once no job is left (then call ``on_idle_stop``)."""
        with self._lock:
            self._stopping = True
            started = self._thread is not None
            self._lock.notify()
        if not started and self._on_idle_stop is not None:
            self._on_idle_stop()

    def join(self, timeout=None):
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self):
        while True:
            with self._lock:
                while not self._futures and not self._rechecks and not self._stopping:
                    self._lock.wait()
                if not self._futures and not self._rechecks:
                    break
                slice_ = SLICE
                if self._rechecks:
                    slice_ = min(slice_, max(0.0, self._rechecks[0][0] - _tasks.now()))
                watching = bool(self._futures)
                watch = self._watch
            if self._rechecks:
                self._recheck()
            if not watching:
                with self._lock:
                    if self._rechecks and not self._futures:
                        self._lock.wait(_tasks.RESULT_RECHECK)
                continue
            try:
                job = watch.take(max(slice_, 0.01))
            except drmaa2.TimeoutException:
                continue
            except KeyError:   # a job of a watch given up (see _fail_all)
                continue
            except Exception as error:  # the session is gone: every future fails
                self._fail_all(error)
                continue
            with self._lock:
                future = self._futures.pop(job, None)
            if future is not None:
                self._complete(future, first=True)
        with self._lock:
            watch, self._watch = self._watch, None
        _close(watch)
        if self._on_idle_stop is not None:
            self._on_idle_stop()

    def _complete(self, future, first):
        """Finish ``future`` from its result file; when the file is missing, look again
        later (until its deadline)."""
        retry = future._finish(first)
        if retry:
            with self._lock:
                deadline = _tasks.now() + _tasks.RESULT_GRACE
                if not first:
                    deadline = future._recheck_deadline
                future._recheck_deadline = deadline
                self._rechecks.append((deadline, future))
                self._rechecks.sort(key=lambda pair: pair[0])

    def _recheck(self):
        with self._lock:
            due, self._rechecks = self._rechecks, []
        for deadline, future in due:
            future._recheck_deadline = deadline
            self._complete(future, first=False)

    def _fail_all(self, error):
        with self._lock:
            futures = list(self._futures.values())
            self._futures = {}
            watch, self._watch = self._watch, None
        _close(watch)
        for future in futures:
            future._fail_with(error)


def _close(watch):
    if watch is not None:
        try:
            watch.close()
        except Exception:  # the session is gone already
            pass
