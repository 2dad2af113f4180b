"""drmaa2: submit and control jobs on cluster schedulers through DRMAA version 2.

The Python binding of the DRMAA2 C library (``libdrmaa2.so``) that cluster schedulers
ship, with the names of the OGF reference interface::

    import drmaa2
    with drmaa2.create_job_session() as session:
        job = session.run_job(drmaa2.JobTemplate({'remoteCommand': '/bin/sleep',
                                                  'args': ['1']}))
        job.wait_terminated(drmaa2.INFINITE_TIME)
        print(job.get_info().exit_status)

The library is loaded on first use, never at import.  What it says about itself is
available as functions (``get_drms_name()``, ...) and, as in the reference interface, as
module attributes computed when read: ``drms_name``, ``drms_version``, ``drmaa_name``,
``drmaa_version``, ``job_template_impl_spec``, ``job_info_impl_spec``,
``reservation_template_impl_spec``, ``reservation_info_impl_spec``,
``queue_info_impl_spec``, ``machine_info_impl_spec`` and ``notification_impl_spec``,
and the resource limit names ``CORE_FILE_SIZE``, ``CPU_TIME``, ``DATA_SIZE``,
``FILE_SIZE``, ``OPEN_FILES``, ``STACK_SIZE``, ``VIRTUAL_MEMORY``, ``WALLCLOCK_TIME``.
"""
from __future__ import absolute_import

import sys
import types as _module_types

import six

from drmaa2._version import __version__
from drmaa2.constants import (HOME_DIR, INFINITE_TIME, NOW, PARAMETRIC_INDEX, WORKING_DIR,
                              ZERO_TIME)
from drmaa2.enums import Capability, CpuArchitecture, Event, JobState, OperatingSystem
from drmaa2.exceptions import (AuthorizationException, DeniedByDrmsException,
                               DrmCommunicationException, Drmaa2Exception,
                               ImplementationSpecificException, InternalException,
                               InvalidArgumentException, InvalidSessionException,
                               InvalidStateException, LibraryNotFoundError,
                               OutOfResourceException, SessionManagementException,
                               TimeoutException, TryLaterException,
                               UnsupportedAttributeException, UnsupportedOperationException)
from drmaa2.types import (JobInfo, JobTemplate, MachineInfo, Notification, QueueInfo,
                          ReservationInfo, ReservationTemplate, SlotInfo, Version)
from drmaa2.job import Job
from drmaa2.job_array import JobArray
from drmaa2.job_session import JobSession
from drmaa2.reservation import Reservation
from drmaa2.reservation_session import ReservationSession
from drmaa2.monitoring_session import MonitoringSession
from drmaa2.session_manager import (create_job_session, create_reservation_session,
                                    destroy_job_session, destroy_reservation_session,
                                    destroy_session, get_job_session_names,
                                    get_reservation_session_names, open_job_session,
                                    open_monitoring_session, open_reservation_session)
from drmaa2.events import register_event_notification
from drmaa2.completion import as_completed
from drmaa2.library_info import (describe_attribute, get_drmaa_name, get_drmaa_version,
                                 get_drms_name, get_drms_version, get_job_info_impl_spec,
                                 get_job_template_impl_spec, get_machine_info_impl_spec,
                                 get_notification_impl_spec, get_queue_info_impl_spec,
                                 get_reservation_info_impl_spec,
                                 get_reservation_template_impl_spec,
                                 get_resource_limit_names, implementation_specific_names,
                                 library_path, supports)

# The __future__ statement binds a name; the package exports none of __future__'s.
del absolute_import

#: The module attributes that are read from the library when accessed, and the
#: functions that compute them.
_LAZY_ATTRIBUTES = {
    "drms_name": get_drms_name,
    "drms_version": get_drms_version,
    "drmaa_name": get_drmaa_name,
    "drmaa_version": get_drmaa_version,
    "job_template_impl_spec": get_job_template_impl_spec,
    "job_info_impl_spec": get_job_info_impl_spec,
    "reservation_template_impl_spec": get_reservation_template_impl_spec,
    "reservation_info_impl_spec": get_reservation_info_impl_spec,
    "queue_info_impl_spec": get_queue_info_impl_spec,
    "machine_info_impl_spec": get_machine_info_impl_spec,
    "notification_impl_spec": get_notification_impl_spec,
}


