"""``drmaa2 info``: which DRMAA2 library was loaded and why, its layout profile, the DRM
system's and the implementation's names and versions, its capabilities and its
implementation-specific attributes."""
import os

import drmaa2
from drmaa2.cli import output
from drmaa2.enums import Capability
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate)

#: The search steps of the library loader (``found_by``), explained.
SEARCH_STEPS = {
    "DRMAA2_LIBRARY_PATH": "step 1 of 3: the environment variable DRMAA2_LIBRARY_PATH",
    "SGE_ROOT": "step 2 of 3: $SGE_ROOT/lib/<arch>/libdrmaa2.so (Grid Engine)",
    "find_library": "step 3 of 3: the system's search, ctypes.util.find_library('drmaa2')",
    "system search": "step 3 of 3: the dynamic loader's search for libdrmaa2.so "
                     "(LD_LIBRARY_PATH, ld.so.cache)",
}

#: The data types that may carry implementation-specific attributes, with the name the
#: library's reflective interface gives them.
IMPL_SPEC_TYPES = (
    (JobTemplate, "jtemplate"), (JobInfo, "jinfo"), (ReservationTemplate, "rtemplate"),
    (ReservationInfo, "rinfo"), (QueueInfo, "queueinfo"), (MachineInfo, "machineinfo"),
    (Notification, "notification"),
)

_LAYOUT_VARIABLE = "DRMAA2_LAYOUT"


def loaded_library():
    """Facts about the loaded library that the public API does not offer yet: the search
    step that found it (``found_by``) and its layout ``profile`` with a description.

    Read from the C layer's library object; None for what it does not say.
    """
    from drmaa2 import _c
    library = _c.library()
    profile = getattr(library, "profile", None)
    description = None
    try:
        from drmaa2._c.profiles import PROFILES
        description = PROFILES[profile].description
    except (ImportError, KeyError):
        pass
    return getattr(library, "found_by", None), profile, description


def collect():
    """Everything ``info`` reports, as a dict of plain values (loads the library; raises
    LibraryNotFoundError when there is none)."""
    path = drmaa2.library_path()
    found_by, profile, description = loaded_library()
    forced = os.environ.get(_LAYOUT_VARIABLE)
    attributes = {}
    for data_type, type_name in IMPL_SPEC_TYPES:
        attributes[data_type.__name__] = [
            {"name": name, "description": drmaa2.describe_attribute(data_type(), name)}
            for name in drmaa2.implementation_specific_names(type_name)]
    return {
        "library": path,
        "found_by": found_by,
        "search_step": SEARCH_STEPS.get(found_by, found_by),
        "profile": profile,
        "profile_description": description,
        "profile_chosen_by": ("%s=%s" % (_LAYOUT_VARIABLE, forced) if forced
                              else "the library's names and the job info probe"),
        "drms_name": drmaa2.get_drms_name(),
        "drms_version": output.version_text(drmaa2.get_drms_version()),
        "drmaa_name": drmaa2.get_drmaa_name(),
        "drmaa_version": output.version_text(drmaa2.get_drmaa_version()),
        "capabilities": dict((capability.name, drmaa2.supports(capability))
                             for capability in Capability),
        "implementation_specific": attributes,
    }


def write_text(facts, stream):
    """Write the facts of :func:`collect` for people."""
    lines = [
        ("library", facts["library"]),
        ("found by", facts["search_step"]),
        ("layout profile", "%s (%s), chosen by %s" % (
            facts["profile"], facts["profile_description"] or "no description",
            facts["profile_chosen_by"])),
        ("DRMS", "%s %s" % (output.text_of(facts["drms_name"]), facts["drms_version"])),
        ("DRMAA", "%s %s" % (output.text_of(facts["drmaa_name"]), facts["drmaa_version"])),
    ]
    for label, value in lines:
        stream.write("%-15s %s\n" % (label + ":", value))
    stream.write("capabilities:\n")
    for capability in Capability:
        stream.write("  %-22s %s\n" % (capability.name,
                                       output.text_of(facts["capabilities"][capability.name])))
    stream.write("implementation-specific attributes:\n")
    for data_type, _ in IMPL_SPEC_TYPES:
        attributes = facts["implementation_specific"][data_type.__name__]
        if not attributes:
            stream.write("  %-22s (none)\n" % data_type.__name__)
        for attribute in attributes:
            stream.write("  %-22s %s\n" % (data_type.__name__, _described(attribute)))


def _described(attribute):
    """``name: description`` (libraries often start the description with the name)."""
    name, description = attribute["name"], attribute["description"]
    if not description:
        return "%s: (no description)" % name
    return description if description.startswith(name) else "%s: %s" % (name, description)
