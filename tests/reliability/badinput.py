"""Bad input, tried with ``hypothesis`` over every public entry point and data type.

Cases are arbitrary calls of the public API: module functions, session, job, job array,
reservation and monitoring methods, the nine data types (built from dicts and keywords,
fields set one by one, ``_replace``, their string lists and dicts), templates and
filters through the C library.  Their arguments mix plausible values with text holding
NUL, lone surrogates and 1 MB of characters, bytes that are not UTF-8, integers beyond
``long long``, NaN and infinities, negative and huge indices and timeouts, wrong types and
enumerations, ``None``, objects, closed sessions and reaped jobs.

Each case runs in a worker process (``badinput_worker.py``): an interpreter crash ends
the worker, is counted with its case, and the next case gets a new worker.  A case passes
when the call returns or raises ``TypeError`` or a ``drmaa2.Drmaa2Exception`` with a
message; anything else (another exception, an empty message, a crash, a hang, a value
that came back from the library changed) is a failure.  Then ``DRMAA2_LIBRARY_PATH``
names things that are no DRMAA2 library, one process each: each must raise
``LibraryNotFoundError``.

    python tests/reliability/badinput.py [--cases 10000] [--seed N]

The summary gives the seed; ``--seed`` with it generates the same cases again.
"""
from __future__ import print_function

import collections
import datetime
import os
import random
import select
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import common  # noqa: E402
from badinput_worker import read_frame, token, write_frame  # noqa: E402

WORKER = os.path.join(HERE, "badinput_worker.py")
#: The longest a case may take before it counts as a hang (1 MB strings, job starts).
CASE_TIMEOUT = 60.0

try:  # one code point, surrogates included
    _unichr = unichr  # noqa: F821 (Python 2)
except NameError:
    _unichr = chr


class Worker(object):
    """The worker process that runs cases; restarted after a crash or a hang."""

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.process = None
        self.started = 0

    def _start(self):
        log = open(self.log_path, "ab")
        try:
            self.process = subprocess.Popen([sys.executable, WORKER], env=self.env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=log)
        finally:
            log.close()
        self.started += 1

    def ask(self, case):
        """Run ``case``; return ``(outcome, detail)``; outcome "crash" or "hang" when the
        worker died or did not answer in time."""
        if self.process is None:
            self._start()
        try:
            write_frame(self.process.stdin, case)
            ready, _, _ = select.select([self.process.stdout], [], [], CASE_TIMEOUT)
            reply = read_frame(self.process.stdout) if ready else "hang"
        except (IOError, OSError):
            reply = None
        if reply == "hang":
            self._stop()
            return ("hang", "no answer within %g s" % CASE_TIMEOUT)
        if reply is None:
            status = self._stop()
            how = (common.signal_name(-status) if status is not None and status < 0
                   else "exit status %s" % status)
            return ("crash", "the interpreter died (%s)" % how)
        return reply

    def _stop(self):
        process, self.process = self.process, None
        if process.poll() is None:
            process.kill()
        process.wait()
        return process.returncode

    def close(self):
        """End the worker (it cleans up the sessions it made)."""
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
            self.process.stdout.close()
            self.process = None


# ---------------------------------------------------------------------------------------
# What the cases are made of.

