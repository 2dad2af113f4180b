"""What differs between DRMAA version 1 libraries: one profile per kind of DRM.

DRMAA v1 leaves two things to the vendor that drmaa2 needs: the *native specification*
(the DRM's own submit options, the only way to ask for a queue, slots, a priority or
resource limits) and the names of the resource usage entries ``drmaa_wait`` returns.
:func:`choose_profile` picks the profile from ``drmaa_get_DRM_system()``; nothing outside
this module knows a vendor's name.

A profile's ``native_options(request)`` turns the DRMAA2 template fields DRMAA v1 cannot
express (a dict field -> value, in the forms of ``drmaa2.types``) into native options;
a field the profile cannot express raises UnsupportedAttributeException naming it.

A profile's ``check_carried(attributes, vectors)`` refuses, before submission, what the
DRM's library would not carry byte for byte: the limits measured on that DRM (lengths,
characters, job name rules), and on a DRM nobody measured only what no line-based
interface carries (line breaks); lengths are not checked there.  A profile that can tag
a submission (``tag_options``) finds the DRM's jobs of a tag again (``find_tagged``), so
that a submission interrupted before the job id was stored is not lost; one that can ask
the DRM's accounting (``failure_reason``) says why a job failed.
"""
import datetime
import os
import re
import subprocess
import time

import six

from drmaa2._c.drmaa1 import names
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


#: The DRMAA2 job template field each DRMAA v1 attribute carries (for the messages).
FIELD_OF_ATTRIBUTE = {
    names.REMOTE_COMMAND: "remote_command", names.WD: "working_directory",
    names.INPUT_PATH: "input_path", names.OUTPUT_PATH: "output_path",
    names.ERROR_PATH: "error_path", names.JOB_NAME: "job_name",
    names.JOB_CATEGORY: "job_category", names.NATIVE_SPECIFICATION: "native_specification",
    names.V_ARGV: "args", names.V_ENV: "job_environment", names.V_EMAIL: "email",
}

_LINE_BREAKS = re.compile(r"[\r\n]")


def _utf8_length(text):
    return len(text.encode("utf-8") if isinstance(text, six.text_type) else text)


def _shown(value):
    """``value`` for a message: its repr, shortened when long."""
    text = repr(value)
    return text if len(text) <= 80 else "%s...%s (%d characters)" % (text[:60], text[-10:],
                                                                     len(value))


def _where(name, index=None, value=None):
    """How a message names a value: the DRMAA2 field, with the item of a list or the
    variable of the environment."""
    field = FIELD_OF_ATTRIBUTE.get(name, name)
    if index is None:
        return field
    if name == names.V_ENV:
        return "%s[%r]" % (field, value.split("=", 1)[0])
    return "%s[%d]" % (field, index)


