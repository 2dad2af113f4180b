"""Waiting for a state of a job: asleep until it happens, and always interruptible.

A C wait cannot be interrupted: while a thread is inside one, Python delivers no Ctrl-C to
it.  So the caller's thread never waits in C.  It asks the library once with a zero
timeout ("is it there yet?"); if not, it hands the wait to a helper thread, which waits in
C for at most :data:`C_TIMEOUT` second at a time and again until the state is reached, and
sleeps on a Python event in slices of :data:`SLICE` seconds, so that Ctrl-C
(``KeyboardInterrupt``) arrives within a fraction of a second and other threads run.  When
the helper's C wait returns, the caller gets its result (or its error) at once.

The helpers are a pool of at most :data:`MAX_HELPERS` threads per process, whatever the
number of waiting threads or jobs; a wait the pool cannot take at once is served in turn,
and meanwhile its caller asks the library itself, with pauses doubling from
:data:`FIRST_PAUSE` to :data:`LONGEST_PAUSE` (the last resort).  At interpreter exit the
helpers are stopped: one inside a C wait delays exit by at most :data:`C_TIMEOUT`.  A forked
child starts with no helpers and makes its own.

:class:`Watch` waits for any of a set of jobs that grows while it waits, and gives each
job that reached the state once, at a cost per job that does not grow with the set.
"""
import atexit
import collections
import os
import threading
import time

from drmaa2.constants import INFINITE_TIME, ZERO_TIME
from drmaa2.exceptions import TimeoutException

__all__ = ["wait_until", "poll_until", "wait_first", "Watch", "take_first", "MAX_HELPERS", "C_TIMEOUT", "SLICE", "FIRST_PAUSE",
           "LONGEST_PAUSE", "helper_count", "clock", "nudge"]

#: The most helper threads waiting in C, per process.
MAX_HELPERS = 4
#: The timeout of one C wait in a helper, in seconds (C timeouts are whole seconds).
C_TIMEOUT = 1
#: The longest the caller's thread sleeps between two looks at its deadline, in seconds.
SLICE = 0.25
#: The first pause of a caller that polls because no helper is free, in seconds; it
#: doubles up to LONGEST_PAUSE.
FIRST_PAUSE = 0.002
#: The longest pause between two questions of a polling caller, in seconds.
LONGEST_PAUSE = 0.25
#: How long an idle helper lingers for the next wait before it ends, in seconds.
IDLE_SECONDS = 10.0

try:
    clock = time.monotonic
except AttributeError:  # Python 2
    clock = time.time
_clock = clock


class _Request(object):
    """One wait handed to the helpers: ``attempt(seconds)`` asks the library once."""

    __slots__ = ("attempt", "event", "outcome", "active", "in_c")

    def __init__(self, attempt, event):
        self.attempt = attempt
        self.event = event
        self.outcome = None      # (True, result) or (False, exception) once done
        self.active = True       # False once the caller no longer waits
        self.in_c = False        # a helper is inside its C wait


