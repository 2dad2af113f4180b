"""The process that runs the bad-input cases of ``badinput.py``, one at a time.

It reads cases from stdin and answers each on its original stdout (length-prefixed
pickles), so that a case that crashes the interpreter (a segfault in C, an abort) ends
only this process: the parent sees the pipe close, counts a crash with the case that
caused it, and starts a new worker.

A case names an operation of the public API and its arguments.  Arguments may hold
tokens, ``(TOKEN, name)``, that stand for objects the parent cannot send (or should not:
hypothesis keeps what it draws): a live or closed session, a finished or reaped job, a
job array, a reservation, a plain object, a callable, a megabyte of text.  The answer
says whether the call returned, raised a documented exception (``TypeError`` or a
``drmaa2.Drmaa2Exception``, with a message), or broke a promise
(an undocumented exception, an empty message, a value that came back changed).
"""
from __future__ import print_function

import copy
import logging
import os
import pickle
import signal
import struct
import traceback

TOKEN = "<drmaa2-reliability-token>"
MEGABYTE = 1 << 20
PROTOCOL = 2

#: The string fields of a job template that must come back from the library unchanged.
ROUND_TRIP_FIELDS = ("remote_command", "args", "job_environment", "job_name",
                     "working_directory", "input_path", "output_path", "error_path",
                     "accounting_id", "candidate_machines", "email", "priority", "min_slots",
                     "max_slots", "rerunnable", "join_files", "email_on_started",
                     "email_on_terminated", "job_category", "queue_name", "reservation_id",
                     "min_phys_memory", "machine_os", "machine_arch", "resource_limits",
                     "stage_in_files", "stage_out_files", "deadline_time")


def token(name):
    """The token that the worker replaces by the object called ``name``."""
    return (TOKEN, name)


def read_frame(stream):
    """One length-prefixed pickle from ``stream``; None at end of file."""
    header = _read_exactly(stream, 4)
    if header is None:
        return None
    size = struct.unpack(">I", header)[0]
    data = _read_exactly(stream, size)
    if data is None:
        return None
    return pickle.loads(data)


