"""The reliability suites of drmaa2: bad input, threads, crashes, leaks and security.

Each module has a ``run(...)`` whose sizes the caller chooses: the fast tests of ``make
test`` (``tests/test_reliability_*.py``) run them small, ``tools/reliability.py`` (``make
reliability``) runs them at full size and prints one summary line per part.  What is
tried and what is guaranteed: ``docs/reliability.md``.
"""
