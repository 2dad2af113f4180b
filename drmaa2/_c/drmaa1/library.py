"""The ``Drmaa1Library`` facade: every DRMAA version 1 C function the DRMAA v1 backend
needs, as a method that takes and returns Python values.

Job templates never leave this module: ``run_job`` and ``run_bulk_jobs`` take the
attributes as dicts, allocate a C template, set them, submit and delete the template on
every path.  String vectors the library returns are read and released here.  Failures
raise the drmaa2 exception of their DRMAA v1 error code with the library's diagnosis.
"""
import collections
import ctypes
import logging
import threading

from drmaa2._c.drmaa1 import errors, loader, names, profiles, prototypes
from drmaa2._c.values import decode_string, encode_string
from drmaa2.exceptions import InvalidArgumentException

LOG = logging.getLogger("drmaa2")

#: What drmaa_wait tells about a job that ended.  ``exited``: it ended normally and
#: ``exit_status`` is its status; ``signaled``: a signal (``signal``, e.g. 'SIGKILL')
#: ended it; ``aborted``: it never ran; ``rusage``: the resource usage entries the
#: library gave (name -> string), with ``cpu_time``, ``wallclock_time`` (seconds) and
#: ``submission_time``, ``dispatch_time``, ``finish_time`` (seconds since the epoch) read
#: from them where the library gave them (else None).
WaitResult = collections.namedtuple(
    "WaitResult", "job_id exited exit_status signaled signal core_dumped aborted rusage "
                  "cpu_time wallclock_time submission_time dispatch_time finish_time")


