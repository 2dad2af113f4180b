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

Both Grid Engine profiles answer a ``ZERO_TIME`` wait whose job is not there yet with
INVALID_STATE (c-api.md 7.2); the error check reads that as the standard's TIMEOUT.

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
    "zero_wait_invalid_state",  # a ZERO_TIME wait not yet satisfied fails INVALID_STATE
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

_GRID_ENGINE_MARKS = ("univa", "altair grid engine", "uge")
_GFD198_MARKS = ("son of grid engine", "drmaa2-mock", "ogf mock")


def profile_by_name(name):
    """Return the profile called ``name``; an unknown name raises InvalidArgumentException
    listing the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise InvalidArgumentException(
            "%s=%r names no layout profile; valid profiles: %s"
            % (LAYOUT_VARIABLE, name, ", ".join(PROFILES)))


def choose_profile(override, drms_name, drmaa_name, jinfo_is_2012):
    """Return ``(profile, reason)`` for a library.

    ``override`` is the value of DRMAA2_LAYOUT (None or empty when unset) and wins;
    otherwise the DRMS and DRMAA names (None when the library gives none) pick the vendor
    family, and ``jinfo_is_2012`` (the job-info probe of c-api.md 8.1: True, False, or
    None when inconclusive) picks the 2012 or 2016 job info layout.
    """
    if override:
        return profile_by_name(override), "%s=%s" % (LAYOUT_VARIABLE, override)
    names = " ".join(n for n in (drms_name, drmaa_name) if n).lower()
    described = "DRMS name %r, DRMAA name %r" % (drms_name, drmaa_name)
    if any(mark in names for mark in _GFD198_MARKS):
        return PROFILES["gfd198"], described
    if any(mark in names for mark in _GRID_ENGINE_MARKS):
        name = "uge83" if jinfo_is_2012 else "uge"
        return PROFILES[name], "%s, job info probe: %s" % (described, _probe_text(jinfo_is_2012))
    name = "gfd198" if jinfo_is_2012 else "gfd230"
    return PROFILES[name], "%s, job info probe: %s" % (described, _probe_text(jinfo_is_2012))


def _probe_text(jinfo_is_2012):
    if jinfo_is_2012 is None:
        return "inconclusive"
    return "2012 layout" if jinfo_is_2012 else "2016 layout"


def jinfo_probe(int_at_offset_8, pointer_at_offset_8):
    """Interpret the bytes at offset 8 of a fresh ``drmaa2_jinfo_create()`` result, read
    once as a C int and once as a pointer.

    In the 2012 layout they are ``exitStatus`` (an int, -1 when unset); in the 2016 layout
    ``jobName`` (a pointer, NULL when unset).  Returns True (2012), False (2016) or None.
    """
    if int_at_offset_8 == -1:
        return True
    if not pointer_at_offset_8:
        return False
    return None