def write_frame(stream, value):
    """Write ``value`` as one length-prefixed pickle and flush."""
    data = pickle.dumps(value, PROTOCOL)
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def _read_exactly(stream, size):
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class Objects(object):
    """The objects tokens stand for, made when first needed ("fresh_" ones every time)."""

    def __init__(self, drmaa2):
        self.drmaa2 = drmaa2
        self.cache = {}
        self.made_sessions = []

    def get(self, name):
        """The object of the token ``name``."""
        if name.startswith("fresh_"):
            return getattr(self, "make_" + name[len("fresh_"):])()
        if name not in self.cache:
            self.cache[name] = getattr(self, "make_" + name)()
        return self.cache[name]

    def make_job_session(self):
        session = self.drmaa2.create_job_session()
        self.made_sessions.append(("job", session.session_name))
        return session

    def make_closed_job_session(self):
        session = self.make_job_session()
        session.close()
        return session

    def make_job(self):
        """A job held in the queue (it never runs; it can be controlled)."""
        return self.get("job_session").run_job(
            self.drmaa2.JobTemplate(remote_command="/bin/true", submit_as_hold=True))

    def make_finished_job(self):
        job = self.get("job_session").run_job(
            self.drmaa2.JobTemplate(remote_command="/bin/true"))
        job.wait_terminated(60)
        return job

    def make_reaped_job(self):
        job = self.make_finished_job()
        job.reap()
        return job

    def make_job_array(self):
        array = self.get("job_session").run_bulk_jobs(
            self.drmaa2.JobTemplate(remote_command="/bin/true"), 1, 2, 1)
        for job in array.jobs:
            job.wait_terminated(60)
        return array

    def make_job_of_closed_session(self):
        """A finished job whose session was closed and then collected."""
        import gc
        session = self.make_job_session()
        job = session.run_job(self.drmaa2.JobTemplate(remote_command="/bin/true"))
        job.wait_terminated(60)
        session.close()
        del session
        gc.collect()
        return job

    def make_job_of_destroyed_session(self):
        """A finished job whose session was destroyed."""
        session = self.make_job_session()
        job = session.run_job(self.drmaa2.JobTemplate(remote_command="/bin/true"))
        job.wait_terminated(60)
        session.close()
        self.drmaa2.destroy_job_session(session.session_name)
        return job

    def make_array_of_destroyed_session(self):
        """A finished job array whose session was destroyed."""
        session = self.make_job_session()
        array = session.run_bulk_jobs(self.drmaa2.JobTemplate(remote_command="/bin/true"),
                                      1, 2, 1)
        for job in array.jobs:
            job.wait_terminated(60)
        session.close()
        self.drmaa2.destroy_job_session(session.session_name)
        return array

    def make_reservation_session(self):
        session = self.drmaa2.create_reservation_session()
        self.made_sessions.append(("reservation", session.session_name))
        return session

    def make_closed_reservation_session(self):
        session = self.make_reservation_session()
        session.close()
        return session

    def make_reservation(self):
        return self.get("reservation_session").request_reservation(
            self.drmaa2.ReservationTemplate(min_slots=1, max_slots=1))

    def make_terminated_reservation(self):
        reservation = self.make_reservation()
        reservation.terminate()
        return reservation

    def make_monitoring_session(self):
        return self.drmaa2.open_monitoring_session()

    def make_closed_monitoring_session(self):
        session = self.drmaa2.open_monitoring_session()
        session.close()
        return session

    def make_megabyte_of_ascii(self):
        return u"x" * MEGABYTE

    def make_megabyte_of_e_acute(self):
        return u"\u00e9" * MEGABYTE

    def make_megabyte_ending_in_nul(self):
        return u"x" * (MEGABYTE - 1) + u"\0"

    def make_kilobyte_of_surrogates(self):
        return u"\udc80" * 1024

    def make_object(self):
        return object()

    def make_callable(self):
        return lambda notification: None

    def make_raising_callable(self):
        def callback(notification):
            raise RuntimeError("a user's callback raising")
        return callback

    def make_raising_iterable(self):
        class Raising(object):
            def __iter__(self):
                raise TypeError("an iterable whose iteration fails")
        return Raising()

    def resolve(self, value):
        """``value`` with every token replaced by its object (in lists, tuples, dicts)."""
        if isinstance(value, tuple) and len(value) == 2 and value[0] == TOKEN:
            return self.get(value[1])
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.resolve(item) for item in value)
        if isinstance(value, dict):
            return dict((self.resolve(key), self.resolve(item)) for key, item in value.items())
        return value

    def dispose(self, session):
        """Close a session a case made, and destroy it if it is a named one."""
        session.close()
        if isinstance(session, self.drmaa2.JobSession):
            self.drmaa2.destroy_job_session(session.session_name)
        elif isinstance(session, self.drmaa2.ReservationSession):
            self.drmaa2.destroy_reservation_session(session.session_name)

    def clean_up(self):
        """Close and destroy the sessions made here."""
        for session in list(self.cache.values()):
            closed = getattr(session, "closed", None)
            if closed is False:
                try:
                    session.close()
                except self.drmaa2.Drmaa2Exception:
                    pass
        for kind, name in self.made_sessions:
            destroy = getattr(self.drmaa2, "destroy_%s_session" % kind)
            try:
                destroy(name)
            except self.drmaa2.Drmaa2Exception:
                pass


class Broken(Exception):
    """A promise of the API was broken (not a documented exception)."""


def _record_type(drmaa2, name):
    return getattr(drmaa2, name)


def _check_round_trip(given, returned):
    for field in ROUND_TRIP_FIELDS:
        sent = getattr(given, field)
        if sent is None:
            continue
        back = getattr(returned, field)
        if back != sent:
            raise Broken("JobTemplate.%s changed on its way through the library: sent %r, "
                         "got back %r" % (field, sent, back))