def strategies():
    """The hypothesis strategy of one case (imported here: hypothesis is needed only
    when cases are made)."""
    from hypothesis import strategies as st

    import drmaa2
    from drmaa2 import types as dtypes

    code_points = st.one_of(st.integers(0x20, 0x7e), st.integers(0, sys.maxunicode),
                            st.sampled_from([0, 0xd800, 0xdbff, 0xdc80, 0xdfff, 0xfffe,
                                             sys.maxunicode, ord(u"\u00e9")]))
    any_text = st.lists(code_points.map(_unichr), max_size=24).map(u"".join)
    # Made by the worker: hypothesis keeps what it draws, and shows it in its reprs.
    huge_text = st.sampled_from([token(name) for name in (
        "megabyte_of_ascii", "megabyte_of_e_acute", "megabyte_ending_in_nul",
        "kilobyte_of_surrogates")])
    any_bytes = st.one_of(st.binary(max_size=24),
                          st.sampled_from([b"\xff\xfe", b"\xc3", b"a\0b", b"\xed\xa0\x80"]))
    huge_ints = st.sampled_from([2 ** 63 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1, 2 ** 64,
                                 2 ** 31, -2 ** 31 - 1, 10 ** 30, -10 ** 30, -1, -2, 0])
    any_int = st.one_of(st.integers(), huge_ints)
    times = st.sampled_from([datetime.datetime.min, datetime.datetime.max,
                             datetime.datetime(1969, 12, 31, 23, 59, 59),
                             datetime.datetime(1970, 1, 1), datetime.datetime(9999, 1, 1),
                             datetime.date(2020, 1, 1), datetime.timedelta.max,
                             datetime.timedelta.min, datetime.timedelta(seconds=-1),
                             datetime.timedelta(0), drmaa2.NOW])
    enums = st.sampled_from(list(drmaa2.JobState) + list(drmaa2.OperatingSystem) +
                            list(drmaa2.CpuArchitecture) + list(drmaa2.Event) +
                            list(drmaa2.Capability))
    tokens = st.sampled_from([token(name) for name in (
        "job_session", "closed_job_session", "finished_job", "reaped_job", "job_array",
        "reservation_session", "closed_reservation_session", "reservation",
        "monitoring_session", "closed_monitoring_session", "object", "callable",
        "raising_iterable", "job_of_closed_session", "job_of_destroyed_session")])
    records = st.sampled_from([drmaa2.JobTemplate(remote_command="/bin/true"),
                               drmaa2.JobInfo(), drmaa2.ReservationTemplate(),
                               drmaa2.SlotInfo(machine_name="m", slots=1),
                               drmaa2.Version(major="1", minor="0"), drmaa2.QueueInfo(),
                               drmaa2.MachineInfo(), drmaa2.Notification(),
                               drmaa2.ReservationInfo()])
    scalar = st.one_of(st.none(), st.booleans(), any_int, st.floats(), any_text, any_bytes,
                       enums, times, tokens)
    value = st.one_of(scalar, scalar, scalar, huge_text, records,
                      st.lists(scalar, max_size=4), st.tuples(scalar, scalar),
                      st.dictionaries(st.one_of(any_text, scalar), scalar, max_size=3))
    plain_text = st.one_of(st.sampled_from(["a", "name-1", u"\u00e9t\u00e9", "/bin/true",
                                            "$DRMAA2_HOME_DIR$/x", "0"]),
                           st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e),
                                   min_size=1, max_size=12))
    timeouts = st.one_of(st.sampled_from([0, 0.001, 1, 10 ** 9, -1, -2, float("nan"),
                                          float("inf"), float("-inf"), 2 ** 70,
                                          datetime.timedelta(seconds=1)]), value)

    def maybe(valid):
        """``valid`` three times in four, a bad value otherwise."""
        return st.integers(0, 3).flatmap(lambda choice: valid if choice else value)

    def valid_for(kind):
        name = type(kind).__name__
        if name == "_Str":
            return plain_text
        if name == "_StrList":
            return st.lists(plain_text, max_size=3)
        if name == "_StrDict":
            return st.dictionaries(plain_text, plain_text, max_size=3)
        if name == "_Bool":
            return st.booleans()
        if name == "_Int":
            return st.integers(-5, 100)
        if name == "_Float":
            return st.floats(0, 10)
        if name == "_EnumKind":
            return st.one_of(st.sampled_from(list(kind.enum_class)), st.integers(-1, 20))
        if name == "_Time":
            moments = [0, 1e9] + ([drmaa2.NOW] if kind.allow_now else [])
            return st.one_of(st.sampled_from(moments), st.datetimes(
                min_value=datetime.datetime(1970, 1, 2),
                max_value=datetime.datetime(2200, 1, 1)))
        if name == "_Duration":
            return st.one_of(st.integers(0, 10 ** 6), st.timedeltas(
                min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=999)))
        if name == "_RecordKind":
            return st.just(drmaa2.Version(major="3", minor="1"))
        if name == "_RecordListKind":
            return st.lists(st.just(drmaa2.SlotInfo(machine_name="m", slots=1)), max_size=2)
        return value

    def names_of(cls):
        return sorted(set(cls._aliases))

    @st.composite
    def mapping(draw, cls, required=()):
        """A dict of fields of ``cls`` in either spelling, with plausible values but for
        (usually) one: a junk name or a bad value, so that most dicts get past the
        checks of the others and reach the library with one bad thing in them."""
        fields = list(required) + [field for field in draw(st.lists(
            st.sampled_from(cls._fields), max_size=8, unique=True)) if field not in required]
        spellings = [(field, camel) for field, camel, _ in cls._spec if field in fields]
        names = [draw(st.sampled_from(pair)) for pair in spellings]
        bad = draw(st.integers(-1, len(names)))  # -1 or len(names): nothing bad
        if bad == len(names) and draw(st.booleans()):
            names.append(draw(st.one_of(any_text, scalar)))  # a junk name
        result = {}
        for index, name in enumerate(names):
            try:
                field = cls._aliases.get(name)
            except TypeError:  # an unhashable junk name
                continue
            strategy = valid_for(cls._kinds[field]) if field is not None else value
            result[name] = draw(value if index == bad else strategy)
        return result

    record_types = [dtypes.JobTemplate, dtypes.JobInfo, dtypes.ReservationTemplate,
                    dtypes.ReservationInfo, dtypes.SlotInfo, dtypes.QueueInfo,
                    dtypes.Version, dtypes.MachineInfo, dtypes.Notification]
    any_record_type = st.sampled_from(record_types)

    @st.composite
    def record_case(draw):
        cls = draw(any_record_type)
        fields = draw(mapping(cls))
        keywords = dict((key, item) for key, item in draw(mapping(cls)).items()
                        if isinstance(key, str) and key not in fields)
        given = draw(st.one_of(st.just(fields), st.just(fields), st.none(), value))
        return ("record", cls.__name__, given, keywords)

    @st.composite
    def record_set_case(draw):
        cls = draw(any_record_type)
        name = draw(st.one_of(st.sampled_from(names_of(cls) + ["implementation_specific"]),
                              any_text, scalar))
        field = cls._aliases.get(name) if isinstance(name, str) else None
        strategy = valid_for(cls._kinds[field]) if field is not None else value
        return ("record_set", cls.__name__, name, draw(maybe(strategy)))

    @st.composite
    def record_replace_case(draw):
        cls = draw(any_record_type)
        keywords = dict((key, item) for key, item in draw(mapping(cls)).items()
                        if isinstance(key, str))
        return ("record_replace", cls.__name__, keywords)

    container_case = st.one_of(
        st.tuples(st.just("container"), st.just("args"),
                  st.sampled_from(["append", "extend", "__iadd__", "count"]),
                  maybe(plain_text)),
        st.tuples(st.just("container"), st.just("job_environment"),
                  st.sampled_from(["update", "setdefault", "get"]), value),
        st.tuples(st.just("container"), st.sampled_from(["args", "job_environment"]),
                  st.just("setitem"), st.tuples(maybe(st.integers(-2, 2)), value)))

    template = mapping(dtypes.JobTemplate, required=("remote_command",))
    run_job_case = st.tuples(st.just("run_job"), template)

    @st.composite
    def bulk_case(draw):
        small = st.integers(-1, 12)
        indices = st.one_of(small, small, small, small, any_int, value)
        begin, end, step = draw(indices), draw(indices), draw(indices)
        numbers = [item for item in (begin, end, step)
                   if isinstance(item, int) and not isinstance(item, bool)]
        if len(numbers) == 3 and begin >= 1 and step >= 1 and end >= begin and \
                (end - begin) // step >= 20:
            end = begin  # a valid array of thousands of jobs is no bad input
        return ("run_bulk_jobs", draw(maybe(template)), begin, end, step,
                draw(st.one_of(st.none(), st.none(), st.integers(-2, 3), any_int, value)))

    reservation_case = st.tuples(st.just("request_reservation"),
                                 maybe(mapping(dtypes.ReservationTemplate)))
    filter_case = st.tuples(st.just("filter"), maybe(mapping(dtypes.JobInfo)))

    def arguments(*kinds):
        """Arguments for a call: the expected ones (plausible or bad), and sometimes one
        too many or too few."""
        exact = st.tuples(*[maybe(kind) for kind in kinds]).map(list)
        wrong = st.lists(value, max_size=len(kinds) + 1)
        return st.one_of(exact, exact, exact, wrong)

    names = maybe(plain_text)
    optional_names = st.one_of(st.none(), plain_text, value)
    capability = st.one_of(st.sampled_from(list(drmaa2.Capability)), st.integers(-2, 20))
    type_names = st.sampled_from(["jtemplate", "jinfo", "rtemplate", "rinfo", "queueinfo",
                                  "machineinfo", "notification", "slotinfo", "version"])
    callbacks = st.sampled_from([None, token("callable"), token("raising_callable")])
    instances = st.one_of(records, st.just(drmaa2.JobTemplate()))

    def module_call(name, *kinds):
        return st.tuples(st.just("module"), st.just(name), arguments(*kinds))

    module_cases = st.one_of(
        module_call("create_job_session", optional_names, optional_names),
        module_call("open_job_session", names),
        module_call("destroy_job_session", names),
        module_call("get_job_session_names"),
        module_call("create_reservation_session", optional_names, optional_names),
        module_call("open_reservation_session", names),
        module_call("destroy_reservation_session", names),
        module_call("get_reservation_session_names"),
        module_call("destroy_session", names),
        module_call("open_monitoring_session", optional_names),
        module_call("supports", capability),
        module_call("register_event_notification", callbacks),
        module_call("describe_attribute", instances, st.sampled_from(["stub_nice", "x"])),
        module_call("implementation_specific_names", type_names),
        module_call("get_drms_name"), module_call("get_drms_version"),
        module_call("get_drmaa_name"), module_call("get_drmaa_version"),
        module_call("library_path"))

    def method_call(targets, name, *kinds):
        return st.tuples(st.just("method"), st.sampled_from([token(t) for t in targets]),
                         st.just(name), arguments(*kinds))

    def attribute(targets, names):
        return st.tuples(st.just("attribute"), st.sampled_from([token(t) for t in targets]),
                         st.sampled_from(names))

    job_sessions = ["job_session", "closed_job_session"]
    ended = ["finished_job", "reaped_job", "job_of_closed_session",
             "job_of_destroyed_session"]
    waited_jobs = st.lists(st.one_of(st.sampled_from([token(name) for name in ended]),
                                     value), max_size=3)
    job_lists = st.one_of(waited_jobs, waited_jobs, value)
    controls = ["suspend", "resume", "hold", "release", "terminate", "reap"]
    method_cases = st.one_of(
        method_call(job_sessions, "run_job", st.just({"remote_command": "/bin/true",
                                                      "submit_as_hold": True})),
        method_call(job_sessions, "get_jobs", st.one_of(st.none(), mapping(dtypes.JobInfo))),
        method_call(job_sessions, "get_job_array", plain_text),
        method_call(job_sessions, "wait_any_started", job_lists, timeouts),
        method_call(job_sessions, "wait_any_terminated", job_lists, timeouts),
        method_call(["closed_job_session", "fresh_closed_job_session",
                     "closed_reservation_session", "closed_monitoring_session"], "close"),
        attribute(job_sessions, ["job_categories", "session_name", "contact", "closed"]),
        st.tuples(st.just("method"), st.sampled_from([token(name) for name in (
            "fresh_job", "reaped_job", "job_array", "fresh_job_of_closed_session",
            "fresh_job_of_destroyed_session", "array_of_destroyed_session")]),
                  st.sampled_from(controls), arguments()),
        method_call(ended, "get_state"),
        method_call(ended, "get_info"),
        method_call(ended, "wait_started", timeouts),
        method_call(ended, "wait_terminated", timeouts),
        attribute(ended, ["job_id", "session_name", "job_template"]),
        attribute(["job_array", "array_of_destroyed_session"],
                  ["job_array_id", "session_name", "job_template", "jobs"]),
        method_call(["reservation_session", "closed_reservation_session"],
                    "request_reservation", mapping(dtypes.ReservationTemplate)),
        method_call(["reservation_session", "closed_reservation_session"],
                    "get_reservation", plain_text),
        method_call(["reservation_session", "closed_reservation_session"],
                    "get_reservations"),
        method_call(["reservation", "terminated_reservation"], "get_info"),
        method_call(["terminated_reservation"], "terminate"),
        attribute(["reservation", "terminated_reservation"],
                  ["reservation_id", "session_name", "reservation_template"]),
        method_call(["monitoring_session", "closed_monitoring_session"], "get_all_jobs",
                    st.one_of(st.none(), mapping(dtypes.JobInfo))),
        method_call(["monitoring_session", "closed_monitoring_session"], "get_all_queues",
                    st.one_of(st.none(), st.lists(plain_text, max_size=2))),
        method_call(["monitoring_session", "closed_monitoring_session"], "get_all_machines",
                    st.one_of(st.none(), st.lists(plain_text, max_size=2))),
        method_call(["monitoring_session", "closed_monitoring_session"],
                    "get_all_reservations"))

    copy_case = st.tuples(st.just("copy"), st.sampled_from([token(name) for name in (
        "job_session", "closed_job_session", "finished_job", "reaped_job", "job_array",
        "reservation_session", "reservation", "monitoring_session",
        "job_of_destroyed_session")]), st.sampled_from(["pickle", "copy", "deepcopy"]))
    weighted = ([record_case()] * 3 + [copy_case] + [record_set_case()] * 2 +
                [record_replace_case()] + [container_case] + [run_job_case] * 3 +
                [bulk_case()] + [reservation_case] + [filter_case] * 2 +
                [module_cases] * 3 + [method_cases] * 4)
    case = st.integers(0, len(weighted) - 1).flatmap(lambda index: weighted[index])
    # One case in four runs with a C function of the stub failing (DRMAA2_STUB_FAIL).
    from drmaa2._c import prototypes
    # (A wait function failing with TIMEOUT every time makes a wait without a time
    # limit wait for ever, as it should: that pair is left out.)
    faults = st.builds(lambda function, error: "drmaa2_%s:%s" % (
        function, "DRMAA2_INTERNAL" if "wait" in function and error == "DRMAA2_TIMEOUT"
        else error), st.sampled_from(sorted(prototypes.BY_NAME)),
        st.sampled_from(["DRMAA2_INTERNAL", "DRMAA2_OUT_OF_RESOURCE",
                         "DRMAA2_INVALID_ARGUMENT", "DRMAA2_TIMEOUT", "DRMAA2_TRY_LATER",
                         "DRMAA2_INVALID_STATE", "13", "NOT_AN_ERROR"]))
    return st.integers(0, 3).flatmap(
        lambda choice: st.tuples(st.just("fault"), faults, case) if choice == 0 else case)


