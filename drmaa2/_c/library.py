"""The ``Library`` facade: every DRMAA2 C function the upper layers need, as a method that
takes and returns Python values (str, lists, dicts, Enum members, the data types of
``drmaa2.types`` and the handle objects of ``drmaa2._c.handles``).

Lists, templates and infos the library returns are converted and freed here; handles live
on in handle objects that free them once.  Failures raise the exception of their DRMAA2
error code with the library's error text; an optional function the library lacks raises
UnsupportedOperationException when called.
"""
import contextlib
import ctypes
import logging
import os

from drmaa2._c import loader, probes, profiles, prototypes
from drmaa2._c import values as v
from drmaa2._c.containers import JOBLIST, Containers
from drmaa2._c.errors import ErrorChecker
from drmaa2._c.events import EventDispatcher
from drmaa2._c.handles import (JobArrayHandle, JobHandle, JobSessionHandle, ListKeeper,
                               MonitoringSessionHandle, ReservationHandle,
                               ReservationSessionHandle)
from drmaa2._c.records import Records, data_type
from drmaa2._c.structs import struct_set
from drmaa2.constants import RESOURCE_LIMITS
from drmaa2.enums import Capability, JobState, from_value, to_value
from drmaa2.exceptions import (Drmaa2Exception, InvalidArgumentException,
                               UnsupportedOperationException)

LOG = logging.getLogger("drmaa2")

#: U+FFFD as the native str: what a byte that is no UTF-8 decodes to.
_REPLACEMENT = v.decode_string(b"\xff")

#: The struct names ``impl_spec`` accepts.
IMPL_SPEC_TYPES = ("jtemplate", "jinfo", "rtemplate", "rinfo", "queueinfo", "machineinfo",
                   "notification", "version", "slotinfo")


def _unsupported_free(name):
    def free(address):
        LOG.debug("cannot free a handle: the library lacks drmaa2_%s", name)
    return free


def _control(function_name, handle_class, what):
    """The method that calls the job or job array control function ``drmaa2_<function_name>``
    on a handle of ``handle_class`` (called ``what`` in messages)."""
    operation = function_name.split("_", 1)[1]

    def call(self, handle):
        getattr(self.c, function_name)(self._handle(handle, handle_class, what))
    call.__name__ = str(function_name)
    call.__doc__ = "drmaa2_%s: %s the %s." % (function_name, operation,
                                            what.replace("array", "job array"))
    return call


