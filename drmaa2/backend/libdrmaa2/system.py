"""What the library says about itself, and the process-wide event callback."""
import logging

_log = logging.getLogger("drmaa2")


class SystemMixin(object):
    """Names, versions, capabilities, attribute descriptions and event notification."""

    @property
    def library_path(self):
        """The file the DRMAA2 C library was loaded from."""
        return self.library.path

    def drms_name(self):
        """The name of the DRM system (None if the library does not say)."""
        return self.library.get_drms_name()

    def drms_version(self):
        """The Version of the DRM system (None if the library does not say)."""
        return self.library.get_drms_version()

    def drmaa_name(self):
        """The name of the DRMAA2 implementation (None if the library does not say)."""
        return self.library.get_drmaa_name()

    def drmaa_version(self):
        """The Version of DRMAA the implementation follows (None if it does not say)."""
        return self.library.get_drmaa_version()

    def supports(self, capability):
        """Whether the library offers the optional feature ``capability``."""
        return bool(self.library.supports(capability))

    def implementation_specific(self, type_name):
        """Names of the implementation-specific attributes of a data type ('jtemplate',
        'jinfo', 'rtemplate', 'rinfo', 'queueinfo', 'machineinfo', 'notification', ...)."""
        return list(self.library.impl_spec(type_name))

    def resource_limit_names(self):
        """The keys of ``JobTemplate.resource_limits`` as the library spells them: a dict
        from the standard name ('CORE_FILE_SIZE', 'CPU_TIME', ...) to the library's."""
        return dict(self.library.resource_limit_names())

    def describe_attribute(self, instance, name):
        """The library's description of attribute ``name`` of a data type instance."""
        return self.library.describe_attribute(instance, name)

    def register_event_notification(self, callback):
        """Deliver the library's events to ``callback`` (None: stop delivering).

        The callback runs in whatever thread the library reports from; whatever it raises
        is logged on the 'drmaa2' logger and goes no further.  (The C layer keeps its C
        callback alive and unregisters it at interpreter exit.)
        """
        self.library.register_event_notification(
            None if callback is None else _Guarded(callback))


class _Guarded(object):
    """A user's event callback that logs, instead of raising, whatever the callback raises."""

    def __init__(self, callback):
        self.callback = callback

    def __call__(self, notification):
        try:
            self.callback(notification)
        except Exception:
            _log.exception("the event callback %r raised on %r; the event is dropped",
                           self.callback, notification)
