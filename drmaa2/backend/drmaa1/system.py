"""What the DRMAA version 1 library and the DRM say about themselves, and what this
backend supports."""
from drmaa2._c.drmaa1.profiles import RESOURCE_LIMITS
from drmaa2.backend.drmaa1.templates import NATIVE_SPECIFICATION
from drmaa2.enums import Capability
from drmaa2.exceptions import Drmaa2Exception
from drmaa2.types import JobTemplate, Version

#: Implementation-specific attribute names per data type.
IMPL_SPEC = {"jtemplate": [NATIVE_SPECIFICATION]}

_NATIVE_DESCRIPTION = (
    "Native options of the DRM, appended to the native specification drmaa2 writes for "
    "the template (DRMAA v1's drmaa_native_specification), e.g. '-l gpu=1' on Grid Engine "
    "or '--constraint=ib' on Slurm.")


def split_drm_system(text):
    """``(name, Version or None)`` of a drmaa_get_DRM_system() string: the words before
    the first one that starts with a digit are the name ('SGE 8.1.9' gives 'SGE' and
    Version(major='8', minor='1.9'))."""
    words = (text or "").split()
    for position, word in enumerate(words):
        if word[:1].isdigit() or (word[:1] in "vV" and word[1:2].isdigit()):
            number = word.lstrip("vV")
            major, _, minor = number.partition(".")
            name = " ".join(words[:position]) or None
            return name, Version(major=major, minor=minor or "0")
    return (" ".join(words) or None), None


class SystemMixin(object):
    """Names, versions, capabilities and attribute descriptions."""

    @property
    def profile(self):
        """The name of the DRM profile (chosen when the DRMAA v1 session opens; None
        before)."""
        return getattr(self.library.profile, "name", None)

    @property
    def profile_description(self):
        """DRMAA v1 profiles have no description: None."""
        return None

    @property
    def quirks(self):
        """No probes run on a DRMAA v1 library: an empty dict."""
        return {}

    def _after_init(self, question):
        """``question()``, asked again in an open DRMAA v1 session if the library does
        not answer before one (DRMAA v1 allows both)."""
        try:
            return question()
        except Drmaa2Exception:
            if self.library.active:
                raise
            self._ensure_drmaa_session()
            return question()

    def get_drms_name(self):
        """The name of the DRM system, e.g. 'SGE' (None if the library does not say)."""
        return split_drm_system(self._after_init(self.library.drm_system))[0]

    def get_drms_version(self):
        """The Version of the DRM system (None if the library does not say)."""
        return split_drm_system(self._after_init(self.library.drm_system))[1]

    def get_drmaa_name(self):
        """The name of the DRMAA implementation: the DRMAA v1 library's own
        (drmaa_get_DRMAA_implementation, else the DRM's name)."""
        return (self._after_init(self.library.drmaa_implementation)
                or self._after_init(self.library.drm_system) or None)

    def get_drmaa_version(self):
        """The Version of DRMAA the C library implements (1.0 for DRMAA v1 libraries)."""
        major, minor = self.library.version()
        return Version(major=str(major), minor=str(minor))

    def supports(self, capability):
        """Whether the optional feature ``capability`` works over this DRMAA v1 library
        and DRM."""
        self._ensure_drmaa_session()
        capability = Capability(capability)
        native = self.library.profile.native_fields()
        if capability == Capability.JT_EMAIL:
            return True
        if capability == Capability.BULK_JOBS_MAXPARALLEL:
            return "max_parallel" in native
        if capability == Capability.JT_DEADLINE:
            return "deadline_time" in native or "drmaa_deadline_time" in (
                self._supported_attributes())
        if capability == Capability.JT_MAXSLOTS:
            return "max_slots" in native
        if capability == Capability.JT_ACCOUNTINGID:
            return "accounting_id" in native
        return False

    def impl_spec(self, type_name):
        """Names of the implementation-specific attributes of a data type: JobTemplate has
        ``native_specification``; the others have none."""
        return list(IMPL_SPEC.get(type_name, []))

    def resource_limit_names(self):
        """The keys of ``JobTemplate.resource_limits``: DRMAA2's standard names."""
        return dict((name, name) for name in RESOURCE_LIMITS)

    def describe_attribute(self, instance, name):
        """A description of the implementation-specific attribute ``name`` (None for
        another)."""
        if isinstance(instance, JobTemplate) and name == NATIVE_SPECIFICATION:
            return _NATIVE_DESCRIPTION
        return None


__all__ = ["SystemMixin", "split_drm_system", "IMPL_SPEC"]