class Drmaa1Library(object):
    """A loaded DRMAA v1 C library.

    ``path`` is the file (or name) loaded and ``found_by`` the search step that found it.
    DRMAA v1 has one session per process: :meth:`init` opens it (once; later calls do
    nothing) and :meth:`exit` closes it.  ``profile`` (a ``profiles.Profile``) is known
    once the session is open.
    """

    def __init__(self, loaded, environ=None):
        self.path = loaded.path
        self.found_by = loaded.found_by
        self.c = prototypes.PROTOTYPES.bind(loaded.cdll, path=loaded.path)
        self.missing = list(self.c.missing)
        self._environ = environ
        self._lock = threading.Lock()
        self._active = False
        self.contact_given = None
        self.profile = None

    @classmethod
    def load(cls, environ=None):
        """Find, load and bind a DRMAA v1 library (see ``loader``)."""
        return cls(loader.load(accept=prototypes.PROTOTYPES.refuse_incomplete,
                               environ=environ), environ)

    def __repr__(self):
        return "<Drmaa1Library %s>" % (self.path,)

    # ---------------------------------------------------------------- plumbing

    @staticmethod
    def _diagnosis():
        buffer = ctypes.create_string_buffer(names.ERROR_STRING_BUFFER)
        return buffer, ctypes.sizeof(buffer)

    def _read_vector(self, address, next_function, release):
        """The strings of a drmaa_attr_names_t / attr_values_t / job_ids_t, released."""
        if not address:
            return []
        items = []
        buffer = ctypes.create_string_buffer(names.ATTR_BUFFER)
        try:
            while next_function(address, buffer, ctypes.sizeof(buffer)) == errors.SUCCESS:
                items.append(decode_string(buffer.value))
        finally:
            release(address)
        return items

    @staticmethod
    def _string_array(values, name):
        encoded = [encode_string(value, name) for value in values]
        array = (ctypes.c_char_p * (len(encoded) + 1))(*encoded)
        array[len(encoded)] = None
        return array

    def _text_call(self, function, size=names.DRM_SYSTEM_BUFFER):
        buffer = ctypes.create_string_buffer(size)
        function(buffer, ctypes.sizeof(buffer), *self._diagnosis())
        return decode_string(buffer.value)

    # ---------------------------------------------------------------- the session

    @property
    def active(self):
        """Whether this process's DRMAA v1 session is open."""
        return self._active

    def init(self, contact=None):
        """Open this process's DRMAA v1 session (``contact`` None: the default DRM); does
        nothing when it is open already with the same contact.  Another contact than
        the open session's raises InvalidArgumentException: DRMAA v1 has one session
        per process."""
        with self._lock:
            if self._active:
                if contact is not None and contact != self.contact_given:
                    raise InvalidArgumentException(
                        "contact %r: this process already uses the DRMAA v1 session of "
                        "contact %r, and DRMAA v1 allows one per process"
                        % (contact, self.contact_given))
                return
            encoded = None if contact is None else encode_string(contact, "contact")
            diagnosis = self._diagnosis()
            code = self.c.init(encoded, *diagnosis)
            if code == errors.ALREADY_ACTIVE_SESSION:
                LOG.debug("the DRMAA v1 session of this process was open already")
            elif code != errors.SUCCESS:
                raise errors.exception_for(code, "drmaa_init",
                                           prototypes.diagnosis_of(diagnosis))
            self._active = True
            self.contact_given = contact
            self.profile = profiles.choose_profile(self._quiet(self.drm_system), self._environ)
            LOG.debug("DRMAA v1 session open on %s (%s); DRM profile %s", self.path,
                      self._quiet(self.contact), self.profile.name)

    def exit(self):
        """Close this process's DRMAA v1 session (jobs go on running); nothing when it is
        not open."""
        with self._lock:
            if not self._active:
                return
            self._active = False
            self.c.exit(*self._diagnosis())

    @staticmethod
    def _quiet(function):
        try:
            return function()
        except Exception as error:  # the name is informative only
            LOG.debug("asking the DRMAA v1 library failed: %s", error)
            return None

    # ---------------------------------------------------------------- names and versions

    def drm_system(self):
        """``drmaa_get_DRM_system()``: the DRM's name and version, e.g. 'SGE 8.1.9'."""
        return self._text_call(self.c.get_DRM_system)

    def drmaa_implementation(self):
        """``drmaa_get_DRMAA_implementation()`` (None where the library lacks it)."""
        if not self.c.has("get_DRMAA_implementation"):
            return None
        return self._text_call(self.c.get_DRMAA_implementation)

    def contact(self):
        """``drmaa_get_contact()``: the contact of the open session (before init: the
        library's default contacts)."""
        return self._text_call(self.c.get_contact, names.CONTACT_BUFFER)

    def version(self):
        """``drmaa_version()``: the (major, minor) DRMAA version the library implements."""
        major, minor = ctypes.c_uint(), ctypes.c_uint()
        self.c.version(ctypes.byref(major), ctypes.byref(minor), *self._diagnosis())
        return major.value, minor.value

    def strerror(self, code):
        """``drmaa_strerror(code)``: the library's text of an error code ('' if none)."""
        text = self.c.strerror(code)
        return decode_string(text) if text else ""

    def attribute_names(self):
        """The scalar job template attributes the library supports."""
        return self._names(self.c.get_attribute_names)

    def _names(self, function):
        address = ctypes.c_void_p()
        function(ctypes.byref(address), *self._diagnosis())
        return self._read_vector(address.value, self.c.get_next_attr_name,
                                 self.c.release_attr_names)

    # ---------------------------------------------------------------- submission

    def _template(self, attributes, vectors):
        template = ctypes.c_void_p()
        self.c.allocate_job_template(ctypes.byref(template), *self._diagnosis())
        try:
            for name in sorted(attributes):
                self.c.set_attribute(template, encode_string(name, "attribute name"),
                                     encode_string(attributes[name], name),
                                     *self._diagnosis())
            for name in sorted(vectors):
                self.c.set_vector_attribute(template, encode_string(name, "attribute name"),
                                            self._string_array(vectors[name], name),
                                            *self._diagnosis())
        except BaseException:
            self.c.delete_job_template(template, *self._diagnosis())
            raise
        return template

    def run_job(self, attributes, vectors):
        """Submit one job; ``attributes`` maps scalar attribute names to strings,
        ``vectors`` vector attribute names to lists of strings.  Returns the job id."""
        template = self._template(attributes, vectors)
        try:
            job_id = ctypes.create_string_buffer(names.JOBNAME_BUFFER)
            self.c.run_job(job_id, ctypes.sizeof(job_id), template, *self._diagnosis())
            return decode_string(job_id.value)
        finally:
            self.c.delete_job_template(template, *self._diagnosis())

    def run_bulk_jobs(self, attributes, vectors, start, end, step):
        """Submit a job array (indices ``start``..``end`` by ``step``); returns the job
        ids in index order."""
        template = self._template(attributes, vectors)
        try:
            ids = ctypes.c_void_p()
            self.c.run_bulk_jobs(ctypes.byref(ids), template, start, end, step,
                                 *self._diagnosis())
            return self._read_vector(ids.value, self.c.get_next_job_id,
                                     self.c.release_job_ids)
        finally:
            self.c.delete_job_template(template, *self._diagnosis())

    # ---------------------------------------------------------------- jobs

    def control(self, job_id, action):
        """``drmaa_control``: ``action`` is 'suspend', 'resume', 'hold', 'release' or
        'terminate'."""
        if action not in names.CONTROL_ACTIONS:
            raise ValueError("unknown DRMAA v1 control action %r" % (action,))
        self.c.control(encode_string(job_id, "job_id"), names.CONTROL_ACTIONS[action],
                       *self._diagnosis())

    def job_ps(self, job_id):
        """``drmaa_job_ps``: the job's DRMAA v1 state (one of ``names.PS_*``)."""
        state = ctypes.c_int()
        self.c.job_ps(encode_string(job_id, "job_id"), ctypes.byref(state),
                      *self._diagnosis())
        return state.value

    def wait(self, job_id, timeout=names.TIMEOUT_NO_WAIT):
        """``drmaa_wait`` for ``job_id``: a WaitResult once the job ended (the library
        forgets the job then); TimeoutException while it has not ended within
        ``timeout`` whole seconds (default: do not wait)."""
        out = ctypes.create_string_buffer(names.JOBNAME_BUFFER)
        stat = ctypes.c_int()
        rusage = ctypes.c_void_p()
        diagnosis = self._diagnosis()
        code = self.c.wait(encode_string(job_id, "job_id"), out, ctypes.sizeof(out),
                           ctypes.byref(stat), int(timeout), ctypes.byref(rusage), *diagnosis)
        if code not in (errors.SUCCESS, errors.NO_RUSAGE):
            raise errors.exception_for(code, "drmaa_wait",
                                       prototypes.diagnosis_of(diagnosis))
        usage = {}
        for entry in self._read_vector(rusage.value, self.c.get_next_attr_value,
                                       self.c.release_attr_values):
            name, _, value = entry.partition("=")
            usage[name] = value
        return self._wait_result(decode_string(out.value) or job_id, stat.value, usage)

    def _flag(self, function, stat):
        value = ctypes.c_int()
        function(ctypes.byref(value), stat, *self._diagnosis())
        return value.value != 0

    def _wait_result(self, job_id, stat, usage):
        exited = self._flag(self.c.wifexited, stat)
        exit_status = None
        if exited:
            value = ctypes.c_int()
            self.c.wexitstatus(ctypes.byref(value), stat, *self._diagnosis())
            exit_status = value.value
        signaled = self._flag(self.c.wifsignaled, stat)
        signal_name = core_dumped = None
        if signaled:
            buffer = ctypes.create_string_buffer(names.SIGNAL_BUFFER)
            self.c.wtermsig(buffer, ctypes.sizeof(buffer), stat, *self._diagnosis())
            signal_name = decode_string(buffer.value) or None
            core_dumped = self._flag(self.c.wcoredump, stat)
        aborted = self._flag(self.c.wifaborted, stat)
        return WaitResult(
            job_id=job_id, exited=exited, exit_status=exit_status, signaled=signaled,
            signal=signal_name, core_dumped=core_dumped, aborted=aborted, rusage=usage,
            cpu_time=profiles.rusage_value(usage, "cpu_time"),
            wallclock_time=profiles.rusage_value(usage, "wallclock_time"),
            submission_time=profiles.rusage_value(usage, "submission_time"),
            dispatch_time=profiles.rusage_value(usage, "dispatch_time"),
            finish_time=profiles.rusage_value(usage, "finish_time"))

__all__ = ["Drmaa1Library", "WaitResult"]
