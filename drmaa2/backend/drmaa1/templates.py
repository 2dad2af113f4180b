"""DRMAA2 job templates in DRMAA version 1 terms, and in the store's JSON.

:func:`translate` maps every field DRMAA v1 can express to its attribute (command,
arguments, environment, working directory, category, job name, paths, join files, hold,
email, start and deadline time, wall clock limit) with DRMAA2's placeholders turned into
DRMAA v1's; the fields DRMAA v1 cannot express go to the DRM profile, which writes them
as native specification or raises UnsupportedAttributeException naming the field; the
profile then refuses what its DRM would not carry byte for byte (``check_carried``).
"""
import datetime

import six

from drmaa2._c.drmaa1 import names
from drmaa2.constants import HOME_DIR, NOW, PARAMETRIC_INDEX, WORKING_DIR
from drmaa2.exceptions import InvalidArgumentException, UnsupportedAttributeException
from drmaa2.types import UTC, JobTemplate

#: The implementation-specific job template attribute of this backend: native options
#: appended to those drmaa2 writes (e.g. ``'-l gpu=1'`` on Grid Engine).
NATIVE_SPECIFICATION = "native_specification"

_PLACEHOLDERS = ((PARAMETRIC_INDEX, names.PLACEHOLDER_INCR),
                 (HOME_DIR, names.PLACEHOLDER_HD),
                 (WORKING_DIR, names.PLACEHOLDER_WD))

_EPOCH = datetime.datetime(1970, 1, 1)


def placeholders_to_drmaa1(text):
    """``text`` with DRMAA2's placeholders ($DRMAA2_INDEX$, $DRMAA2_HOME_DIR$,
    $DRMAA2_WORKING_DIR$) replaced by DRMAA v1's."""
    for drmaa2_name, drmaa1_name in _PLACEHOLDERS:
        text = text.replace(drmaa2_name, drmaa1_name)
    return text


def path_to_drmaa1(path):
    """A DRMAA2 file path as a DRMAA v1 path attribute, ``[hostname]:path``: a path
    without host gets the empty host (``:path``); placeholders are translated."""
    head = path.split("/", 1)[0]
    if ":" in head and not head.startswith("$"):
        return placeholders_to_drmaa1(path)
    return ":" + placeholders_to_drmaa1(path)


def drmaa1_time(moment):
    """An aware datetime as DRMAA v1's ``CCYY/MM/DD hh:mm:ss +00:00`` (in UTC)."""
    utc = moment.astimezone(UTC) if moment.tzinfo is not None else moment
    return utc.strftime("%Y/%m/%d %H:%M:%S") + " +00:00"


