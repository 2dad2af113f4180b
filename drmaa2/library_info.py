"""What the loaded DRMAA2 library says about itself and the DRM system: names, versions,
optional features and implementation-specific attributes.

Each function loads the library on first use (importing drmaa2 loads nothing).  The
module ``drmaa2`` also offers the answers as attributes computed when read
(``drmaa2.drms_name``, ``drmaa2.job_template_impl_spec``, ...), as the OGF reference
interface does.
"""
from drmaa2 import _arguments, backend
from drmaa2.enums import Capability, to_value
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate, SlotInfo, Version)

__all__ = ["library_path", "get_drms_name", "get_drms_version", "get_drmaa_name",
           "get_drmaa_version", "supports", "describe_attribute",
           "get_job_template_impl_spec", "get_job_info_impl_spec",
           "get_reservation_template_impl_spec", "get_reservation_info_impl_spec",
           "get_queue_info_impl_spec", "get_machine_info_impl_spec",
           "get_notification_impl_spec", "implementation_specific_names",
           "get_resource_limit_names"]

_DATA_TYPES = (JobTemplate, JobInfo, ReservationTemplate, ReservationInfo, QueueInfo,
               MachineInfo, Notification, SlotInfo, Version)


def library_path():
    """Return the path of the DRMAA2 C library in use (loading it if need be)."""
    return backend.current().library_path


def get_drms_name():
    """Return the name of the DRM system (a string, or None if the library does not
    say)."""
    return backend.current().get_drms_name()


def get_drms_version():
    """Return the Version of the DRM system (or None if the library does not say)."""
    return backend.current().get_drms_version()


def get_drmaa_name():
    """Return the name of the DRMAA2 implementation (a string, or None)."""
    return backend.current().get_drmaa_name()


def get_drmaa_version():
    """Return the Version of the DRMAA standard the implementation follows (or None)."""
    return backend.current().get_drmaa_version()


def supports(capability):
    """Return True when the DRMAA2 library offers the optional feature ``capability`` (a
    Capability member, or its int value)."""
    member = Capability(to_value(Capability, capability, "capability"))
    return backend.current().supports(member)


def describe_attribute(instance, name):
    """Return the library's human-readable description of the attribute ``name`` of a
    data type ``instance`` (a JobTemplate, JobInfo, ...; None if it has none).

    Meant for implementation-specific attributes, e.g.
    ``describe_attribute(JobTemplate(), drmaa2.job_template_impl_spec[0])``.
    """
    _arguments.instance(instance, _DATA_TYPES, "instance")
    name = _arguments.text(name, "name")
    return backend.current().describe_attribute(instance, name)


def implementation_specific_names(type_name):
    """Return the names of the implementation-specific attributes the library declares
    for a data type: ``'jtemplate'``, ``'jinfo'``, ``'rtemplate'``, ``'rinfo'``,
    ``'queueinfo'``, ``'machineinfo'`` or ``'notification'``."""
    return backend.current().impl_spec(type_name)


def get_job_template_impl_spec():
    """Return the implementation-specific attribute names of JobTemplate."""
    return implementation_specific_names("jtemplate")


def get_job_info_impl_spec():
    """Return the implementation-specific attribute names of JobInfo."""
    return implementation_specific_names("jinfo")


def get_reservation_template_impl_spec():
    """Return the implementation-specific attribute names of ReservationTemplate."""
    return implementation_specific_names("rtemplate")


def get_reservation_info_impl_spec():
    """Return the implementation-specific attribute names of ReservationInfo."""
    return implementation_specific_names("rinfo")


def get_queue_info_impl_spec():
    """Return the implementation-specific attribute names of QueueInfo."""
    return implementation_specific_names("queueinfo")


def get_machine_info_impl_spec():
    """Return the implementation-specific attribute names of MachineInfo."""
    return implementation_specific_names("machineinfo")


def get_notification_impl_spec():
    """Return the implementation-specific attribute names of Notification."""
    return implementation_specific_names("notification")


def get_resource_limit_names():
    """Return the keys of ``JobTemplate.resource_limits`` as the library spells them: a
    dict from the standard name ('CORE_FILE_SIZE', 'CPU_TIME', 'DATA_SIZE', 'FILE_SIZE',
    'OPEN_FILES', 'STACK_SIZE', 'VIRTUAL_MEMORY', 'WALLCLOCK_TIME') to the library's
    string.  The module attributes ``drmaa2.CPU_TIME`` etc. are these strings."""
    return backend.current().resource_limit_names()
