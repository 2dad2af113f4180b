"""The table of layout and quirk profiles: where vendors' DRMAA2 libraries really differ.

Nothing outside this module knows a vendor's name.  A profile declares how its structs
differ from the field table of ``drmaa2._fields`` (the standard's layout): the fields its
headers lack (``jobName`` in a 2012 job info), the fields at each other's place (machine
info with the architecture before the OS) and which structs end in
``implementationSpecific``; ``drmaa2._c.structs.layout`` applies them.  It also says which
extra error codes the library uses and which number means "priority unset".

Profiles (see c-api.md sections 2, 3 and 8):

``gfd198``  the 2012 header (GFD.198): OGF mock, Son of Grid Engine.
``uge83``   Univa Grid Engine 8.3 to 8.6.7: 2012 job info, architecture before OS.
``gfd230``  the 2016 standard header (GFD.230): PBS Pro, the drmaa2 stub library.
``uge``     Univa/Altair Grid Engine >= 8.6.8: 2016 job info, architecture before OS,
            error 14 = authorization, priority -99999 = unset.

Both Grid Engine profiles answer a wait whose time is up (``ZERO_TIME`` or any other
timeout) with INVALID_STATE (c-api.md 7.2); the error check reads that as the standard's
TIMEOUT.

Job info's ``allocatedMachines`` is declared a string list (2012) or a slot info list
(2016), but every implementation fills it with machine names (``char *``), so it is read
as strings in every profile.  Quirks no name reveals (a static ``drmaa2_lasterror_text``,
a ``drmaa2_list_add`` that prepends) are found by the probes of ``drmaa2._c.probes``.
"""
import collections
import logging

from drmaa2._fields import STRUCTS
from drmaa2.exceptions import AuthorizationException, InvalidArgumentException

LOG = logging.getLogger("drmaa2")

#: The environment variable that forces a profile.
LAYOUT_VARIABLE = "DRMAA2_LAYOUT"

ALL_STRUCTS = frozenset(STRUCTS)

_PROFILE_FIELDS = [
    "name",                  # the profile's name, as DRMAA2_LAYOUT spells it
    "description",
    "absent_fields",         # (struct, C field) pairs of the table its headers lack
    "swapped_fields",        # (struct, C field, C field): two fields at each other's place
    "impl_specific",         # the structs that end in a void *implementationSpecific
    "extra_error_classes",   # error codes beyond the standard ones -> exception class
    "unset_priority",        # the job template priority meaning "unset"
    "zero_wait_invalid_state",  # a wait whose time is up fails INVALID_STATE
]


class Profile(collections.namedtuple("Profile", _PROFILE_FIELDS)):
    """One layout and quirk profile.  Built from keyword arguments; what is not given is
    as the standard's 2016 header (GFD.230) has it."""

    __slots__ = ()

    def __new__(cls, name, description, absent_fields=frozenset(), swapped_fields=(),
                impl_specific=ALL_STRUCTS, extra_error_classes=None, unset_priority=-1,
                zero_wait_invalid_state=False):
        return super(Profile, cls).__new__(
            cls, name=name, description=description, absent_fields=frozenset(absent_fields),
            swapped_fields=tuple(swapped_fields), impl_specific=frozenset(impl_specific),
            extra_error_classes=dict(extra_error_classes or {}),
            unset_priority=unset_priority, zero_wait_invalid_state=zero_wait_invalid_state)

    @property
    def jinfo_has_job_name(self):
        """Whether job info carries jobName after jobId (the 2016 layout)."""
        return ("jinfo", "jobName") not in self.absent_fields

    @property
    def machine_arch_first(self):
        """Whether machine info has machineArch at machineOS's place and vice versa."""
        return ("machineinfo", "machineOS", "machineArch") in self.swapped_fields


# The differences from the standard's layout, as the profiles below declare them.
_JOB_INFO_2012 = [("jinfo", "jobName")]                        # GFD.198: no jobName
_ARCH_BEFORE_OS = [("machineinfo", "machineOS", "machineArch")]  # Grid Engine