def drmaa1_duration(seconds, field):
    """A number of seconds as DRMAA v1's ``hh:mm:ss``."""
    try:
        total = int(seconds)
    except (TypeError, ValueError):
        raise InvalidArgumentException("%s: %r is not a whole number of seconds"
                                       % (field, seconds))
    if total < 0:
        raise InvalidArgumentException("%s: %r must not be negative" % (field, seconds))
    return "%d:%02d:%02d" % (total // 3600, total // 60 % 60, total % 60)


def translate(template, supported, profile, max_parallel=None):
    """The DRMAA v1 submission of ``template`` (a JobTemplate).

    ``supported`` is the set of scalar attribute names the library supports, ``profile``
    the DRM profile (``drmaa2._c.drmaa1.profiles``).  Returns ``(attributes, vectors)``:
    dicts of scalar attribute -> string and vector attribute -> list of strings.
    """
    values = template._asdict()
    if values["remote_command"] is None:
        raise InvalidArgumentException("remote_command must be set: the program the job "
                                       "runs")
    attributes = {names.REMOTE_COMMAND: values["remote_command"]}
    vectors = {}
    native = {}

    if values["args"] is not None:
        vectors[names.V_ARGV] = list(values["args"])
    if values["job_environment"] is not None:
        environment = []
        for key in sorted(values["job_environment"]):
            if not key or "=" in key:
                raise InvalidArgumentException("job_environment: %r is not a variable name"
                                               % (key,))
            environment.append("%s=%s" % (key, values["job_environment"][key]))
        vectors[names.V_ENV] = environment
    if values["submit_as_hold"] is not None:
        attributes[names.JS_STATE] = (names.SUBMISSION_STATE_HOLD if values["submit_as_hold"]
                                      else names.SUBMISSION_STATE_ACTIVE)
    if values["working_directory"] is not None:
        attributes[names.WD] = placeholders_to_drmaa1(values["working_directory"])
    if values["job_category"] is not None:
        attributes[names.JOB_CATEGORY] = values["job_category"]
    if values["job_name"] is not None:
        attributes[names.JOB_NAME] = values["job_name"]
    for field, attribute in (("input_path", names.INPUT_PATH),
                             ("output_path", names.OUTPUT_PATH),
                             ("error_path", names.ERROR_PATH)):
        if values[field] is not None:
            attributes[attribute] = path_to_drmaa1(values[field])
    if values["join_files"] is not None:
        attributes[names.JOIN_FILES] = "y" if values["join_files"] else "n"

    _email(values, vectors, attributes, native, profile)

    start = values["start_time"]
    if start is not None and start is not NOW:
        _require(supported, names.START_TIME, "start_time")
        attributes[names.START_TIME] = drmaa1_time(start)

    deadline = values["deadline_time"]
    if deadline is not None:
        if names.DEADLINE_TIME in supported:
            attributes[names.DEADLINE_TIME] = drmaa1_time(deadline)
        else:
            native["deadline_time"] = deadline

    limits = values["resource_limits"]
    if limits:
        limits = dict(limits)
        if ("WALLCLOCK_TIME" in limits and names.WCT_HLIMIT in supported
                and "WALLCLOCK_TIME" not in profile.resource_limit_names()):
            attributes[names.WCT_HLIMIT] = drmaa1_duration(limits.pop("WALLCLOCK_TIME"),
                                                           "resource_limits['WALLCLOCK_TIME']")
        if limits:
            native["resource_limits"] = limits

    for field in ("rerunnable", "reservation_id", "queue_name", "min_slots", "max_slots",
                  "priority", "candidate_machines", "min_phys_memory", "machine_os",
                  "machine_arch", "stage_in_files", "stage_out_files", "accounting_id"):
        if values[field] is not None and values[field] != {}:
            native[field] = values[field]
    if max_parallel is not None:
        native["max_parallel"] = max_parallel

    options = profile.native_options(native)
    extra = template.implementation_specific.get(NATIVE_SPECIFICATION)
    if extra:
        options.append(extra)
    if options:
        _require(supported, names.NATIVE_SPECIFICATION, "native specification")
        attributes[names.NATIVE_SPECIFICATION] = " ".join(options)
    unknown = set(template.implementation_specific) - set([NATIVE_SPECIFICATION])
    if unknown:
        raise UnsupportedAttributeException(
            "implementation-specific attribute %s is not one of the DRMAA v1 backend; it "
            "has %s" % (", ".join(sorted(unknown)), NATIVE_SPECIFICATION))
    profile.check_carried(attributes, vectors)
    return attributes, vectors


def with_native_options(attributes, options):
    """``attributes`` with ``options`` (a list of native options) appended to the native
    specification (a new dict)."""
    combined = dict(attributes)
    text = " ".join(options)
    previous = combined.get(names.NATIVE_SPECIFICATION)
    combined[names.NATIVE_SPECIFICATION] = "%s %s" % (previous, text) if previous else text
    return combined


def _email(values, vectors, attributes, native, profile):
    if values["email"] is not None:
        vectors[names.V_EMAIL] = list(values["email"])
    wants_mail = values["email_on_started"] or values["email_on_terminated"]
    told = values["email_on_started"] is not None or values["email_on_terminated"] is not None
    if not told:
        return
    if "email_on_started" in profile.native_fields():
        for field in ("email_on_started", "email_on_terminated"):
            if values[field] is not None:
                native[field] = values[field]
    elif wants_mail:
        field = "email_on_started" if values["email_on_started"] else "email_on_terminated"
        raise UnsupportedAttributeException(
            "%s cannot be expressed through DRMAA v1 on this DRM: DRMAA v1 can only block "
            "all mail (drmaa_block_email) or leave the DRM's default" % field)
    else:
        attributes[names.BLOCK_EMAIL] = "1"


def _require(supported, attribute, field):
    if attribute not in supported:
        raise UnsupportedAttributeException(
            "%s cannot be expressed: this DRMAA v1 library does not support the attribute %s"
            % (field, attribute))


# ---------------------------------------------------------------- the store's JSON

def to_json(template):
    """A JobTemplate as a JSON-ready dict (only the set fields; times as seconds since the
    epoch, the NOW start time as the string 'NOW', enums as their numbers)."""
    encoded = {}
    for field, value in template._asdict().items():
        if value is None:
            continue
        if value is NOW:
            value = "NOW"
        elif isinstance(value, datetime.datetime):
            value = (value.replace(tzinfo=None) - value.utcoffset() - _EPOCH).total_seconds()
        elif hasattr(value, "value") and not isinstance(value, (six.string_types, bool)):
            value = value.value
        elif isinstance(value, dict):
            value = dict(value)
        elif isinstance(value, list):
            value = list(value)
        encoded[field] = value
    if template.implementation_specific:
        encoded["implementation_specific"] = dict(template.implementation_specific)
    return encoded


def from_json(encoded):
    """The JobTemplate of a dict made by :func:`to_json`."""
    fields = dict(encoded)
    if fields.get("start_time") == "NOW":
        fields["start_time"] = NOW
    impl = fields.pop("implementation_specific", None) or {}
    template = JobTemplate(fields)
    template.implementation_specific.update(impl)
    return template


__all__ = ["translate", "with_native_options", "to_json", "from_json",
           "placeholders_to_drmaa1", "path_to_drmaa1", "drmaa1_time", "drmaa1_duration",
           "NATIVE_SPECIFICATION"]