class _Helpers(object):
    """The process's pool of helper threads and the waits they serve in turn."""

    def __init__(self):
        self._reset()
        self._exit_hook = False

    def _reset(self):
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.ready = threading.Condition(self.lock)
        self.queue = collections.deque()
        self.threads = []
        self.idle = 0
        self.stopping = False
        self.waiting = set()      # the events of the callers waiting now

    def submit(self, request):
        """Queue ``request``; False if no helper will serve it (the process is exiting)."""
        if self.pid != os.getpid():   # a forked child: the parent's threads are not here
            self._reset()
        with self.lock:
            if self.stopping:
                return False
            self.queue.append(request)
            self.threads = [t for t in self.threads if t.is_alive()]
            if self.idle:
                self.ready.notify()
            elif len(self.threads) < MAX_HELPERS:
                thread = threading.Thread(target=self._serve, name="drmaa2-wait")
                thread.daemon = True
                self.threads.append(thread)
                if not self._exit_hook:
                    atexit.register(self.stop)
                    self._exit_hook = True
                thread.start()
            return True

    def busy(self):
        """Whether waits are queued that no helper serves now."""
        return bool(self.queue)

    def _next(self):
        """The next active request, or None when this helper should end."""
        with self.lock:
            while True:
                if self.stopping:
                    return None
                while self.queue:
                    request = self.queue.popleft()
                    if request.active:
                        request.in_c = True
                        return request
                self.idle += 1
                self.ready.wait(IDLE_SECONDS)
                self.idle -= 1
                if not self.queue and not self.stopping:
                    return None

    def _serve(self):
        try:
            while True:
                request = self._next()
                if request is None:
                    return
                try:
                    outcome = (True, request.attempt(C_TIMEOUT))
                except TimeoutException:
                    outcome = None
                except BaseException as error:  # handed to the caller, raised there
                    outcome = (False, error)
                with self.lock:
                    request.in_c = False
                    if not request.active:
                        continue
                    if outcome is None:
                        self.queue.append(request)
                    else:
                        request.outcome = outcome
                        request.active = False
                        request.event.set()
        finally:
            with self.lock:
                current = threading.current_thread()
                self.threads = [t for t in self.threads if t is not current]

    def stop(self):
        """Stop the helpers (at interpreter exit): each ends when its C wait returns."""
        if self.pid != os.getpid():
            return
        with self.lock:
            self.stopping = True
            self.ready.notify_all()
            threads = list(self.threads)
        deadline = _clock() + C_TIMEOUT + 0.5
        for thread in threads:
            if thread.ident is not None:  # None: Ctrl-C came while it was being started
                thread.join(max(0.0, deadline - _clock()))

    def nudge(self):
        """Wake every waiting caller to look again (something may have changed)."""
        with self.lock:
            waiting = list(self.waiting)
        for event in waiting:
            event.set()

    def count(self):
        """The number of helper threads alive in this process."""
        if self.pid != os.getpid():
            return 0
        with self.lock:
            return sum(1 for t in self.threads if t.is_alive())


_HELPERS = _Helpers()


def nudge():
    """Wake every wait of this process to look again now: something it waits for may have
    happened (a hint; a wait that finds nothing sleeps on)."""
    _HELPERS.nudge()


def helper_count():
    """The number of helper threads waiting for jobs in this process now."""
    return _HELPERS.count()


def wait_until(attempt, timeout, what):
    """Wait until ``attempt`` succeeds, and return its result.

    ``attempt(seconds)`` asks the library once, waiting up to ``seconds`` (``ZERO_TIME``
    or a whole number); it raises :class:`TimeoutException` when the state was not reached.
    It is called with ``ZERO_TIME`` in the caller's thread and with :data:`C_TIMEOUT` in a
    helper thread.  ``timeout`` is a number of seconds (int or float), ``INFINITE_TIME`` or
    ``ZERO_TIME`` (one question only).  When the time is up, :class:`TimeoutException`
    says that ``what`` did not happen in time; any other error of ``attempt`` is raised in
    the caller's thread.
    """
    return wait_first([attempt], timeout, what)[1]


def poll_until(attempt, timeout, what):
    """:func:`wait_until` for an ``attempt`` that cannot wait (it answers at once,
    whatever ``seconds`` says): the caller's thread asks again and again, the pauses
    doubling from :data:`FIRST_PAUSE` to :data:`LONGEST_PAUSE`."""
    return wait_first([attempt], timeout, what, helpers=False)[1]


