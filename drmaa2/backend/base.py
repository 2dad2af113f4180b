"""The backend interface: every operation the public layer (``drmaa2/*.py``) asks of a
backend, each declared once here.

An operation has the name of the ``drmaa2._c.Library`` method that does it over a DRMAA2
C library, which is the C function's name without ``drmaa2_``: ``JobSession.get_jobs``
calls ``backend.jsession_get_jobs``, which the libdrmaa2 backend answers with
``Library.jsession_get_jobs``, which calls ``drmaa2_jsession_get_jobs``.  One name from
the public API down to C, so that grep finds every layer of an operation.

Every backend derives from :class:`Backend`.  The operations every backend must offer
raise ``NotImplementedError`` here (but for the few whose default fits every backend);
the optional families (reservations, monitoring,
event notification, implementation-specific attributes) raise
``UnsupportedOperationException`` naming the backend and the operation, until a backend
implements them.  tests/test_backend_interface.py holds each backend to this class: no
public name the interface lacks, none of its required operations missing.

Handles (of sessions, jobs, job arrays, reservations) are whatever the backend makes of
them: the public layer keeps them and hands them back, never looks inside.  Arguments
arrive checked by the public layer (``drmaa2._arguments``): strings are strings, numbers
in range, timeouts in seconds (int or float, ``INFINITE_TIME`` or ``ZERO_TIME``), data
types are ``drmaa2.types`` instances.  Results are Python values: strings, lists, dicts,
``drmaa2.types`` instances, ``drmaa2.enums`` members, handles.
"""
from drmaa2.exceptions import UnsupportedOperationException

__all__ = ["Backend", "REQUIRED", "OPTIONAL_FAMILIES", "operations", "abstract_operations"]

#: The optional families, and what each is about.
OPTIONAL_FAMILIES = {
    "reservations": "advance reservations and reservation sessions",
    "monitoring": "monitoring sessions",
    "events": "event notification",
    "implementation-specific": "implementation-specific attributes",
}

#: What an operation's ``family`` is when every backend must offer it.
REQUIRED = "required"


def _required(function):
    """Declare an operation every backend implements (here it raises NotImplementedError)."""
    name = function.__name__

    def operation(self, *args):
        raise NotImplementedError("the %s backend does not implement %s" % (self.name, name))
    operation.__name__ = name
    operation.__doc__ = function.__doc__
    operation.family = REQUIRED
    operation.abstract = True
    return operation


def _with_default(function):
    """Declare an operation every backend offers, with a default that fits every backend
    so far (a backend may still write its own)."""
    function.family = REQUIRED
    function.abstract = False
    return function


def _optional(family):
    """Declare an operation of an optional family: by default it raises
    UnsupportedOperationException naming the backend and the operation."""
    if family not in OPTIONAL_FAMILIES:
        raise ValueError("unknown family %r" % (family,))

    def declare(function):
        name = function.__name__

        def operation(self, *args):
            raise UnsupportedOperationException(
                "%s: %s (the %s backend is in use, on %s)"
                % (name, self._unsupported_reason % {"family": OPTIONAL_FAMILIES[family]},
                   self.name, self.library_path))
        operation.__name__ = name
        operation.__doc__ = function.__doc__
        operation.family = family
        operation.abstract = False
        return operation
    return declare


def _required_property(function):
    """Declare a fact every backend tells (a read-only property)."""
    return property(_required(function))


def _declared(value):
    return value.fget if isinstance(value, property) else value


def operations():
    """Every operation of the interface: a dict from its name to its family (REQUIRED or
    one of OPTIONAL_FAMILIES), ``name`` included."""
    found = {"name": REQUIRED}
    for attribute, value in vars(Backend).items():
        family = getattr(_declared(value), "family", None)
        if family is not None:
            found[attribute] = family
    return found


def abstract_operations():
    """The names of the required operations that every backend must implement itself
    (the interface has no default for them), ``name`` included."""
    return set(["name"]) | set(
        attribute for attribute, value in vars(Backend).items()
        if getattr(_declared(value), "abstract", False))


