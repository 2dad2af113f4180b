"""Every DRMAA2_LAYOUT without DRMAA2_LAYOUT_FORCE, on every build of the stub (the
standard one, and each profile's layout once ``make stub-vendors`` builds them): the load
refuses it with one clear error, or a job, its template and the machines read as they
read without the override, or (only where no probe can check: the machine info order)
differently but in range, with the override logged.  Never a signal: each case runs in a
process of its own (forked by one interpreter per build, which imported drmaa2 but loaded
no library), so a crash is a failure of the case, not of the suite."""
import glob
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, STUB_LIBRARY
from drmaa2._c.profiles import PROFILES

#: Where ``make stub-vendors`` builds the stub in the layout of each profile.
VENDOR_BUILDS = os.path.join(ROOT, "build", "vendors")


def _makefiles_build_vendors():
    """Whether a makefile of the tree has the rule ``stub-vendors``."""
    names = [os.path.join(ROOT, "Makefile")] + glob.glob(
        os.path.join(ROOT, "tests", "stub", "*.mk")) + glob.glob(
        os.path.join(ROOT, "tests", "stub", "mk", "*.mk"))
    for name in names:
        with open(name) as handle:
            if "stub-vendors:" in handle.read():
                return True
    return False


def builds():
    """(name, path) of every build the overrides run on."""
    found = [("stub", STUB_LIBRARY)]
    if _makefiles_build_vendors():
        found.extend((name, os.path.join(VENDOR_BUILDS, name, "libdrmaa2.so"))
                     for name in PROFILES)
    return found


#: The child: for each DRMAA2_LAYOUT of argv[1] (a JSON list; null: none), a forked process
#: loads the library, runs one job, reads its info and template and the machines, and
#: hands what it read, or the exception, back; prints {override: its exit status and
#: what it read} as JSON.
CHILD = r"""
import json, logging, os, sys
from drmaa2._c.library import Library
from drmaa2.exceptions import Drmaa2Exception
from drmaa2.types import JobTemplate

def plain(record, names):
    out = {}
    for name in names:
        value = getattr(record, name)
        if hasattr(value, "name") and hasattr(value, "value"):
            value = [type(value).__name__, value.value]
        elif hasattr(value, "_asdict"):
            value = dict(value._asdict())
        elif value is not None and not isinstance(value, (int, float, str)):
            value = repr(value)
        out[name] = value
    return out

def case():
    warnings = []
    class Keep(logging.Handler):
        def emit(self, record):
            warnings.append(record.getMessage())
    logging.getLogger("drmaa2").addHandler(Keep(logging.WARNING))
    result = {"warnings": warnings}
    try:
        library = Library.load()
        result["profile"] = library.profile
        session = library.create_jsession(None, None)
        try:
            template = JobTemplate(remote_command="/bin/sh", args=["-c", "exit 3"],
                                   job_name="override", job_environment={"A": "1"})
            job = library.jsession_run_job(session, template)
            library.j_wait_terminated(job, -1)
            result["info"] = plain(library.j_get_info(job), [
                "job_name", "exit_status", "terminating_signal", "job_state", "slots",
                "queue_name", "allocated_machines", "submission_machine"])
            result["template"] = plain(library.j_get_jtemplate(job), [
                "remote_command", "args", "job_name", "job_environment", "priority",
                "min_slots", "max_slots", "machine_os", "machine_arch"])
            job.free()
        finally:
            library.close_jsession(session)
            session.free()
        monitoring = library.open_msession(None)
        try:
            result["machines"] = [plain(machine, [
                "name", "available", "sockets", "cores_per_socket", "threads_per_core",
                "phys_memory", "virt_memory", "machine_os", "machine_arch",
                "machine_os_version"]) for machine in library.msession_get_all_machines(
                    monitoring, None)]
        finally:
            library.close_msession(monitoring)
            monitoring.free()
    except Drmaa2Exception as error:
        result["exception"] = [type(error).__name__, str(error)]
    return result

outcomes = {}
for override in json.loads(sys.argv[1]):
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the case's process; it ends as an interpreter does (its exit hooks
        os.close(reading)  # run), or with the traceback of an unexpected exception
        if override is not None:
            os.environ["DRMAA2_LAYOUT"] = override
        answer = json.dumps(case()).encode("utf-8")
        while answer:
            answer = answer[os.write(writing, answer):]
        os.close(writing)
        sys.exit(0)
    os.close(writing)
    chunks = []
    while True:
        chunk = os.read(reading, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(reading)
    _, status = os.waitpid(pid, 0)
    status = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    outcomes[str(override)] = {"status": status, "read": json.loads(
        b"".join(chunks).decode("utf-8")) if status == 0 else None}
print(json.dumps(outcomes, sort_keys=True))
"""