def wait_first(attempts, timeout, what, helpers=True):
    """Wait until one of ``attempts`` succeeds; return ``(index, result)``.

    Each attempt is as :func:`wait_until` says; with several, each is handed to a helper
    of its own (as far as the pool has helpers), and the first to succeed wins.
    """
    if timeout == ZERO_TIME:
        return _ask_each(attempts, what)
    deadline = None if timeout == INFINITE_TIME else _clock() + timeout
    try:
        return _ask_each(attempts, what)
    except TimeoutException:
        pass
    event = threading.Event()
    requests = [_Request(attempt, event) for attempt in attempts]
    served = helpers and all([_HELPERS.submit(request) for request in requests])
    pause = FIRST_PAUSE
    _HELPERS.waiting.add(event)
    try:
        while True:
            slice_ = SLICE if served else pause
            if deadline is not None:
                remaining = deadline - _clock()
                if remaining <= 0:
                    raise TimeoutException("%s did not happen within %g seconds"
                                           % (what, timeout))
                slice_ = min(slice_, remaining)
            if event.wait(slice_):
                event.clear()
                for index, request in enumerate(requests):
                    if request.outcome is not None:
                        succeeded, value = request.outcome
                        if succeeded:
                            return index, value
                        raise value
                # woken by a hint (see nudge): look ourselves
                try:
                    return _ask_each(attempts, what)
                except TimeoutException:
                    continue
            if _HELPERS.stopping:
                continue  # the interpreter is exiting: no more calls into the library
            if not served or _HELPERS.busy():
                # no helper on some of them now: ask the library ourselves, ever less often
                try:
                    return _ask_each([r.attempt for r in requests if not r.in_c], what,
                                     [i for i, r in enumerate(requests) if not r.in_c])
                except TimeoutException:
                    pause = min(pause * 2, LONGEST_PAUSE)
    finally:
        _HELPERS.waiting.discard(event)
        for request in requests:
            request.active = False


def _ask_each(attempts, what, indices=None):
    for position, attempt in enumerate(attempts):
        try:
            return (position if indices is None else indices[position]), attempt(ZERO_TIME)
        except TimeoutException:
            pass
    raise TimeoutException("%s did not happen yet" % (what,))


class _Ranks(object):
    """Positions in a list that only grows at its end and loses entries anywhere: a
    Fenwick tree over the slots ever used, so that each operation costs O(log n)."""

    def __init__(self):
        self._tree = [0]
        self._size = 0   # slots used

    def append(self):
        """Use the next slot; return its number."""
        if self._size + 1 >= len(self._tree):
            self._grow()
        self._size += 1
        self._add(self._size, 1)
        return self._size

    def _grow(self):
        alive = [self._count(i) - self._count(i - 1) for i in range(1, self._size + 1)]
        self._tree = [0] * (2 * len(self._tree) + 16)
        for i, value in enumerate(alive, 1):
            if value:
                self._add(i, value)

    def _add(self, slot, value):
        tree = self._tree
        while slot < len(tree):
            tree[slot] += value
            slot += slot & -slot

    def _count(self, slot):
        total, tree = 0, self._tree
        while slot > 0:
            total += tree[slot]
            slot -= slot & -slot
        return total

    def remove(self, slot):
        """Free ``slot``; return the position it had among the slots still used."""
        position = self._count(slot - 1)
        self._add(slot, -1)
        return position


