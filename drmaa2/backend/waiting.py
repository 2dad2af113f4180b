"""Waiting for a state of a job: timeouts in seconds, and always interruptible.

C libraries wait in whole seconds and, while they wait, the Python main thread cannot
handle Ctrl-C.  So a wait never blocks inside C: it asks the library with a zero timeout
("is it there yet?") and sleeps in Python between the questions, in slices short enough
that Ctrl-C (``KeyboardInterrupt``) arrives within a fraction of a second and other
threads run meanwhile.
"""
import time

from drmaa2.constants import INFINITE_TIME, ZERO_TIME
from drmaa2.exceptions import TimeoutException

__all__ = ["wait_until", "FIRST_PAUSE", "LONGEST_PAUSE"]

#: The first pause between two questions to the library, in seconds; it doubles up to
#: LONGEST_PAUSE, so short jobs are seen at once and long waits cost little.
FIRST_PAUSE = 0.002
#: The longest pause between two questions, in seconds (well under Ctrl-C's half second).
LONGEST_PAUSE = 0.05

try:
    _clock = time.monotonic
except AttributeError:  # Python 2
    _clock = time.time


def wait_until(attempt, timeout, what):
    """Call ``attempt(ZERO_TIME)`` until it returns, and return its result.

    ``attempt`` asks the library once whether the awaited state was reached; it raises
    :class:`TimeoutException` when it was not.  ``timeout`` is a number of seconds (int or
    float), ``INFINITE_TIME`` or ``ZERO_TIME`` (one question only).  When the time is up,
    :class:`TimeoutException` says that ``what`` did not happen in time.
    """
    if timeout == ZERO_TIME:
        return attempt(ZERO_TIME)
    deadline = None if timeout == INFINITE_TIME else _clock() + timeout
    pause = FIRST_PAUSE
    while True:
        try:
            return attempt(ZERO_TIME)
        except TimeoutException:
            pass
        if deadline is None:
            time.sleep(pause)
        else:
            remaining = deadline - _clock()
            if remaining <= 0:
                raise TimeoutException("%s did not happen within %g seconds" % (what, timeout))
            time.sleep(min(pause, remaining))
        pause = min(pause * 2, LONGEST_PAUSE)