#: The fields that no probe can check: the only ones an unrefused override may read
#: differently (the machine info order of c-api.md 3.7, the number that means "priority
#: unset", c-api.md 8.2).
UNCHECKED = {"machines": ("machine_os", "machine_arch"), "template": ("priority",)}


def run(library_path, overrides):
    """What each of ``overrides`` (None: no DRMAA2_LAYOUT) reads from ``library_path``:
    {override: result}; each case's process must have ended with status 0."""
    env = dict(os.environ, DRMAA2_LIBRARY_PATH=library_path)
    env.pop("DRMAA2_LAYOUT", None)
    env.pop("DRMAA2_LAYOUT_FORCE", None)
    child = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(overrides)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    err = err.decode("utf-8", "replace")
    assert child.returncode == 0, "%s: the child that forks the cases: exit status %d\n%s" \
        % (library_path, child.returncode, err)
    outcomes = json.loads(out.decode("utf-8").splitlines()[-1])
    for override in overrides:
        status = outcomes[str(override)]["status"]
        assert status == 0, "%s with DRMAA2_LAYOUT=%s: exit status %d (a negative one is a " \
            "signal)\n%s" % (library_path, override, status, err)
    return dict((override, outcomes[str(override)]["read"]) for override in overrides)


def differences(expected, got):
    """(part, field) of every value ``got`` reads differently from ``expected``."""
    found = []
    for part in ("info", "template"):
        for name, value in expected[part].items():
            if got[part][name] != value:
                found.append((part, name))
    if len(got["machines"]) != len(expected["machines"]):
        return found + [("machines", "count")]
    for right, read in zip(expected["machines"], got["machines"]):
        found.extend(("machines", name) for name, value in right.items()
                     if read[name] != value)
    return sorted(set(found))


def in_range(got):
    """Whether the machines' unchecked enum values are members of their enumeration
    (the binding reads an unknown one as its fallback member, logged)."""
    from drmaa2.enums import CpuArchitecture, OperatingSystem
    for machine in got["machines"]:
        for name, enum_class in (("machine_os", OperatingSystem),
                                 ("machine_arch", CpuArchitecture)):
            value = machine[name]
            if value is not None and value[1] not in [m.value for m in enum_class]:
                return False
    return True


@pytest.mark.parametrize("build,library_path", builds())
def test_every_unforced_override_is_refused_or_reads_right_or_is_logged(build,
                                                                        library_path):
    if not os.path.exists(library_path):
        pytest.fail("%s is missing: run `make stub stub-vendors` (make test does it)"
                    % library_path)
    reads = run(library_path, [None] + list(PROFILES))
    expected = reads[None]
    assert "exception" not in expected, expected
    outcomes = {}
    for override in PROFILES:
        got = reads[override]
        if "exception" in got:
            name, message = got["exception"]
            assert name == "InvalidArgumentException", (override, got)
            assert "DRMAA2_LAYOUT=%s is refused" % override in message, message
            assert "job info probe found" in message and "DRMAA2_LAYOUT_FORCE=1" in message
            outcomes[override] = "refused"
            continue
        assert got["profile"] == override
        wrong = differences(expected, got)
        unchecked = [(part, name) for part, names in UNCHECKED.items() for name in names]
        assert set(wrong) <= set(unchecked), (override, wrong, expected, got)
        if wrong:
            assert in_range(got), (override, got)
            assert any("DRMAA2_LAYOUT=%s taken unchecked" % override in warning
                       for warning in got["warnings"]), (override, got["warnings"])
            outcomes[override] = "unchecked, logged"
        else:
            outcomes[override] = "right"
    # The build's own layout always reads right; one of another job info is refused.
    assert outcomes[expected["profile"]] == "right", outcomes
    assert "refused" in outcomes.values(), outcomes
