"""The implementation-independent constants of DRMAA2.

Wait timeouts: ``INFINITE_TIME`` waits as long as it takes, ``ZERO_TIME`` does not wait
at all; any other timeout is a number of seconds.

Placeholders inside job template paths, substituted by the DRM system when the job runs:
``HOME_DIR`` (the user's home directory), ``WORKING_DIR`` (the job's working directory) and
``PARAMETRIC_INDEX`` (the index of a job of a job array, see
``JobSession.run_bulk_jobs``).

``NOW`` is the start time "as soon as possible" of a job or reservation template
(``JobTemplate(start_time=NOW)``).

``RESOURCE_LIMITS`` are the standard names of the keys of ``JobTemplate.resource_limits``
(``drmaa2.get_resource_limit_names()`` gives how the loaded library spells them), and
``UTC`` the timezone of every time the data types hold (also ``drmaa2.types.UTC``).
"""
import datetime

__all__ = ["INFINITE_TIME", "ZERO_TIME", "NOW", "HOME_DIR", "WORKING_DIR",
           "PARAMETRIC_INDEX"]

#: Timeout of a wait that never times out.
INFINITE_TIME = -1

#: Timeout of a wait that returns at once (or raises TimeoutException).
ZERO_TIME = 0

#: Placeholder for the user's home directory in a job template's paths.
HOME_DIR = "$DRMAA2_HOME_DIR$"

#: Placeholder for the job's working directory in a job template's paths.
WORKING_DIR = "$DRMAA2_WORKING_DIR$"

#: Placeholder for the index of a job in a job array (the C macro ``DRMAA2_INDEX``).
PARAMETRIC_INDEX = "$DRMAA2_INDEX$"


class _Now(object):
    """The start time "now": start as soon as possible (the C value ``DRMAA2_NOW``).

    The one instance is ``drmaa2.NOW``; compare it with ``is``.  ``value`` is the number
    the C API uses for it.
    """

    __slots__ = ()

    #: The C value of DRMAA2_NOW.
    value = -2

    def __repr__(self):
        return "drmaa2.NOW"

    def __reduce__(self):
        # Unpickling yields the module's one instance again.
        return "NOW"


#: Start time of a template meaning "start as soon as possible" (C ``DRMAA2_NOW``).
NOW = _Now()


#: The standard resource limit names (the C API's ``DRMAA2_CPU_TIME`` and the like).
RESOURCE_LIMITS = ("CORE_FILE_SIZE", "CPU_TIME", "DATA_SIZE", "FILE_SIZE", "OPEN_FILES",
                   "STACK_SIZE", "VIRTUAL_MEMORY", "WALLCLOCK_TIME")


class _Utc(datetime.tzinfo):
    """Coordinated Universal Time (Python 2 has no ``datetime.timezone.utc``)."""

    def utcoffset(self, when):
        return datetime.timedelta(0)

    def tzname(self, when):
        return "UTC"

    def dst(self, when):
        return datetime.timedelta(0)

    def __repr__(self):
        return "UTC"


#: The timezone of the times the data types hold: ``datetime.timezone.utc`` where it exists.
UTC = getattr(datetime, "timezone", None) and datetime.timezone.utc or _Utc()