PROFILES = collections.OrderedDict((p.name, p) for p in [
    Profile(name="gfd198",
            description="2012 C binding (GFD.198): OGF mock, Son of Grid Engine",
            absent_fields=_JOB_INFO_2012,
            impl_specific=frozenset()),
    Profile(name="uge83",
            description="Univa Grid Engine 8.3 to 8.6.7",
            absent_fields=_JOB_INFO_2012,
            swapped_fields=_ARCH_BEFORE_OS,
            impl_specific=["jtemplate", "jinfo", "rtemplate", "rinfo", "queueinfo",
                           "machineinfo"],
            zero_wait_invalid_state=True),
    Profile(name="gfd230",
            description="2016 C binding (GFD.230): PBS Pro, the drmaa2 stub"),
    Profile(name="uge",
            description="Univa / Altair Grid Engine 8.6.8 and later",
            swapped_fields=_ARCH_BEFORE_OS,
            extra_error_classes={14: AuthorizationException},
            unset_priority=-99999,
            zero_wait_invalid_state=True),
])

#: The environment variable that makes DRMAA2_LAYOUT win over a probe that contradicts
#: it: ``1``, at the user's own risk (for a probe that is itself wrong).
FORCE_VARIABLE = "DRMAA2_LAYOUT_FORCE"

#: The names libraries are known to report, each matched as a whole name (case and
#: surrounding blanks aside), never as a part of a longer one: (which name, spelling,
#: family).  A name that matches none leaves the choice to the probes.  Sources:
#: c-api.md 8.1 ("Univa Grid Engine", UGE's library_manager.py, which also gives the
#: DRMAA name "Univa Grid Engine Drmaa V2") and 5.13 (the OGF mock's "drmaa2-mock").
KNOWN_NAMES = (
    ("drms", "Univa Grid Engine", "gridengine"),
    ("drmaa", "Univa Grid Engine Drmaa V2", "gridengine"),
    ("drmaa", "drmaa2-mock", "gfd198"),
)