class Backend(object):
    """What the public layer asks of a backend.  Subclass it and implement the required
    operations (and the optional families the backend offers)."""

    #: The backend's name, as ``DRMAA2_BACKEND`` and ``python -m drmaa2 info`` spell it.
    name = None

    #: How an unsupported optional operation explains itself; ``%(family)s`` is what the
    #: family is about.  A backend may say why it lacks them.
    _unsupported_reason = "this backend offers no %(family)s"

    # ---------------------------------------------------------------- the library in use
    # What ``python -m drmaa2 info`` shows; the public API has only library_path.  The
    # defaults read the object of the C layer that the backend keeps as ``library``.

    @property
    @_with_default
    def library_path(self):
        """The file (or name) of the C library the backend drives."""
        return self.library.path

    @property
    @_with_default
    def found_by(self):
        """The step of the library search order that found the library (e.g.
        'DRMAA2_LIBRARY_PATH', 'SGE_ROOT', 'find_library'; cli/info.py explains them)."""
        return self.library.found_by

    @_required_property
    def profile(self):
        """The name of the profile the backend reads the library with (the layout profile
        of a DRMAA2 library, the DRM profile of a DRMAA v1 library), or None while none is
        chosen yet."""

    @_required_property
    def profile_description(self):
        """What is special about ``profile``, in a few words, or None."""

    @_required_property
    def quirks(self):
        """What the backend found out about the library's behaviour when it loaded it: a
        dict from the quirk's name to its value (empty when there is nothing to tell)."""

    # ------------------------------------------------------------ names, versions, limits

    @_required
    def get_drms_name(self):
        """The name of the DRM system, or None when the library does not say."""

    @_required
    def get_drms_version(self):
        """The Version of the DRM system, or None when the library does not say."""

    @_required
    def get_drmaa_name(self):
        """The name of the DRMAA implementation, or None when the library does not say."""

    @_required
    def get_drmaa_version(self):
        """The Version of the DRMAA standard the library implements, or None."""

    @_required
    def supports(self, capability):
        """True when the optional feature ``capability`` (a Capability member) works."""

    @_required
    def resource_limit_names(self):
        """The keys of ``JobTemplate.resource_limits`` as the library spells them: a new
        dict from the standard name ('CORE_FILE_SIZE', 'CPU_TIME', ...) to the library's."""

    @_with_default
    def shutdown(self):
        """Release what the backend holds for this process.  A backend that must do
        something at interpreter exit registers this itself with atexit; by default there
        is nothing to do."""

    # ------------------------------------------------------------------ job sessions

    @_required
    def create_jsession(self, name, contact):
        """Create a persistent job session (``name`` None: the backend makes up a unique
        one; ``contact`` None: the default DRM); return its handle."""

    @_required
    def open_jsession(self, name):
        """Open the existing job session ``name``; return its handle."""

    @_required
    def close_jsession(self, session):
        """Disengage from a job session.  Calls still running in other threads with the
        handle get the library's InvalidSessionException; the handle is freed when the
        last of them drops it."""

    @_required
    def destroy_jsession(self, name):
        """Remove the job session ``name`` and everything the DRM keeps of it."""

    @_required
    def get_jsession_names(self):
        """The names of the job sessions that can be opened, a list."""

    @_required
    def jsession_get_contact(self, session):
        """The contact string of a job session (None: the default DRM)."""

    @_required
    def jsession_get_session_name(self, session):
        """The name of a job session."""

    @_required
    def jsession_get_job_categories(self, session):
        """The job categories the DRM offers in a job session, a list of strings."""

    @_required
    def jsession_run_job(self, session, template):
        """Submit one job as ``template`` (a JobTemplate) says; return the job's handle."""

    @_required
    def jsession_run_bulk_jobs(self, session, template, begin, end, step, max_parallel):
        """Submit a job array of the indices ``begin``, ``begin + step``, ... up to
        ``end``, at most ``max_parallel`` running at once (None: no limit); return the
        array's handle."""

    @_required
    def jsession_get_jobs(self, session, job_filter):
        """Handles of the session's jobs that match ``job_filter`` (a JobInfo; None: all)."""

    @_required
    def jsession_get_job_array(self, session, array_id):
        """The handle of the job array ``array_id`` of a session."""

    @_required
    def jsession_wait_any_started(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has started (or ended); return a
        handle of that job.  Interruptible by Ctrl-C; TimeoutException when the time is
        up."""

    @_required
    def jsession_wait_any_terminated(self, session, jobs, timeout):
        """Wait until one of the job handles ``jobs`` has ended; return a handle of that
        job.  Interruptible by Ctrl-C; TimeoutException when the time is up."""

    @_required
    def jsession_watch_terminated(self, session):
        """A ``drmaa2.backend.waiting.Watch`` of job handles of ``session``: ``add(jobs)``
        (also while another thread waits), ``take(timeout)`` returns each handle added
        once, as its job ends (TimeoutException when the time is up), ``close()``.
        Taking n jobs costs O(n) in total; waits as the other waits do."""

    # -------------------------------------------------------------------------- jobs

    @_required
    def j_get_id(self, job):
        """The DRM's id of a job."""

    @_required
    def j_get_session_name(self, job):
        """The name of the job session a job belongs to (None for a job submitted outside
        DRMAA)."""

    @_required
    def j_get_jtemplate(self, job):
        """The JobTemplate a job was submitted with."""

    @_required
    def j_get_state(self, job):
        """The job's ``(JobState, sub_state)``; sub_state is the DRM's own string or None.
        The hottest operation: keep it one call."""

    @_required
    def j_get_info(self, job):
        """The job's JobInfo."""

    @_required
    def j_wait_started(self, job, timeout, job_id):
        """Wait until the job has started (or ended).  Interruptible by Ctrl-C;
        TimeoutException naming ``job_id`` when the time is up."""

    @_required
    def j_wait_terminated(self, job, timeout, job_id):
        """Wait until the job has ended.  Interruptible by Ctrl-C; TimeoutException naming
        ``job_id`` when the time is up."""

    @_required
    def j_suspend(self, job):
        """Suspend a running job."""

    @_required
    def j_resume(self, job):
        """Resume a suspended job."""

    @_required
    def j_hold(self, job):
        """Hold a queued job."""

    @_required
    def j_release(self, job):
        """Release a held job."""

    @_required
    def j_terminate(self, job):
        """End a job, whatever its state."""

    @_required
    def j_reap(self, job):
        """Let the DRM forget a terminated job; the handle is of no use afterwards."""

    # -------------------------------------------------------------------- job arrays

    @_required
    def jarray_get_id(self, array):
        """The DRM's id of a job array."""

    @_required
    def jarray_get_jobs(self, array):
        """Handles of the jobs of a job array, in index order."""

    @_required
    def jarray_get_session_name(self, array):
        """The name of the job session a job array belongs to."""

    @_required
    def jarray_get_jtemplate(self, array):
        """The JobTemplate a job array was submitted with."""

    @_required
    def jarray_suspend(self, array):
        """Suspend every running job of an array."""

    @_required
    def jarray_resume(self, array):
        """Resume every suspended job of an array."""

    @_required
    def jarray_hold(self, array):
        """Hold every queued job of an array."""

    @_required
    def jarray_release(self, array):
        """Release every held job of an array."""

    @_required
    def jarray_terminate(self, array):
        """End every job of an array."""

    @_required
    def jarray_reap(self, array):
        """Let the DRM forget every (terminated) job of an array."""

    # --------------------------------------------------- implementation-specific attributes

    @_optional("implementation-specific")
    def impl_spec(self, type_name):
        """The names of the implementation-specific attributes of a data type, a new list
        ('jtemplate', 'jinfo', 'rtemplate', 'rinfo', 'queueinfo', 'machineinfo',
        'notification', 'slotinfo', 'version').  drmaa2.types learns them through this
        operation (drmaa2.backend registers it)."""

    @_optional("implementation-specific")
    def describe_attribute(self, instance, name):
        """The library's description of the attribute ``name`` of a data type instance,
        or None."""

    # ------------------------------------------------------------ event notification

    @_optional("events")
    def register_event_notification(self, callback):
        """Deliver the DRM's events to ``callback(Notification)``, from any thread; None
        stops them.  Whatever the callback raises is logged, never propagated."""

    # ---------------------------------------------------------- reservation sessions

    @_optional("reservations")
    def create_rsession(self, name, contact):
        """Create a persistent reservation session; return its handle."""

    @_optional("reservations")
    def open_rsession(self, name):
        """Open the existing reservation session ``name``; return its handle."""

    @_optional("reservations")
    def close_rsession(self, session):
        """Disengage from a reservation session (as ``close_jsession``)."""

    @_optional("reservations")
    def destroy_rsession(self, name):
        """Remove the reservation session ``name`` and its reservations' bookkeeping."""

    @_optional("reservations")
    def get_rsession_names(self):
        """The names of the reservation sessions that can be opened, a list."""

    @_optional("reservations")
    def rsession_get_contact(self, session):
        """The contact string of a reservation session (None: the default DRM)."""

    @_optional("reservations")
    def rsession_get_session_name(self, session):
        """The name of a reservation session."""

    @_optional("reservations")
    def rsession_request_reservation(self, session, template):
        """Ask the DRM for a reservation as ``template`` (a ReservationTemplate) says;
        return its handle."""

    @_optional("reservations")
    def rsession_get_reservation(self, session, reservation_id):
        """The handle of the reservation ``reservation_id`` of a session."""

    @_optional("reservations")
    def rsession_get_reservations(self, session):
        """Handles of every reservation of a session."""

    # ------------------------------------------------------------------ reservations

    @_optional("reservations")
    def r_get_id(self, reservation):
        """The DRM's id of a reservation."""

    @_optional("reservations")
    def r_get_session_name(self, reservation):
        """The name of the reservation session a reservation belongs to (None if made
        outside DRMAA)."""

    @_optional("reservations")
    def r_get_reservation_template(self, reservation):
        """The ReservationTemplate a reservation was requested with."""

    @_optional("reservations")
    def r_get_info(self, reservation):
        """What the DRM granted: a ReservationInfo."""

    @_optional("reservations")
    def r_terminate(self, reservation):
        """End a reservation."""

    # ----------------------------------------------------------- monitoring sessions

    @_optional("monitoring")
    def open_msession(self, contact):
        """Open a monitoring session (``contact`` None: the default DRM); return its
        handle."""

    @_optional("monitoring")
    def close_msession(self, session):
        """Disengage from a monitoring session (as ``close_jsession``)."""

    @_optional("monitoring")
    def msession_get_all_jobs(self, session, job_filter):
        """Handles of every job the user may see that matches ``job_filter`` (a JobInfo;
        None: all)."""

    @_optional("monitoring")
    def msession_get_all_queues(self, session, names):
        """QueueInfo of the DRM's queues (only those named in ``names`` unless None)."""

    @_optional("monitoring")
    def msession_get_all_machines(self, session, names):
        """MachineInfo of the DRM's machines (only those named in ``names`` unless None)."""

    @_optional("monitoring")
    def msession_get_all_reservations(self, session):
        """Handles of every reservation the user may see."""
