"""What differs between DRMAA version 1 libraries: one profile per kind of DRM.

DRMAA v1 leaves two things to the vendor that drmaa2 needs: the *native specification*
(the DRM's own submit options, the only way to ask for a queue, slots, a priority or
resource limits) and the names of the resource usage entries ``drmaa_wait`` returns.
:func:`choose_profile` picks the profile from ``drmaa_get_DRM_system()``; nothing outside
this module knows a vendor's name.

A profile's ``native_options(request)`` turns the DRMAA2 template fields DRMAA v1 cannot
express (a dict field -> value, in the forms of ``drmaa2.types``) into native options;
a field the profile cannot express raises UnsupportedAttributeException naming it.
"""
import datetime
import os
import re
import time

import six

from drmaa2.constants import RESOURCE_LIMITS
from drmaa2.exceptions import InvalidArgumentException, UnsupportedAttributeException

#: Fields of a job template (and ``max_parallel`` of a bulk submission) that can only
#: travel as native options.
NATIVE_FIELDS = ("rerunnable", "email_on_started", "email_on_terminated", "reservation_id",
                 "queue_name", "min_slots", "max_slots", "priority", "candidate_machines",
                 "min_phys_memory", "machine_os", "machine_arch", "deadline_time",
                 "stage_in_files", "stage_out_files", "resource_limits", "accounting_id",
                 "max_parallel")


#: Environment variable naming the Grid Engine parallel environment that min_slots and
#: max_slots ask for (default ``smp``).
PARALLEL_ENVIRONMENT_VARIABLE = "DRMAA2_SGE_PARALLEL_ENVIRONMENT"

# Resource usage entries of drmaa_wait, by what they mean, most common name first.
_RUSAGE_NAMES = {
    "cpu_time": ("cpu", "cpu_time", "cputime"),
    "wallclock_time": ("ru_wallclock", "walltime", "wallclock_time", "wall_clock"),
    "submission_time": ("submission_time", "submit_time"),
    "dispatch_time": ("start_time",),
    "finish_time": ("end_time",),
    "exit_status": ("exit_status",),
}


def rusage_value(rusage, meaning):
    """The float value of the resource usage entry that means ``meaning`` ('cpu_time',
    'wallclock_time', 'submission_time', 'dispatch_time', 'finish_time', 'exit_status') in
    the dict ``rusage`` of drmaa_wait, or None when the library gave none."""
    for name in _RUSAGE_NAMES[meaning]:
        raw = rusage.get(name)
        if raw is None:
            continue
        try:
            return float(raw)
        except ValueError:
            continue
    return None


class Profile(object):
    """A DRM whose native specification drmaa2 does not know: every field that needs one
    raises UnsupportedAttributeException."""

    name = "generic"

    def native_options(self, request):
        """The native options (a list of strings) for ``request``, a dict of the fields of
        NATIVE_FIELDS that are set."""
        for field in sorted(request):
            raise UnsupportedAttributeException(
                "%s cannot be expressed through DRMAA v1 on this DRM (%s): DRMAA v1 has no "
                "attribute for it and drmaa2 does not know this DRM's native specification"
                % (field, self.name))
        return []

    def native_fields(self):
        """The NATIVE_FIELDS this profile can express."""
        return ()

    def resource_limit_names(self):
        """The resource limit names the profile accepts in ``resource_limits``."""
        return ()


def _token(value, field):
    """``value`` as one native-specification word: the DRMAA v1 libraries split the native
    specification at blanks, so a blank inside would silently become two options."""
    text = value if isinstance(value, six.string_types) else str(value)
    if not text or re.search(r"\s", text):
        raise InvalidArgumentException("%s: %r cannot be passed to the DRM: it must be one "
                                       "non-empty word without blanks" % (field, value))
    return text


def _positive_int(value, field):
    try:
        number = int(_token(value, field))
    except ValueError:
        raise InvalidArgumentException("%s: %r is not a whole number" % (field, value))
    if number < 0:
        raise InvalidArgumentException("%s: %r must not be negative" % (field, value))
    return number