def profile_by_name(name):
    """Return the profile called ``name``; an unknown name raises InvalidArgumentException
    listing the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise InvalidArgumentException(
            "%s=%r names no layout profile; valid profiles: %s"
            % (LAYOUT_VARIABLE, name, ", ".join(PROFILES)))


def vendor_family(drms_name, drmaa_name):
    """The family (``gridengine``, ``gfd198``) whose known name (:data:`KNOWN_NAMES`) the
    library reports as a whole, or None."""
    given = {"drms": drms_name, "drmaa": drmaa_name}
    for which, spelling, family in KNOWN_NAMES:
        name = given[which]
        if name is not None and name.strip().lower() == spelling.lower():
            return family
    return None


def detect_profile(drms_name, drmaa_name, jinfo_is_2012):
    """Return ``(profile, reason)`` chosen without DRMAA2_LAYOUT: the DRMS and DRMAA names
    (None when the library gives none) pick the vendor family, and ``jinfo_is_2012`` (the
    job-info probe of c-api.md 8.1: True, False, or None when inconclusive) picks the 2012
    or 2016 job info layout."""
    described = "DRMS name %r, DRMAA name %r" % (drms_name, drmaa_name)
    family = vendor_family(drms_name, drmaa_name)
    if family == "gfd198":
        return PROFILES["gfd198"], described
    probed = "%s, job info probe: %s" % (described, _probe_text(jinfo_is_2012))
    if family == "gridengine":
        return PROFILES["uge83" if jinfo_is_2012 else "uge"], probed
    return PROFILES["gfd198" if jinfo_is_2012 else "gfd230"], probed


def choose_profile(override, drms_name, drmaa_name, jinfo_is_2012, force=None):
    """Return ``(profile, reason)`` for a library.

    ``override`` is the value of DRMAA2_LAYOUT (None or empty when unset); without it the
    profile is :func:`detect_profile`'s.  An override whose job info layout the probe
    contradicts is refused (InvalidArgumentException naming the override and what the
    probe found) unless ``force`` (the value of DRMAA2_LAYOUT_FORCE) is ``"1"``; what no
    probe can check (the machine info order, error codes, the unset priority) is taken
    as the override says, with a warning naming where it differs from the detected
    profile.
    """
    if force not in (None, "", "1"):
        raise InvalidArgumentException("%s=%r: the only value is 1 (or leave it unset)"
                                       % (FORCE_VARIABLE, force))
    detected, reason = detect_profile(drms_name, drmaa_name, jinfo_is_2012)
    if not override:
        return detected, reason
    profile = profile_by_name(override)
    chosen_by = "%s=%s" % (LAYOUT_VARIABLE, override)
    has_2012_jinfo = not profile.jinfo_has_job_name
    if jinfo_is_2012 is not None and has_2012_jinfo != jinfo_is_2012:
        found = _probe_text(jinfo_is_2012)
        if force != "1":
            raise InvalidArgumentException(
                "%s is refused: the library's job info probe found the %s, while profile "
                "%s has the %s; without %s the library is profiled %s (%s).  Set %s=1 to "
                "use %s all the same, at your own risk (only for a probe that is itself "
                "wrong: reading structs in the wrong layout can crash the process)"
                % (chosen_by, found, profile.name, _probe_text(has_2012_jinfo),
                   LAYOUT_VARIABLE, detected.name, reason, FORCE_VARIABLE, profile.name))
        LOG.warning("%s forced by %s=1 against the job info probe, which found the %s",
                    chosen_by, FORCE_VARIABLE, found)
        return profile, "%s, forced by %s=1 against the job info probe (%s)" % (
            chosen_by, FORCE_VARIABLE, found)
    unchecked = unchecked_differences(profile, detected)
    if unchecked:
        LOG.warning("%s taken unchecked where no probe can check it (%s differs from the "
                    "detected profile %s, chosen by %s): %s", chosen_by, profile.name,
                    detected.name, reason, "; ".join(unchecked))
    return profile, chosen_by


def unchecked_differences(profile, other):
    """What ``profile`` says differently from ``other`` that no load-time probe can
    check, as phrases for a message ([] when nothing)."""
    differences = []
    if profile.machine_arch_first != other.machine_arch_first:
        differences.append("machine info with the architecture %s the OS"
                           % ("before" if profile.machine_arch_first else "after"))
    if profile.extra_error_classes != other.extra_error_classes:
        differences.append("extra error codes %s" % (
            ", ".join("%d = %s" % (code, cls.__name__) for code, cls in
                      sorted(profile.extra_error_classes.items())) or "none"))
    if profile.unset_priority != other.unset_priority:
        differences.append("unset priority %d" % profile.unset_priority)
    if profile.zero_wait_invalid_state != other.zero_wait_invalid_state:
        differences.append("a zero-time wait %s INVALID_STATE as a timeout"
                           % ("reads" if profile.zero_wait_invalid_state else "keeps"))
    return differences


def _probe_text(jinfo_is_2012):
    if jinfo_is_2012 is None:
        return "inconclusive"
    return "2012 layout" if jinfo_is_2012 else "2016 layout"


def jinfo_probe(int_at_offset_8, int_at_offset_40):
    """Interpret a fresh ``drmaa2_jinfo_create()`` result (c-api.md 8.1) from the C ints
    at offset 8 and, where that is 0, at offset 40 (None when not read): bytes that are a
    field in both layouts, so that no padding is read.

    In the 2012 layout offset 8 holds ``exitStatus`` (-1 when unset); in the 2016 layout
    the low half of ``jobName`` (NULL when unset), and offset 40 ``jobState`` (-1 when
    unset) where the 2012 layout has the low half of ``jobSubState`` (NULL).  Returns True
    (2012), False (2016) or None (inconclusive: e.g. a library that creates a 2012 job
    info with exitStatus 0).
    """
    if int_at_offset_8 == -1:
        return True
    if int_at_offset_8 == 0 and int_at_offset_40 == -1:
        return False
    return None
