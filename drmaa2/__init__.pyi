from typing import Dict, List, Optional

from drmaa2._version import __version__ as __version__
from drmaa2.constants import HOME_DIR as HOME_DIR
from drmaa2.constants import INFINITE_TIME as INFINITE_TIME
from drmaa2.constants import NOW as NOW
from drmaa2.constants import PARAMETRIC_INDEX as PARAMETRIC_INDEX
from drmaa2.constants import WORKING_DIR as WORKING_DIR
from drmaa2.constants import ZERO_TIME as ZERO_TIME
from drmaa2.enums import Capability as Capability
from drmaa2.enums import CpuArchitecture as CpuArchitecture
from drmaa2.enums import Event as Event
from drmaa2.enums import JobState as JobState
from drmaa2.enums import OperatingSystem as OperatingSystem
from drmaa2.events import register_event_notification as register_event_notification
from drmaa2.completion import as_completed as as_completed
from drmaa2.exceptions import AuthorizationException as AuthorizationException
from drmaa2.exceptions import DeniedByDrmsException as DeniedByDrmsException
from drmaa2.exceptions import DrmCommunicationException as DrmCommunicationException
from drmaa2.exceptions import Drmaa2Exception as Drmaa2Exception
from drmaa2.exceptions import ImplementationSpecificException as ImplementationSpecificException
from drmaa2.exceptions import InternalException as InternalException
from drmaa2.exceptions import InvalidArgumentException as InvalidArgumentException
from drmaa2.exceptions import InvalidSessionException as InvalidSessionException
from drmaa2.exceptions import InvalidStateException as InvalidStateException
from drmaa2.exceptions import LibraryNotFoundError as LibraryNotFoundError
from drmaa2.exceptions import OutOfResourceException as OutOfResourceException
from drmaa2.exceptions import SessionManagementException as SessionManagementException
from drmaa2.exceptions import TimeoutException as TimeoutException
from drmaa2.exceptions import TryLaterException as TryLaterException
from drmaa2.exceptions import UnsupportedAttributeException as UnsupportedAttributeException
from drmaa2.exceptions import UnsupportedOperationException as UnsupportedOperationException
from drmaa2.job import Job as Job
from drmaa2.job_array import JobArray as JobArray
from drmaa2.job_session import JobSession as JobSession
from drmaa2.library_info import describe_attribute as describe_attribute
from drmaa2.library_info import get_drmaa_name as get_drmaa_name
from drmaa2.library_info import get_drmaa_version as get_drmaa_version
from drmaa2.library_info import get_drms_name as get_drms_name
from drmaa2.library_info import get_drms_version as get_drms_version
from drmaa2.library_info import get_job_info_impl_spec as get_job_info_impl_spec
from drmaa2.library_info import get_job_template_impl_spec as get_job_template_impl_spec
from drmaa2.library_info import get_machine_info_impl_spec as get_machine_info_impl_spec
from drmaa2.library_info import get_notification_impl_spec as get_notification_impl_spec
from drmaa2.library_info import get_queue_info_impl_spec as get_queue_info_impl_spec
from drmaa2.library_info import (
    get_reservation_info_impl_spec as get_reservation_info_impl_spec)
from drmaa2.library_info import (
    get_reservation_template_impl_spec as get_reservation_template_impl_spec)
from drmaa2.library_info import get_resource_limit_names as get_resource_limit_names
from drmaa2.library_info import library_path as library_path
from drmaa2.library_info import supports as supports
from drmaa2.monitoring_session import MonitoringSession as MonitoringSession
from drmaa2.reservation import Reservation as Reservation
from drmaa2.reservation_session import ReservationSession as ReservationSession
from drmaa2.session_manager import create_job_session as create_job_session
from drmaa2.session_manager import create_reservation_session as create_reservation_session
from drmaa2.session_manager import destroy_job_session as destroy_job_session
from drmaa2.session_manager import destroy_reservation_session as destroy_reservation_session
from drmaa2.session_manager import destroy_session as destroy_session
from drmaa2.session_manager import get_job_session_names as get_job_session_names
from drmaa2.session_manager import (
    get_reservation_session_names as get_reservation_session_names)
from drmaa2.session_manager import open_job_session as open_job_session
from drmaa2.session_manager import open_monitoring_session as open_monitoring_session
from drmaa2.session_manager import open_reservation_session as open_reservation_session
from drmaa2.types import JobInfo as JobInfo
from drmaa2.types import JobTemplate as JobTemplate
from drmaa2.types import MachineInfo as MachineInfo
from drmaa2.types import Notification as Notification
from drmaa2.types import QueueInfo as QueueInfo
from drmaa2.types import ReservationInfo as ReservationInfo
from drmaa2.types import ReservationTemplate as ReservationTemplate
from drmaa2.types import SlotInfo as SlotInfo
from drmaa2.types import Version as Version

__all__: List[str]

# Read from the library when accessed (the library is loaded on first use).
drms_name: Optional[str]
drms_version: Optional[Version]
drmaa_name: Optional[str]
drmaa_version: Optional[Version]
job_template_impl_spec: List[str]
job_info_impl_spec: List[str]
reservation_template_impl_spec: List[str]
reservation_info_impl_spec: List[str]
queue_info_impl_spec: List[str]
machine_info_impl_spec: List[str]
notification_impl_spec: List[str]
CORE_FILE_SIZE: str
CPU_TIME: str
DATA_SIZE: str
FILE_SIZE: str
OPEN_FILES: str
STACK_SIZE: str
VIRTUAL_MEMORY: str
WALLCLOCK_TIME: str