def _resource_limit(name):
    def read():
        return get_resource_limit_names()[name]
    read.__doc__ = ("The key of JobTemplate.resource_limits for the %s limit, as the "
                    "library spells it." % name)
    return read


#: The reference interface's implementation-dependent constants: the resource limit
#: names of ``JobTemplate.resource_limits``.
_LAZY_ATTRIBUTES.update((_limit, _resource_limit(_limit)) for _limit in (
    "CORE_FILE_SIZE", "CPU_TIME", "DATA_SIZE", "FILE_SIZE", "OPEN_FILES", "STACK_SIZE",
    "VIRTUAL_MEMORY", "WALLCLOCK_TIME"))

__all__ = [
    "__version__", "library_path",
    # constants
    "INFINITE_TIME", "ZERO_TIME", "NOW", "HOME_DIR", "WORKING_DIR", "PARAMETRIC_INDEX",
    # enumerations
    "JobState", "OperatingSystem", "CpuArchitecture", "Event", "Capability",
    # data types
    "JobTemplate", "JobInfo", "ReservationTemplate", "ReservationInfo", "MachineInfo",
    "QueueInfo", "SlotInfo", "Notification", "Version",
    # classes
    "JobSession", "Job", "JobArray", "ReservationSession", "Reservation",
    "MonitoringSession",
    # module functions
    "create_job_session", "open_job_session", "destroy_job_session",
    "get_job_session_names", "create_reservation_session", "open_reservation_session",
    "destroy_reservation_session", "get_reservation_session_names", "destroy_session",
    "open_monitoring_session", "supports", "register_event_notification", "as_completed",
    "describe_attribute", "get_drms_name", "get_drms_version", "get_drmaa_name",
    "get_drmaa_version", "get_job_template_impl_spec", "get_job_info_impl_spec",
    "get_reservation_template_impl_spec", "get_reservation_info_impl_spec",
    "get_queue_info_impl_spec", "get_machine_info_impl_spec", "get_notification_impl_spec",
    "get_resource_limit_names",
    # exceptions
    "Drmaa2Exception", "DeniedByDrmsException", "DrmCommunicationException",
    "TryLaterException", "SessionManagementException", "TimeoutException",
    "InternalException", "InvalidArgumentException", "InvalidSessionException",
    "InvalidStateException", "OutOfResourceException", "UnsupportedAttributeException",
    "UnsupportedOperationException", "ImplementationSpecificException",
    "AuthorizationException", "LibraryNotFoundError",
]  # not the attributes of _LAZY_ATTRIBUTES: "import *" must not load the library


def _lazy_attribute(name, compute):
    def read(module):
        try:
            return compute()
        except AttributeError as error:
            # Escaping a module property, it would read as "no attribute <name>".
            six.raise_from(RuntimeError("reading drmaa2.%s failed: %s" % (name, error)),
                           error)
    read.__name__ = name
    read.__doc__ = compute.__doc__
    return property(read)


class _Drmaa2Module(_module_types.ModuleType):
    """The drmaa2 module, whose library-dependent attributes are computed when read."""

    def __dir__(self):
        return sorted(set(self.__dict__) | set(_LAZY_ATTRIBUTES))


for _name, _compute in _LAZY_ATTRIBUTES.items():
    setattr(_Drmaa2Module, _name, _lazy_attribute(_name, _compute))
del _name, _compute


def _install_lazy_module():
    module = sys.modules[__name__]
    try:
        module.__class__ = _Drmaa2Module  # Python 3.5 and later
    except TypeError:
        # Python 2 cannot change a module's class: put an instance of the subclass in
        # its place, sharing the attributes, and keep the original alive (Python 2 empties
        # a module's globals when the module object dies).
        replacement = _Drmaa2Module(__name__, __doc__)
        replacement.__dict__.update(module.__dict__)
        replacement._original_module = module
        sys.modules[__name__] = replacement


_install_lazy_module()
