"""``drmaa2 info``: which DRMAA2 library was loaded and why, its layout profile and
quirks, the DRM system's and the implementation's names and versions, its capabilities
and its implementation-specific attributes."""
import os

import drmaa2
from drmaa2 import backend as backends
from drmaa2.cli import output
from drmaa2.enums import Capability
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate)

#: The steps of the library search orders (a library's ``found_by``), explained.
SEARCH_STEPS = {
    "DRMAA2_LIBRARY_PATH": "step 1 of the search order: the environment variable "
                           "DRMAA2_LIBRARY_PATH",
    "DRMAA_LIBRARY_PATH": "the environment variable DRMAA_LIBRARY_PATH (DRMAA v1)",
    "SGE_ROOT": "step 2 of the search order: $SGE_ROOT/lib/<arch>/, where Grid Engine "
                "installs it",
    "known path": "a place where Linux distributions install a DRMAA v1 library",
    "find_library": "step 3 of the search order: the system's search, "
                    "ctypes.util.find_library",
    "system search": "step 3 of the search order: the dynamic loader's own search "
                     "(LD_LIBRARY_PATH, ld.so.cache)",
}

#: The backends, explained.
BACKENDS = {
    "libdrmaa2": "a DRMAA2 C library (libdrmaa2.so)",
    "drmaa1": "a DRMAA version 1 C library (libdrmaa.so) under DRMAA2's semantics",
}

#: The data types that may carry implementation-specific attributes, with the name the
#: library's reflective interface gives them.
IMPL_SPEC_TYPES = (
    (JobTemplate, "jtemplate"), (JobInfo, "jinfo"), (ReservationTemplate, "rtemplate"),
    (ReservationInfo, "rinfo"), (QueueInfo, "queueinfo"), (MachineInfo, "machineinfo"),
    (Notification, "notification"),
)

_LAYOUT_VARIABLE = "DRMAA2_LAYOUT"
_BACKEND_VARIABLE = "DRMAA2_BACKEND"


def collect():
    """Everything ``info`` reports, as a dict of plain values (loads the library; raises
    LibraryNotFoundError when there is none).  What the public API does not tell (how
    the library was found, its profile and quirks) the backend interface does."""
    path = drmaa2.library_path()
    capabilities = dict((capability.name, drmaa2.supports(capability))
                        for capability in Capability)
    in_use = backends.current()
    backend = in_use.name
    attributes = {}
    for data_type, type_name in IMPL_SPEC_TYPES:
        attributes[data_type.__name__] = [
            {"name": name, "description": drmaa2.describe_attribute(data_type(), name)}
            for name in drmaa2.implementation_specific_names(type_name)]
    forced_layout = os.environ.get(_LAYOUT_VARIABLE) if backend == "libdrmaa2" else None
    return {
        "backend": backend,
        "backend_chosen_by": ("%s=%s" % (_BACKEND_VARIABLE, os.environ[_BACKEND_VARIABLE])
                              if os.environ.get(_BACKEND_VARIABLE) else "the search order"),
        "library": path,
        "found_by": in_use.found_by,
        "search_step": SEARCH_STEPS.get(in_use.found_by, in_use.found_by),
        "profile": in_use.profile,
        "profile_description": in_use.profile_description,
        "profile_chosen_by": ("%s=%s" % (_LAYOUT_VARIABLE, forced_layout) if forced_layout
                              else "the library's names and probes"),
        "quirks": in_use.quirks,
        "drms_name": drmaa2.get_drms_name(),
        "drms_version": output.version_text(drmaa2.get_drms_version()),
        "drmaa_name": drmaa2.get_drmaa_name(),
        "drmaa_version": output.version_text(drmaa2.get_drmaa_version()),
        "capabilities": capabilities,
        "implementation_specific": attributes,
    }


def write_text(facts, stream):
    """Write the facts of :func:`collect` for people, what the library names with its
    control characters escaped (as in every table of the command line)."""
    profile = facts["profile"] or "-"
    if facts["profile_description"]:
        profile += " (%s)" % facts["profile_description"]
    lines = [
        ("library", facts["library"]),
        ("found by", facts["search_step"]),
        ("backend", "%s: %s, chosen by %s" % (facts["backend"],
                                             BACKENDS.get(facts["backend"], "?"),
                                             facts["backend_chosen_by"])),
        ("layout profile", "%s, chosen by %s" % (profile, facts["profile_chosen_by"])),
        ("quirks", _quirks_text(facts["quirks"])),
        ("DRMS", "%s %s" % (output.text_of(facts["drms_name"]), facts["drms_version"])),
        ("DRMAA", "%s %s" % (output.text_of(facts["drmaa_name"]), facts["drmaa_version"])),
    ]
    for label, value in lines:
        stream.write("%-15s %s\n" % (label + ":", output.printable(value)))
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
            stream.write("  %-22s %s\n" % (data_type.__name__,
                                           output.printable(_described(attribute))))


def _described(attribute):
    """``name: description`` (libraries often start the description with the name)."""
    name, description = attribute["name"], attribute["description"]
    if not description:
        return "%s: (no description)" % name
    return description if description.startswith(name) else "%s: %s" % (name, description)


def _quirks_text(quirks):
    """The quirks found true, by name ('none' when there are none)."""
    found = sorted(name for name, value in quirks.items() if value)
    return ", ".join(found) or "none"