class Library(object):
    """A loaded DRMAA2 C library.

    ``path`` is the file (or name) loaded, ``found_by`` the search step that found it,
    ``profile`` the name of its layout profile (``gfd198``, ``uge83``, ``gfd230`` or
    ``uge``), ``quirks`` what the load-time probes found, ``missing`` the optional C
    functions it lacks.
    """

    def __init__(self, loaded, environ=None):
        """Bind, probe and profile the library ``loaded`` (a ``loader.Loaded``)."""
        environ = os.environ if environ is None else environ
        self.path = loaded.path
        self.found_by = loaded.found_by
        self._cdll = loaded.cdll
        self._checker = ErrorChecker()
        self.c = prototypes.bind(loaded.cdll, self._checker, loaded.path)
        self._checker.functions = self.c
        self.quirks = probes.probe(loaded.cdll)
        self._checker.lasterror_text_static = self.quirks.lasterror_text_static
        self._checker.lasterror_resets = self.quirks.lasterror_resets
        self.missing = list(self.c.missing)
        self.containers = Containers(self.c, self.quirks.list_prepends)
        drms_name, drmaa_name = self._quiet(self.get_drms_name), self._quiet(self.get_drmaa_name)
        profile, reason = profiles.choose_profile(
            environ.get(profiles.LAYOUT_VARIABLE), drms_name, drmaa_name,
            self.quirks.jinfo_is_2012, environ.get(profiles.FORCE_VARIABLE))
        self._profile = profile
        self.profile = profile.name
        self._checker.extra_error_classes = profile.extra_error_classes
        self._checker.zero_wait_invalid_state = profile.zero_wait_invalid_state
        LOG.info("DRMAA2 library %s (found by %s): layout profile %s (%s), chosen by %s",
                 self.path, self.found_by, profile.name, profile.description, reason)
        if self.missing:
            LOG.debug("DRMAA2 library %s lacks the optional functions %s", self.path,
                      ", ".join(self.missing))
        self._impl_spec_cache = {}
        self.records = Records(self.c, self.containers, struct_set(profile), profile,
                               self.impl_spec)
        self._events = EventDispatcher(self.c, lambda address:
                                       self.records.read("notification", address))
        self._frees = {
            "jtemplate": self.c.jtemplate_free, "jinfo": self.c.jinfo_free,
            "rtemplate": self.c.rtemplate_free, "rinfo": self.c.rinfo_free,
            "version": self.c.version_free, "queueinfo": self.c.queueinfo_free,
            "machineinfo": self.c.machineinfo_free, "slotinfo": self.c.slotinfo_free,
            "notification": self.c.notification_free,
        }

    @classmethod
    def load(cls, environ=None):
        """Find, load and set up the library as ``drmaa2._c.loader`` searches for it."""
        return cls(loader.load(accept=prototypes.PROTOTYPES.refuse_incomplete,
                               environ=environ), environ)

    def __repr__(self):
        return "<drmaa2._c.Library %s (%s, found by %s)>" % (self.path, self.profile,
                                                             self.found_by)

    @staticmethod
    def _quiet(getter):
        try:
            return getter()
        except Drmaa2Exception as error:
            LOG.debug("asking the library its name failed: %s", error)
            return None

    # ------------------------------------------------------------ helpers
    def _free_function(self, name):
        return getattr(self.c, name) if self.c.has(name) else _unsupported_free(name)

    def _free_struct(self, struct_name, address):
        if address:
            self._frees[struct_name](ctypes.byref(ctypes.c_void_p(address)))

    def _take(self, struct_name, address):
        """The data type of a struct the library handed over; the struct is freed."""
        if not address:
            return None
        try:
            return self.records.read(struct_name, address)
        finally:
            self._free_struct(struct_name, address)

    def _take_struct_list(self, struct_name, address):
        if not address:
            return []
        try:
            return [self.records.read(struct_name, item)
                    for item in self.containers.list_items(address)]
        finally:
            self.containers.free_list(address)

    def _take_handle_list(self, handle_class, address):
        if not address:
            return []
        keeper = ListKeeper(address, self.c.list_free)
        return [handle_class(item, keeper=keeper)
                for item in self.containers.list_items(address)]

    @staticmethod
    def _instance(struct_name, value, name):
        cls = data_type(struct_name)
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls(value)
        raise TypeError("%s must be a %s (or a dict of its fields), not %s"
                        % (name, cls.__name__, type(value).__name__))

    @contextlib.contextmanager
    def _struct(self, struct_name, value, name, unset_all=False):
        """A struct of the library filled from ``value``, freed when the block ends."""
        instance = self._instance(struct_name, value, name)
        create = {"jtemplate": self.c.jtemplate_create, "jinfo": self.c.jinfo_create,
                  "rtemplate": self.c.rtemplate_create}[struct_name]
        address = create()
        try:
            self.records.write(struct_name, address, instance, unset_all=unset_all)
            yield address
        finally:
            self._free_struct(struct_name, address)

    @contextlib.contextmanager
    def _filter(self, job_filter):
        if job_filter is None:
            yield None
        else:
            with self._struct("jinfo", job_filter, "filter", unset_all=True) as address:
                yield address

    @contextlib.contextmanager
    def _names(self, names, name):
        if names is None:
            yield None
            return
        address = self.containers.new_string_list(names, name)
        try:
            yield address
        finally:
            self.containers.free_list(address)

    @staticmethod
    def _handle(value, handle_class, name):
        if not isinstance(value, handle_class):
            raise TypeError("%s must be a %s, not %s" % (name, handle_class.__name__,
                                                         type(value).__name__))
        return value.address

    def _string(self, address):
        return self.containers.take_string(address)

    def _by_stored_name(self, function, name, list_names):
        """``function(name)`` for a session name (open or destroy); when the library knows
        no session of that name and ``name`` holds U+FFFD, ``function`` of the one stored
        name whose decoding (with replacement) is ``name``: so a session stored under a
        name that is no UTF-8 (which earlier versions let through) can still be opened
        and destroyed by the name its listing gives."""
        encoded = v.encode_string(name, "name")
        try:
            return function(encoded)
        except Drmaa2Exception:
            if _REPLACEMENT not in name:
                raise
            matches = [raw for raw in self.containers.take_bytes_list(list_names())
                       if raw != encoded and v.decode_string(raw) == name]
            if not matches:
                raise
        if len(matches) > 1:
            raise InvalidArgumentException(
                "session name %r: %d sessions are stored under names that are no UTF-8 "
                "(%s) and all read as this name, so it does not say which is meant"
                % (name, len(matches), ", ".join(repr(raw) for raw in matches)))
        return function(matches[0])

    # -------------------------------------------- names, versions, support
    def get_drms_name(self):
        """The name of the DRM system, or None."""
        return self._string(self.c.get_drms_name())

    def get_drms_version(self):
        """The version of the DRM system (a Version), or None."""
        return self._take("version", self.c.get_drms_version())

    def get_drmaa_name(self):
        """The name of the DRMAA2 implementation, or None (also from a library without
        the optional drmaa2_get_drmaa_name, such as UGE 8.3's)."""
        if not self.c.has("get_drmaa_name"):
            return None
        return self._string(self.c.get_drmaa_name())

    def get_drmaa_version(self):
        """The version of the DRMAA2 implementation (a Version), or None (also from a
        library without the optional drmaa2_get_drmaa_version)."""
        if not self.c.has("get_drmaa_version"):
            return None
        return self._take("version", self.c.get_drmaa_version())

    def supports(self, capability):
        """Whether the library supports ``capability`` (a Capability or its int)."""
        return self.c.supports(to_value(Capability, capability, "capability")) != 0

    def impl_spec(self, type_name):
        """The implementation-specific attribute names the library declares for the struct
        ``type_name`` ('jtemplate', 'jinfo', ...); [] where it declares none or lacks the
        function."""
        if type_name not in IMPL_SPEC_TYPES:
            raise InvalidArgumentException("type_name must be one of %s, not %r"
                                           % (", ".join(IMPL_SPEC_TYPES), type_name))
        names = self._impl_spec_cache.get(type_name)
        if names is None:
            function = type_name + "_impl_spec"
            names = []
            if self.c.has(function):
                names = self.containers.take_string_list(getattr(self.c, function)())
            self._impl_spec_cache[type_name] = names
        return list(names)

    def describe_attribute(self, instance, name):
        """The library's description of the attribute ``name`` of ``instance`` (a
        JobTemplate, JobInfo or ReservationTemplate), or None."""
        struct_name = next((name for name in ("jtemplate", "jinfo", "rtemplate")
                            if isinstance(instance, data_type(name))), None)
        if struct_name is None:
            raise UnsupportedOperationException(
                "attributes can be described for JobTemplate, JobInfo and "
                "ReservationTemplate only (the C API has no way to create a %s)"
                % type(instance).__name__)
        encoded = v.encode_string(name, "name")
        with self._struct(struct_name, instance, "instance") as address:
            return self._string(self.c.describe_attribute(address, encoded))

    def resource_limit_names(self):
        """The keys of ``JobTemplate.resource_limits`` as this library spells them: a dict
        from the standard name (e.g. 'CPU_TIME') to the library's string."""
        result = {}
        for name in RESOURCE_LIMITS:
            try:
                value = ctypes.c_char_p.in_dll(self._cdll, "DRMAA2_" + name).value
            except (AttributeError, ValueError):
                value = None
            result[name] = v.decode_string(value) if value else name
        return result

    def register_event_notification(self, callback):
        """Deliver the library's event notifications to ``callback(Notification)`` (called
        from a thread of the library; what it raises is logged); None unregisters."""
        if callback is not None:
            # Asked now, so that the callback thread only reads the notification.
            self.impl_spec("notification")
        self._events.register(callback)

    # --------------------------------------------------- session manager
    def create_jsession(self, name, contact):
        """Create a persistent job session (``name``/``contact`` may be None)."""
        return JobSessionHandle(self.c.create_jsession(
            v.encode_optional_string(name, "name"), v.encode_optional_string(contact, "contact")),
            self.c.jsession_free)

    def open_jsession(self, name):
        """Open the existing job session ``name`` (see :meth:`_by_stored_name`)."""
        return JobSessionHandle(self._by_stored_name(self.c.open_jsession, name,
                                                     self.c.get_jsession_names),
                                self.c.jsession_free)

    def close_jsession(self, session):
        """Close a job session; the handle itself is freed by ``session.free()`` or later."""
        self.c.close_jsession(self._handle(session, JobSessionHandle, "session"))

    def destroy_jsession(self, name):
        """Remove the persistent job session ``name``."""
        self._by_stored_name(self.c.destroy_jsession, name, self.c.get_jsession_names)

    def get_jsession_names(self):
        """The names of the job sessions."""
        return self.containers.take_string_list(self.c.get_jsession_names())

    def create_rsession(self, name, contact):
        """Create a persistent reservation session."""
        return ReservationSessionHandle(self.c.create_rsession(
            v.encode_optional_string(name, "name"), v.encode_optional_string(contact, "contact")),
            self._free_function("rsession_free"))

    def open_rsession(self, name):
        """Open the existing reservation session ``name``."""
        return ReservationSessionHandle(
            self._by_stored_name(self.c.open_rsession, name, self.c.get_rsession_names),
            self._free_function("rsession_free"))

    def close_rsession(self, session):
        """Close a reservation session (the handle is freed by ``session.free()``)."""
        self.c.close_rsession(self._handle(session, ReservationSessionHandle, "session"))

    def destroy_rsession(self, name):
        """Remove the persistent reservation session ``name``."""
        self._by_stored_name(self.c.destroy_rsession, name, self.c.get_rsession_names)

    def get_rsession_names(self):
        """The names of the reservation sessions."""
        return self.containers.take_string_list(self.c.get_rsession_names())

    def open_msession(self, name):
        """Open a monitoring session (``name`` may be None)."""
        return MonitoringSessionHandle(
            self.c.open_msession(v.encode_optional_string(name, "name")),
            self._free_function("msession_free"))

    def close_msession(self, session):
        """Close a monitoring session (the handle is freed by ``session.free()``)."""
        self.c.close_msession(self._handle(session, MonitoringSessionHandle, "session"))

    # ------------------------------------------------------- job session
    def jsession_get_contact(self, session):
        """The contact of a job session, or None."""
        return self._string(self.c.jsession_get_contact(
            self._handle(session, JobSessionHandle, "session")))

    def jsession_get_session_name(self, session):
        """The name of a job session."""
        return self._string(self.c.jsession_get_session_name(
            self._handle(session, JobSessionHandle, "session")))

    def jsession_get_job_categories(self, session):
        """The job categories a job session offers."""
        return self.containers.take_string_list(self.c.jsession_get_job_categories(
            self._handle(session, JobSessionHandle, "session")))

    def jsession_get_jobs(self, session, job_filter):
        """The jobs of a job session matching ``job_filter`` (a JobInfo, or None for all)."""
        address = self._handle(session, JobSessionHandle, "session")
        with self._filter(job_filter) as c_filter:
            return self._take_handle_list(JobHandle, self.c.jsession_get_jobs(address, c_filter))

    def jsession_get_job_array(self, session, array_id):
        """The job array ``array_id`` of a job session."""
        address = self._handle(session, JobSessionHandle, "session")
        return JobArrayHandle(self.c.jsession_get_job_array(
            address, v.encode_string(array_id, "array_id")), self.c.jarray_free)

    def jsession_run_job(self, session, template):
        """Submit a job (``template``: a JobTemplate)."""
        address = self._handle(session, JobSessionHandle, "session")
        with self._struct("jtemplate", template, "template") as jt:
            return JobHandle(self.c.jsession_run_job(address, jt), self.c.j_free)

    def jsession_run_bulk_jobs(self, session, template, begin, end, step, max_parallel):
        """Submit a job array of the indices ``begin``, ``begin + step`` ... <= ``end``,
        at most ``max_parallel`` at once (None: no limit)."""
        address = self._handle(session, JobSessionHandle, "session")
        # Checked where they entered (JobSession.run_bulk_jobs): ints of a C long long.
        numbers = [begin, end, step, v.UNSET_NUM if max_parallel is None else max_parallel]
        with self._struct("jtemplate", template, "template") as jt:
            return JobArrayHandle(self.c.jsession_run_bulk_jobs(address, jt, *numbers),
                                  self.c.jarray_free)

    def _wait_any(self, function, session, jobs, timeout):
        address = self._handle(session, JobSessionHandle, "session")
        seconds = v.timeout_to_c(timeout)
        if isinstance(jobs, JobList):
            return JobHandle(function(address, jobs.address, seconds), self.c.j_free)
        addresses = [self._handle(job, JobHandle, "jobs[%d]" % i) for i, job in enumerate(jobs)]
        job_list = self.containers.new_list(JOBLIST, None, addresses)
        try:
            return JobHandle(function(address, job_list, seconds), self.c.j_free)
        finally:
            self.containers.free_list(job_list)

    def job_list(self, jobs=()):
        """A library list of the job handles ``jobs``, kept from one wait to the next (the
        waits take it instead of a Python list); it borrows the handles, which must live
        as long as they are in it."""
        return JobList(self, jobs)

    def jsession_wait_any_started(self, session, jobs, timeout):
        """Wait until one of ``jobs`` has started; a new handle of that job."""
        return self._wait_any(self.c.jsession_wait_any_started, session, jobs, timeout)

    def jsession_wait_any_terminated(self, session, jobs, timeout):
        """Wait until one of ``jobs`` has terminated; a new handle of that job."""
        return self._wait_any(self.c.jsession_wait_any_terminated, session, jobs, timeout)

    # --------------------------------------------------------------- job
    def j_get_id(self, job):
        """The DRM's id of a job."""
        return self._string(self.c.j_get_id(self._handle(job, JobHandle, "job")))

    def j_get_session_name(self, job):
        """The name of the job session of a job."""
        return self._string(self.c.j_get_session_name(self._handle(job, JobHandle, "job")))

    def j_get_jtemplate(self, job):
        """The JobTemplate a job was submitted with."""
        return self._take("jtemplate", self.c.j_get_jtemplate(self._handle(job, JobHandle, "job")))

    def j_get_state(self, job):
        """``(JobState, sub_state or None)`` of a job.  A state this binding does not know
        reads as JobState.UNDETERMINED (logged with its number)."""
        address = self._handle(job, JobHandle, "job")
        sub_state = ctypes.c_void_p()
        try:
            state = self.c.j_get_state(address, ctypes.byref(sub_state))
        except BaseException:
            self.containers.free_string(sub_state.value)
            raise
        text_address = sub_state.value  # mostly NULL: then no call to convert or free
        text = self.containers.take_string(text_address) if text_address else None
        member = from_value(JobState, state)
        if member.value != state:
            LOG.debug("job state %d is unknown to drmaa2; reading it as %s", state, member)
        return member, text

    def j_get_info(self, job):
        """The JobInfo of a job."""
        return self._take("jinfo", self.c.j_get_info(self._handle(job, JobHandle, "job")))

    def j_wait_started(self, job, timeout):
        """Wait up to ``timeout`` seconds (-1 infinite, 0 zero) until a job has started."""
        self.c.j_wait_started(self._handle(job, JobHandle, "job"), v.timeout_to_c(timeout))

    def j_wait_terminated(self, job, timeout):
        """Wait up to ``timeout`` seconds (-1 infinite, 0 zero) until a job has ended."""
        self.c.j_wait_terminated(self._handle(job, JobHandle, "job"), v.timeout_to_c(timeout))

    j_suspend = _control("j_suspend", JobHandle, "job")
    j_resume = _control("j_resume", JobHandle, "job")
    j_hold = _control("j_hold", JobHandle, "job")
    j_release = _control("j_release", JobHandle, "job")
    j_terminate = _control("j_terminate", JobHandle, "job")
    j_reap = _control("j_reap", JobHandle, "job")

    # --------------------------------------------------------- job array
    def jarray_get_id(self, array):
        """The DRM's id of a job array."""
        return self._string(self.c.jarray_get_id(self._handle(array, JobArrayHandle, "array")))

    def jarray_get_jobs(self, array):
        """The jobs of a job array (handles)."""
        return self._take_handle_list(JobHandle, self.c.jarray_get_jobs(
            self._handle(array, JobArrayHandle, "array")))

    def jarray_get_session_name(self, array):
        """The name of the job session of a job array."""
        return self._string(self.c.jarray_get_session_name(
            self._handle(array, JobArrayHandle, "array")))

    def jarray_get_jtemplate(self, array):
        """The JobTemplate a job array was submitted with."""
        return self._take("jtemplate", self.c.jarray_get_jtemplate(
            self._handle(array, JobArrayHandle, "array")))

    jarray_suspend = _control("jarray_suspend", JobArrayHandle, "array")
    jarray_resume = _control("jarray_resume", JobArrayHandle, "array")
    jarray_hold = _control("jarray_hold", JobArrayHandle, "array")
    jarray_release = _control("jarray_release", JobArrayHandle, "array")
    jarray_terminate = _control("jarray_terminate", JobArrayHandle, "array")
    jarray_reap = _control("jarray_reap", JobArrayHandle, "array")

    # ------------------------------------------------ reservation session
    def rsession_get_contact(self, session):
        """The contact of a reservation session, or None."""
        return self._string(self.c.rsession_get_contact(
            self._handle(session, ReservationSessionHandle, "session")))

    def rsession_get_session_name(self, session):
        """The name of a reservation session."""
        return self._string(self.c.rsession_get_session_name(
            self._handle(session, ReservationSessionHandle, "session")))

    def rsession_get_reservation(self, session, reservation_id):
        """The reservation ``reservation_id`` of a reservation session."""
        address = self._handle(session, ReservationSessionHandle, "session")
        return ReservationHandle(self.c.rsession_get_reservation(
            address, v.encode_string(reservation_id, "reservation_id")),
            self._free_function("r_free"))

    def rsession_request_reservation(self, session, template):
        """Request a reservation (``template``: a ReservationTemplate)."""
        address = self._handle(session, ReservationSessionHandle, "session")
        with self._struct("rtemplate", template, "template") as rt:
            return ReservationHandle(self.c.rsession_request_reservation(address, rt),
                                     self._free_function("r_free"))

    def rsession_get_reservations(self, session):
        """The reservations of a reservation session (handles)."""
        return self._take_handle_list(ReservationHandle, self.c.rsession_get_reservations(
            self._handle(session, ReservationSessionHandle, "session")))

    # ------------------------------------------------------- reservation
    def r_get_id(self, reservation):
        """The DRM's id of a reservation."""
        return self._string(self.c.r_get_id(
            self._handle(reservation, ReservationHandle, "reservation")))

    def r_get_session_name(self, reservation):
        """The name of the reservation session of a reservation."""
        return self._string(self.c.r_get_session_name(
            self._handle(reservation, ReservationHandle, "reservation")))

    def r_get_reservation_template(self, reservation):
        """The ReservationTemplate a reservation was requested with."""
        return self._take("rtemplate", self.c.r_get_reservation_template(
            self._handle(reservation, ReservationHandle, "reservation")))

    def r_get_info(self, reservation):
        """The ReservationInfo of a reservation."""
        return self._take("rinfo", self.c.r_get_info(
            self._handle(reservation, ReservationHandle, "reservation")))

    def r_terminate(self, reservation):
        """Cancel a reservation."""
        self.c.r_terminate(self._handle(reservation, ReservationHandle, "reservation"))

    # ------------------------------------------------ monitoring session
    def msession_get_all_reservations(self, session):
        """Every reservation the user may see (handles)."""
        return self._take_handle_list(ReservationHandle, self.c.msession_get_all_reservations(
            self._handle(session, MonitoringSessionHandle, "session")))

    def msession_get_all_jobs(self, session, job_filter):
        """Every job the user may see matching ``job_filter`` (a JobInfo or None)."""
        address = self._handle(session, MonitoringSessionHandle, "session")
        with self._filter(job_filter) as c_filter:
            return self._take_handle_list(JobHandle,
                                          self.c.msession_get_all_jobs(address, c_filter))

    def msession_get_all_queues(self, session, names):
        """The QueueInfo of every queue (or of those in ``names``)."""
        address = self._handle(session, MonitoringSessionHandle, "session")
        with self._names(names, "names") as c_names:
            return self._take_struct_list("queueinfo",
                                          self.c.msession_get_all_queues(address, c_names))

    def msession_get_all_machines(self, session, names):
        """The MachineInfo of every machine (or of those in ``names``)."""
        address = self._handle(session, MonitoringSessionHandle, "session")
        with self._names(names, "names") as c_names:
            return self._take_struct_list("machineinfo",
                                          self.c.msession_get_all_machines(address, c_names))