#: Asks the library for something and says which exception came out.
LOAD = r"""
import drmaa2
try:
    drmaa2.get_job_session_names()
    print("returned")
except drmaa2.LibraryNotFoundError as error:
    print("LibraryNotFoundError" if str(error).strip() else "empty message")
except BaseException as error:
    print("undocumented %s: %s" % (type(error).__name__, error))
"""


def bad_library_paths(scratch):
    """DRMAA2_LIBRARY_PATH naming no DRMAA2 library (a text file, a directory, nothing,
    a library without the DRMAA2 functions, a program): each process must raise
    LibraryNotFoundError with a message.  Returns (paths tried, failures)."""
    text_file = os.path.join(scratch, "not-a-library.so")
    with open(text_file, "w") as handle:
        handle.write("not a library\n")
    paths = [text_file, scratch, os.path.join(scratch, "missing.so"), "relative.so",
             "/bin/true", "/dev/null"]
    for name in ("libc.so.6", "libsqlite3.so.0", "libm.so.6"):
        for directory in ("/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib"):
            if os.path.exists(os.path.join(directory, name)):
                paths.append(os.path.join(directory, name))
                break
    said = {}

    def load(path):
        env = common.child_environment(os.path.join(scratch, "state"),
                                       DRMAA2_LIBRARY_PATH=path)
        try:
            said[path] = common.run_python(LOAD, env, 60).strip()
        except common.ChildFailed as error:
            said[path] = str(error)

    # One process per path, all at once: each spends its time starting an interpreter.
    loaders = [threading.Thread(target=load, args=(path,)) for path in paths]
    for loader in loaders:
        loader.start()
    for loader in loaders:
        loader.join()
    failures = ["DRMAA2_LIBRARY_PATH=%r: %s" % (path, said.get(path, "no answer"))
                for path in paths if said.get(path) != "LibraryNotFoundError"]
    return len(paths), failures


