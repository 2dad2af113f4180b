"""The drmaa2 command line: ``python -m drmaa2`` (or the ``drmaa2`` script).

Subcommands: ``info`` (which library was loaded, why, and what it supports), ``run``
(submit one job, optionally wait for it), ``jobs``, ``status``, ``wait``, ``terminate``,
``sessions``, ``machines`` and ``queues``.  Every one prints a plain table, or JSON with
``--json``.  Exit codes: 0 success, 1 a DRMAA2 error, 2 a usage or library problem (``run
--wait`` exits with the job's exit status instead).

The modules: ``main`` (entry point), ``parser`` (arguments), ``commands`` (what each
subcommand does), ``info`` (the ``info`` report), ``output`` (tables and JSON) and
``errors`` (failures to one-line messages and exit codes).
"""
