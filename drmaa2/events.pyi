from typing import Callable, Optional

from drmaa2.types import Notification

def register_event_notification(
    callback: Optional[Callable[[Notification], object]]) -> None: ...