def describe_case(case, limit=600):
    """A short readable form of a case (1 MB strings cut)."""
    text = repr(case)
    return text if len(text) <= limit else text[:limit] + "... (%d characters)" % len(text)


def run(cases, seed=None, derandomize=False, state_dir=None):
    """Try ``cases`` cases; return the part's report (cases tried, outcomes, crashes)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fix_seed

    counts = collections.Counter()
    failures = []
    with common.scratch_directory("badinput") as scratch:
        env = common.child_environment(state_dir or os.path.join(scratch, "state"),
                                       DRMAA2_STUB_SLOTS=4)
        worker = Worker(env, os.path.join(scratch, "worker.log"))

        @settings(max_examples=cases, deadline=None, database=None, derandomize=derandomize,
                  suppress_health_check=[getattr(HealthCheck, name) for name in (
                      "too_slow", "filter_too_much", "data_too_large", "large_base_example")
                      if hasattr(HealthCheck, name)])
        @given(strategies())
        def property_of(case):
            outcome, detail = worker.ask(case)
            counts["cases"] += 1
            counts["operation " + (case[2] if case[0] == "fault" else case)[0]] += 1
            counts[outcome] += 1
            if outcome in ("broken", "crash", "hang"):
                failures.append("%s: %s\n    case: %s" % (outcome, detail, describe_case(case)))

        if not derandomize:
            if seed is None:
                seed = random.randint(0, 2 ** 32 - 1)
            property_of = fix_seed(seed)(property_of)
        try:
            property_of()
        finally:
            worker.close()
        if worker.started > 1 + counts["crash"] + counts["hang"]:
            failures.append("the worker was started %d times for %d crashes and hangs"
                            % (worker.started, counts["crash"] + counts["hang"]))
        with open(os.path.join(scratch, "worker.log"), "rb") as log:
            worker_log = log.read().decode("utf-8", "replace")
        library_paths, library_failures = bad_library_paths(scratch)
    if failures and worker_log.strip():
        failures.append("worker log (end):\n" + worker_log[-3000:])
    failures.extend(library_failures)
    if os.environ.get("DRMAA2_RELIABILITY_DEBUG"):
        print(sorted(counts.items()), file=sys.stderr)
    return common.report("bad-input", [
        ("cases_tried", counts["cases"]), ("returned", counts["returned"]),
        ("documented_exceptions", counts["documented"]), ("broken", counts["broken"]),
        ("crashes", counts["crash"]), ("hangs", counts["hang"]),
        ("bad_library_paths", library_paths),
        ("seed", "derandomized" if derandomize else seed)], failures)


def arguments(parser):
    """The options of this part run alone."""
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=None)


def main(argv=None):
    return common.main(__doc__, arguments,
                       lambda options: run(options.cases, seed=options.seed), argv)


if __name__ == "__main__":
    sys.exit(main())