class GridEngine(Profile):
    """Sun/Oracle/Son of/Univa/Altair Grid Engine and Open Grid Scheduler: ``qsub`` options."""

    name = "gridengine"

    # Resource limit name -> (qsub -l name, unit): 'seconds' or 'kibibytes' (DRMAA2's units).
    _LIMITS = {
        "CORE_FILE_SIZE": ("h_core", "kibibytes"),
        "CPU_TIME": ("h_cpu", "seconds"),
        "DATA_SIZE": ("h_data", "kibibytes"),
        "FILE_SIZE": ("h_fsize", "kibibytes"),
        "STACK_SIZE": ("h_stack", "kibibytes"),
        "VIRTUAL_MEMORY": ("h_vmem", "kibibytes"),
        "WALLCLOCK_TIME": ("h_rt", "seconds"),
    }

    def __init__(self, environ=None):
        environ = os.environ if environ is None else environ
        self.parallel_environment = environ.get(PARALLEL_ENVIRONMENT_VARIABLE) or "smp"

    def native_fields(self):
        return tuple(f for f in NATIVE_FIELDS
                     if f not in ("machine_os", "machine_arch", "stage_in_files",
                                  "stage_out_files"))

    def resource_limit_names(self):
        return tuple(sorted(self._LIMITS))

    def native_options(self, request):
        options = []
        supported = self.native_fields()
        for field in sorted(request):
            if field not in supported:
                raise UnsupportedAttributeException(
                    "%s cannot be expressed through DRMAA v1 on Grid Engine" % field)
        if request.get("rerunnable") is not None:
            options += ["-r", "y" if request["rerunnable"] else "n"]
        mail = ""
        if request.get("email_on_started"):
            mail += "b"
        if request.get("email_on_terminated"):
            mail += "e"
        if "email_on_started" in request or "email_on_terminated" in request:
            options += ["-m", mail or "n"]
        if request.get("reservation_id") is not None:
            options += ["-ar", _token(request["reservation_id"], "reservation_id")]
        if request.get("queue_name") is not None:
            options += ["-q", _token(request["queue_name"], "queue_name")]
        options += self._slots(request.get("min_slots"), request.get("max_slots"))
        if request.get("priority") is not None:
            options += ["-p", str(int(request["priority"]))]
        if request.get("candidate_machines") is not None:
            machines = [_token(m, "candidate_machines") for m in request["candidate_machines"]]
            if not machines:
                raise InvalidArgumentException("candidate_machines must name at least one "
                                               "machine, not none")
            options += ["-l", "h=" + "|".join(machines)]
        if request.get("min_phys_memory") is not None:
            kib = _positive_int(request["min_phys_memory"], "min_phys_memory")
            options += ["-l", "mem_free=%dK" % kib]
        if request.get("deadline_time") is not None:
            options += ["-dl", _grid_engine_time(request["deadline_time"])]
        if request.get("resource_limits"):
            options += ["-l", ",".join(self._limits(request["resource_limits"]))]
        if request.get("accounting_id") is not None:
            options += ["-A", _token(request["accounting_id"], "accounting_id")]
        if request.get("max_parallel") is not None:
            options += ["-tc", str(int(request["max_parallel"]))]
        return options

    def _slots(self, low, high):
        if low is None and high is None:
            return []
        low = 1 if low is None else low
        high = low if high is None else high
        if low < 1 or high < low:
            raise InvalidArgumentException(
                "min_slots (%s) and max_slots (%s): need 1 <= min_slots <= max_slots"
                % (low, high))
        if low == high == 1:
            return []
        span = str(low) if low == high else "%d-%d" % (low, high)
        return ["-pe", self.parallel_environment, span]

    def _limits(self, limits):
        requests = []
        for name in sorted(limits):
            if name not in self._LIMITS:
                raise UnsupportedAttributeException(
                    "resource_limits[%r] cannot be expressed on Grid Engine; it takes %s"
                    % (name, ", ".join(sorted(self._LIMITS))))
            option, unit = self._LIMITS[name]
            amount = _positive_int(limits[name], "resource_limits[%r]" % name)
            requests.append("%s=%d%s" % (option, amount, "K" if unit == "kibibytes" else ""))
        return requests


def _grid_engine_time(moment):
    """A timezone-aware datetime as Grid Engine's ``[[CC]YY]MMDDhhmm[.SS]`` in local time
    (how qsub reads -a and -dl)."""
    seconds = (moment - datetime.datetime(1970, 1, 1, tzinfo=moment.tzinfo)).total_seconds()
    local = time.localtime(seconds)
    return time.strftime("%Y%m%d%H%M.%S", local)


def choose_profile(drm_system, environ=None):
    """The profile of the DRM that ``drm_system`` (drmaa_get_DRM_system()) names."""
    text = (drm_system or "").lower()
    if re.search(r"\b(sge|ge|oge|ogs|uge|age|gridengine|grid engine|son of grid engine)\b",
                 text):
        return GridEngine(environ)
    return Profile()


__all__ = ["Profile", "GridEngine", "choose_profile", "rusage_value", "NATIVE_FIELDS",
           "RESOURCE_LIMITS", "PARALLEL_ENVIRONMENT_VARIABLE"]
