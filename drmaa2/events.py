"""Event notification: the DRM system tells a function of yours when a job changes state."""
from drmaa2 import _arguments, backend

__all__ = ["register_event_notification"]


def register_event_notification(callback):
    """Have ``callback(notification)`` called for every event of the DRM system; None
    stops the notifications.

    ``notification`` is a Notification (``event``, ``job_id``, ``session_name``,
    ``job_state``).  The library may call from a thread of its own, at any time: keep the
    callback short and do not call drmaa2 from it (hand the notification to a queue
    instead).  Whatever the callback raises is logged on the ``drmaa2`` logger and
    dropped; the process goes on.  There is one callback per process: registering
    another replaces it.  Needs ``Capability.CALLBACK``.
    """
    _arguments.callable_or_none(callback, "callback")
    backend.current().register_event_notification(callback)