class JobList(object):
    """A C list of job handles that a wait may take many times (``Library.job_list``):
    jobs are added and removed in place, so n removals cost O(n) calls, not n rebuilds.
    Positions are in the order of adding, whatever the library's ``list_add`` does.  The
    list keeps the handles in it alive, and is freed with the object (or by ``free``)."""

    def __init__(self, library, jobs=()):
        self._library = library
        self._jobs = []
        self.address = library.containers.new_list(JOBLIST, None, [])
        try:
            for job in jobs:
                self.add(job)
        except BaseException:
            self.free()
            raise

    def __len__(self):
        return len(self._jobs)

    def add(self, job):
        """Append the job handle ``job``."""
        self._library.c.list_add(self.address, self._library._handle(job, JobHandle, "job"))
        self._jobs.append(job)

    def remove(self, position):
        """Remove the job at ``position`` (0: the first added of those left)."""
        size = len(self._jobs)
        if not 0 <= position < size:
            raise IndexError("position %d is outside the job list of %d" % (position, size))
        self._library.c.list_del(
            self.address, size - 1 - position if self._library.containers.list_prepends
            else position)
        del self._jobs[position]

    def free(self):
        """Free the C list; a second call does nothing."""
        address, self.address = self.address, None
        self._jobs = []
        if address:
            self._library.containers.free_list(address)

    def __del__(self):
        try:
            self.free()
        except Exception:  # at interpreter exit the library may be gone
            pass
