"""Locks a forked child gets free.

A child made by ``os.fork()`` has one thread: a lock that another thread of the parent
held at the fork would stay held in the child for ever, and its first use would hang.
A ``Lock`` of this module is a new lock in the child: replaced right after the fork
(``os.register_at_fork``, Python 3.7 and later), or when the child first takes it
(Python 2.7 and 3.6, which have no fork hooks).
"""
import os
import threading
import weakref

_LOCKS = weakref.WeakSet()


class Lock(object):
    """A ``threading.Lock`` (used as a context manager) that a forked child gets
    unlocked, whatever the parent's threads were doing at the fork."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = os.getpid()
        _LOCKS.add(self)

    def _renew(self):
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def __enter__(self):
        if self._pid != os.getpid():
            self._renew()
        self._lock.acquire()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self._lock.release()
        return False


def _renew_all():
    for lock in list(_LOCKS):
        lock._renew()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_renew_all)