class Profile(object):
    """A DRM whose native specification drmaa2 does not know: every field that needs one
    raises UnsupportedAttributeException.  Nobody measured what its library carries:
    line breaks are refused (no line-based interface carries them), lengths are not
    checked."""

    name = "generic"

    #: Whether the limits of ``check_carried`` were measured on this DRM.
    measured = False

    def check_carried(self, attributes, vectors):
        """Raise InvalidArgumentException, naming the field and the limit, for a value of
        the DRMAA v1 submission (``attributes``: attribute -> string, ``vectors``:
        attribute -> list of strings) that this DRM's library would not carry byte for
        byte."""
        for name in sorted(attributes):
            self._check_line(name, None, attributes[name])
        for name in sorted(vectors):
            for index, value in enumerate(vectors[name]):
                self._check_line(name, index, value)

    def _check_line(self, name, index, value):
        if _LINE_BREAKS.search(value):
            raise InvalidArgumentException(
                "%s: %s has a line break, which DRMAA v1 on %s cannot carry (the library "
                "would cut or refuse it)" % (_where(name, index, value), _shown(value),
                                             self.name))

    def tag_options(self, tag):
        """Native options that attach ``tag`` to a submission where the user does not
        see it, or None when this DRM cannot."""
        return None

    def find_tagged(self, tag):
        """``(job number, task ids or None)`` of the DRM's job tagged with ``tag``, or
        ``(None, None)`` when the DRM has none; None when this profile cannot look."""
        return None

    def failure_reason(self, job_id):
        """``(reason, exit status)`` of the job ``job_id`` as the DRM's accounting tells
        it: why it could not run (a short text, exit status None), or, where it ran and
        exited, the status it exited with (and a text saying so); None when the
        accounting does not say (yet) or this profile cannot ask."""
        return None

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
    measured = True

    # What the library carries, measured on Son of Grid Engine 8.1.9 (Debian's
    # gridengine 8.1.9+dfsg-10, a Linux execution host) by sending values one byte
    # below, at and above each edge and reading what the job got (docs/clusters.md).

    #: Argument i (from 1) travels as the line ``job_arg<i>=<argument>`` of the job's
    #: configuration, at most 99,999 bytes: 99,990 bytes for arguments 1-9, 99,989 for
    #: 10-99, 99,988 for 100-999; a longer argument arrives cut, one with a line feed
    #: arrives cut at it (a carriage return is carried).
    ARGUMENT_LINE = 99999
    #: ``NAME=value`` of job_environment: at most 9,999 bytes (longer arrives cut); a
    #: value with '=' arrives cut at it; line breaks in values are carried.
    ENVIRONMENT_ENTRY = 9999
    #: The command, the arguments and the environment together as execve counts them
    #: (each string with its NUL, and 8 bytes of pointer each): Linux allows 6 MiB (Grid
    #: Engine jobs have an unlimited stack by default); 64 KiB of it are left for the
    #: variables Grid Engine adds.  Beyond, the job never starts (FAILED, aborted).
    EXEC_TOTAL = 6 * 1024 * 1024 - 64 * 1024
    #: Bytes of the path attributes (a file path is sent as ``:path``): the system's
    #: PATH_MAX less its NUL for the command, the working directory and the input file;
    #: an output or error path of 4,095 bytes is silently not written.  A line feed
    #: makes the job fail (working directory), the file silently missing (output) or
    #: the submission refused (command).
    PATH_BYTES = {names.REMOTE_COMMAND: 4095, names.WD: 4095, names.INPUT_PATH: 4096,
                  names.OUTPUT_PATH: 4095, names.ERROR_PATH: 4095}
    #: Job names (qsub -N, sge_types(1) "name"): at most 511 characters (the master's
    #: "maximum allowed length is 512" counts the NUL), printable ASCII without blanks
    #: and without these, not starting with a digit.  Others are refused by the master,
    #: a blank or a non-ASCII letter with the unhelpful "Error reading answer list from
    #: qmaster".
    JOB_NAME_CHARACTERS = 511
    JOB_NAME_FORBIDDEN = "/:@\\*?"
    #: The job context variable that tags a submission (qsub -ac; qstat -j shows it).
    TAG_VARIABLE = "DRMAA2_SUBMISSION"

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

    def check_carried(self, attributes, vectors):
        total = 0
        for name in sorted(attributes):
            value = attributes[name]
            if name == names.JOB_NAME:
                self._check_job_name(value, "job_name")
                continue
            self._check_line(name, None, value)
            if name in self.PATH_BYTES:
                self._check_bytes(name, None, value, self.PATH_BYTES[name],
                                  "as DRMAA v1's %s%s" % (name, " (':' + the path)"
                                                          if name.endswith("_path") else ""))
        command = attributes.get(names.REMOTE_COMMAND, "")
        if names.JOB_NAME not in attributes and command.rsplit("/", 1)[-1]:
            self._check_job_name(
                command.rsplit("/", 1)[-1],
                "remote_command (Grid Engine names a job without job_name after the "
                "command's file name: set job_name)")
        total += _utf8_length(command) + 1 + 8
        for index, value in enumerate(vectors.get(names.V_ARGV, ())):
            if "\n" in value:
                raise InvalidArgumentException(
                    "%s: %s has a line feed, which Grid Engine's DRMAA v1 library cannot "
                    "carry (the argument would arrive cut at it)"
                    % (_where(names.V_ARGV, index), _shown(value)))
            limit = self.ARGUMENT_LINE - len("job_arg%d=" % (index + 1))
            self._check_bytes(names.V_ARGV, index, value, limit,
                              "in argument %d" % (index + 1))
            total += _utf8_length(value) + 1 + 8
        for index, entry in enumerate(vectors.get(names.V_ENV, ())):
            if "=" in entry.split("=", 1)[1]:
                raise InvalidArgumentException(
                    "%s: the value %s has '=', which Grid Engine's DRMAA v1 library "
                    "cannot carry (the value would arrive cut at it)"
                    % (_where(names.V_ENV, index, entry), _shown(entry.split("=", 1)[1])))
            self._check_bytes(names.V_ENV, index, entry, self.ENVIRONMENT_ENTRY,
                              "as NAME=value")
            total += _utf8_length(entry) + 1 + 8
        for index, value in enumerate(vectors.get(names.V_EMAIL, ())):
            self._check_line(names.V_EMAIL, index, value)
        if total > self.EXEC_TOTAL:
            raise InvalidArgumentException(
                "remote_command, args and job_environment together: %d bytes as execve "
                "counts them (each string with its NUL and an 8-byte pointer); a Grid "
                "Engine job can start with at most %d (Linux's 6 MiB less 64 KiB for the "
                "variables Grid Engine adds)" % (total, self.EXEC_TOTAL))

    def _check_bytes(self, name, index, value, limit, how):
        length = _utf8_length(value)
        if length > limit:
            raise InvalidArgumentException(
                "%s: %d bytes %s; Grid Engine's DRMAA v1 library carries at most %d (a "
                "longer value would arrive cut or be lost)"
                % (_where(name, index, value), length, how, limit))

    def _check_job_name(self, name, field):
        if not name:
            problem = "it is empty"
        elif len(name) > self.JOB_NAME_CHARACTERS:
            problem = "it has %d characters" % len(name)
        elif name[0] in "0123456789":
            problem = "it starts with a digit"
        else:
            bad = sorted(set(c for c in name if not 0x21 <= ord(c) <= 0x7e
                             or c in self.JOB_NAME_FORBIDDEN))
            problem = bad and "it has %s" % ", ".join(repr(c) for c in bad)
        if problem:
            raise InvalidArgumentException(
                "%s: %s is not a Grid Engine job name: %s (a name is 1 to %d printable "
                "ASCII characters without blanks and without any of %s, and does not start "
                "with a digit)" % (field, _shown(name), problem, self.JOB_NAME_CHARACTERS,
                                   " ".join(self.JOB_NAME_FORBIDDEN)))

    def tag_options(self, tag):
        return ["-ac", "%s=%s" % (self.TAG_VARIABLE, _token(tag, "tag"))]

    def find_tagged(self, tag):
        try:
            listing = subprocess.Popen(["qstat", "-j", "*"], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE)
            output = listing.communicate()[0].decode("utf-8", "replace")
        except OSError:
            return None  # no qstat on this host's PATH: cannot look
        if listing.returncode not in (0, 1):
            return None
        return _tagged_job(output, "%s=%s" % (self.TAG_VARIABLE, tag))

    def failure_reason(self, job_id):
        number, _, task = job_id.partition(".")
        command = ["qacct", "-j", number] + (["-t", task] if task else [])
        try:
            accounting = subprocess.Popen(command, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE)
            output = accounting.communicate()[0].decode("utf-8", "replace")
        except OSError:
            return None
        if accounting.returncode != 0:
            return None  # not in the accounting (yet: it is flushed every flush_time)
        return _accounting_failure(output, job_id)

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