class Watch(object):
    """Jobs waited for together; each that reached the state is taken once.

    ``ask(jobs, seconds)`` is one C wait for any of ``jobs`` (a library list, kept from
    one wait to the next); it returns a handle of the job that reached the state, or
    raises :class:`TimeoutException`.  ``make_list()``, ``list_add(jobs, handle)`` and
    ``list_remove(jobs, position)`` keep such lists; ``key(handle)`` names a job (its id).

    A C wait reads every job of its list, so a wait per job over all n jobs would cost
    O(n) each, O(n^2) in all.  So the watch keeps two lists: the :data:`WINDOW` jobs
    added first of those left (where jobs, started in order, mostly end), asked at every
    take and the only one waited on in C, and all the jobs, asked with no wait, when the
    window has nothing: at once again after such a look found a job (the window's jobs
    may run long while many beyond it end), else at most once per :data:`C_TIMEOUT`.  (A
    C wait on all of them would read all n jobs again at every change of any job's state
    until one ends: O(n) per job.)  Each job taken is removed from both in place.  A job
    beyond the window is seen within about two seconds of its end.

    One thread takes; any thread may :meth:`add` jobs meanwhile, even while the taker
    waits: they are added before the next C wait (within :data:`C_TIMEOUT`).
    """

    #: The jobs asked at every take.
    WINDOW = 64

    def __init__(self, ask, make_list, list_add, list_remove, key, what, blocks=True):
        self.blocks = blocks       # ask waits in C (False: it answers at once)
        self._ask = ask
        self._make_list = make_list
        self._list_add = list_add
        self._list_remove = list_remove
        self._key = key
        self._what = what
        self._lock = threading.Lock()      # held around every use of the library's lists
        self._incoming_lock = threading.Lock()
        self._incoming = []
        self._handles = {}         # key -> handle, of the jobs not yet taken
        self._order = collections.deque()   # keys in the order added (some taken)
        self._window = make_list()
        self._window_keys = []
        self._all = make_list()
        self._slots = {}           # key -> its slot in the list of all
        self._ranks = _Ranks()
        self._last_full = clock()     # when all the jobs were last asked about

    def __len__(self):
        with self._incoming_lock:
            return len(self._handles) + len(self._incoming)

    def add(self, handles):
        """Wait for ``handles`` too; a job already watched is not added again."""
        handles = list(handles)
        with self._incoming_lock:
            self._incoming.extend(handles)

    def _take_incoming(self):
        with self._incoming_lock:
            incoming, self._incoming = self._incoming, []
        for handle in incoming:
            key = self._key(handle)
            if key not in self._handles:
                self._list_add(self._all, handle)
                self._slots[key] = self._ranks.append()
                self._handles[key] = handle
                self._order.append(key)
        while len(self._window_keys) < self.WINDOW and self._order:
            key = self._order.popleft()
            if key in self._handles:
                self._list_add(self._window, self._handles[key])
                self._window_keys.append(key)

    def _attempt(self, seconds):
        with self._lock:
            self._take_incoming()
            if not self._handles:
                raise TimeoutException("no job is left to wait for")
            whole = len(self._window_keys) == len(self._handles)
            full_due = not whole and clock() - self._last_full >= C_TIMEOUT
            try:
                # when all of them are due, the window is only asked, not waited on
                found = self._ask(self._window, ZERO_TIME if full_due else seconds)
            except TimeoutException:
                if not full_due:
                    raise
                try:
                    found = self._ask(self._all, ZERO_TIME)
                except TimeoutException:
                    self._last_full = clock()
                    raise
            key = self._key(found)
            if key not in self._handles:  # not one of ours (a library's mistake)
                raise TimeoutException("the library found a job that was not waited for")
            return key

    def take(self, timeout):
        """Wait until one of the jobs reached the state; stop watching it and return its
        handle (the one added).  Raises :class:`TimeoutException` when the time is up,
        or at once when no job is left."""
        return take_first([self], timeout)[1]

    def _remove(self, key):
        with self._lock:
            if key in self._window_keys:
                position = self._window_keys.index(key)
                self._list_remove(self._window, position)
                del self._window_keys[position]
            self._list_remove(self._all, self._ranks.remove(self._slots.pop(key)))
            return self._handles.pop(key)

    def close(self):
        """Stop watching; return the library's lists for the caller to free."""
        with self._lock:
            lists = (self._window, self._all)
            self._window = self._all = None
            self._window_keys = []
            self._handles = {}
            self._slots = {}
            self._order.clear()
        return lists


def take_first(watches, timeout):
    """Wait until a job of one of ``watches`` reached its state; take it from its watch
    and return ``(watch, handle)``.  TimeoutException when the time is up, or at once when
    the watches are empty."""
    watches = [watch for watch in watches if len(watch)]
    if not watches:
        raise TimeoutException("no job is left to wait for")
    count = sum(len(watch) for watch in watches)
    index, key = wait_first([watch._attempt for watch in watches], timeout,
                            "the %s of any of %d jobs" % (watches[0]._what, count),
                            helpers=all(watch.blocks for watch in watches))
    return watches[index], watches[index]._remove(key)
