"""Type stubs of drmaa2.constants: timeouts, path placeholders, NOW, resource limit names
and UTC."""
import datetime
from typing import Tuple

INFINITE_TIME: int
ZERO_TIME: int
HOME_DIR: str
WORKING_DIR: str
PARAMETRIC_INDEX: str


class _Now:
    """The type of ``drmaa2.NOW``, the start time "as soon as possible"."""
    value: int


NOW: _Now

RESOURCE_LIMITS: Tuple[str, ...]
UTC: datetime.tzinfo