def run_case(objects, case):
    """Run one case; return what came of it (a short value, for counting).

    ``("fault", spec, case)`` runs ``case`` with the stub's fault injection set to
    ``spec`` (``DRMAA2_STUB_FAIL``: a C function failing with a DRMAA2 error)."""
    if case[0] == "fault":
        os.environ["DRMAA2_STUB_FAIL"] = case[1]
        try:
            return run_case(objects, case[2])
        finally:
            del os.environ["DRMAA2_STUB_FAIL"]
    drmaa2 = objects.drmaa2
    operation, arguments = case[0], objects.resolve(list(case[1:]))
    if operation == "module":
        name, args = arguments
        result = getattr(drmaa2, name)(*args)
        if isinstance(result, (drmaa2.JobSession, drmaa2.ReservationSession,
                               drmaa2.MonitoringSession)):
            objects.dispose(result)
        return result
    if operation == "method":
        target, name, args = arguments
        return getattr(target, name)(*args)
    if operation == "attribute":
        target, name = arguments
        return getattr(target, name)
    if operation == "record":
        type_name, mapping, keywords = arguments
        cls = _record_type(drmaa2, type_name)
        record = cls(**keywords) if mapping is None else cls(mapping, **keywords)
        return _exercise_record(record)
    if operation == "record_set":
        type_name, name, value = arguments
        record = _record_type(drmaa2, type_name)()
        # (Python 2's builtin setattr refuses non-ASCII names before drmaa2 sees them)
        record.__setattr__(name, value)
        return _exercise_record(record)
    if operation == "record_replace":
        type_name, keywords = arguments
        return _exercise_record(_record_type(drmaa2, type_name)()._replace(**keywords))
    if operation == "container":
        field, method, value = arguments
        container = getattr(drmaa2.JobTemplate(args=["a"], job_environment={"k": "v"}), field)
        if method == "setitem":
            try:
                container[value[0]] = value[1]
            except IndexError:  # a list's own behaviour for an index out of range
                pass
        else:
            getattr(container, method)(value)
        return len(container)
    if operation == "run_job":
        mapping, = arguments
        template = drmaa2.JobTemplate(mapping)
        template.submit_as_hold = True
        job = objects.get("job_session").run_job(template)
        try:
            _check_round_trip(template, job.job_template)
        finally:
            job.terminate()
        return job.get_state()[0]
    if operation == "run_bulk_jobs":
        mapping, begin, end, step, max_parallel = arguments
        template = drmaa2.JobTemplate(mapping) if isinstance(mapping, dict) else mapping
        if isinstance(template, drmaa2.JobTemplate):
            template.submit_as_hold = True
        array = objects.get("job_session").run_bulk_jobs(template, begin, end, step,
                                                         max_parallel)
        array.terminate()
        return len(array.jobs)
    if operation == "request_reservation":
        mapping, = arguments
        reservation = objects.get("reservation_session").request_reservation(mapping)
        reservation.terminate()
        return reservation.reservation_id
    if operation == "filter":
        mapping, = arguments
        found = objects.get("job_session").get_jobs(mapping)
        found += objects.get("monitoring_session").get_all_jobs(mapping)
        return len(found)
    if operation == "copy":
        target, how = arguments
        if how == "pickle":
            return pickle.loads(pickle.dumps(target, PROTOCOL))
        return getattr(copy, how)(target)
    if operation == "crash":  # proves that the parent survives and counts a crash
        os.kill(os.getpid(), signal.SIGSEGV)
    raise ValueError("unknown operation %r" % (operation,))


def _exercise_record(record):
    """What users do with a record once they have it: read, compare, copy, pickle."""
    copy = pickle.loads(pickle.dumps(record, PROTOCOL))
    if copy != record:
        raise Broken("%r changed when pickled: %r" % (record, copy))
    if record._replace() != record:
        raise Broken("%r changed when _replace()d" % (record,))
    repr(record)
    return len(record._asdict())


def answer(objects, case):
    """Run ``case``; return ``(outcome, detail)`` where outcome is "returned",
    "documented" (a TypeError or Drmaa2Exception with a message) or "broken"."""
    drmaa2 = objects.drmaa2
    try:
        result = run_case(objects, case)
    except Broken as error:
        return ("broken", str(error)[:2000])
    except (TypeError, drmaa2.Drmaa2Exception) as error:
        message = str(error)
        if not message.strip():
            return ("broken", "%s with an empty message" % type(error).__name__)
        return ("documented", "%s: %s" % (type(error).__name__, message[:200]))
    except Exception as error:
        return ("broken", "undocumented %s: %s\n%s" % (type(error).__name__,
                                                      str(error)[:500],
                                                      traceback.format_exc()[-3000:]))
    return ("returned", type(result).__name__)


def main():
    """Serve cases until stdin closes."""
    requests = os.fdopen(0, "rb")
    replies = os.fdopen(os.dup(1), "wb")
    # Only the answers may go to the parent: anything else written to fd 1 goes to stderr.
    os.dup2(2, 1)
    logging.getLogger("drmaa2").addHandler(logging.NullHandler())
    logging.getLogger("drmaa2").propagate = False
    import drmaa2
    objects = Objects(drmaa2)
    try:
        while True:
            case = read_frame(requests)
            if case is None:
                break
            write_frame(replies, answer(objects, case))
    finally:
        objects.clean_up()


if __name__ == "__main__":
    main()