def _tagged_job(listing, context):
    """``(job number, task ids or None)`` of the job of ``qstat -j '*'`` output whose
    context has ``context`` (``NAME=value``), or ``(None, None)``."""
    for block in re.split(r"^=+$", listing, flags=re.MULTILINE):
        fields = dict((key.strip(), value.strip()) for key, _, value in
                      (line.partition(":") for line in block.splitlines() if ":" in line))
        if context not in fields.get("context", "").split(","):
            continue
        tasks = fields.get("job-array tasks")
        return fields.get("job_number"), (_task_ids(tasks) if tasks else None)
    return None, None


def _accounting_failure(output, job_id):
    """``(reason, exit status)`` of ``qacct -j`` output (see Profile.failure_reason)."""
    found = re.search(r"^failed\s+(\d+)\s*:?\s*(.*)$", output, re.MULTILINE)
    if found is None:
        return None
    if found.group(1) != "0":
        return ("failed %s: %s (qacct -j %s)" % (found.group(1), found.group(2).strip(),
                                                 job_id), None)
    status = re.search(r"^exit_status\s+(\d+)", output, re.MULTILINE)
    if status is None:
        return None
    return ("it ran and exited with status %s (qacct -j %s)" % (status.group(1), job_id),
            int(status.group(1)))


def _task_ids(spec):
    """The task ids of Grid Engine's ``first-last:step`` (comma-separated ranges)."""
    ids = []
    for part in spec.split(","):
        span, _, step = part.partition(":")
        first, _, last = span.partition("-")
        ids.extend(range(int(first), int(last or first) + 1, int(step or 1)))
    return ids


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
           "RESOURCE_LIMITS", "PARALLEL_ENVIRONMENT_VARIABLE", "FIELD_OF_ATTRIBUTE"]
