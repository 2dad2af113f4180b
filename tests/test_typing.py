"""The type stubs: mypy accepts a typical user script and the quickstart example, and
finds the mistakes of a script with type errors; the stubs match the run-time API and
ship with the package.

mypy runs on Python 3 only.  Under Python 2.7 these tests still run, with the Python 3
mypy of a virtualenv in build/venv (``build/venv/default``, made by ``make venv``, first):
the stubs are the same files for every interpreter, only the checker needs Python 3.
"""
import os
import re
import subprocess
import sys

import pytest

import drmaa2
from conftest import ROOT
from drmaa2 import enums, exceptions, types

TYPING = os.path.join(ROOT, "tests", "typing")
STUBS = sorted(name for name in os.listdir(os.path.join(ROOT, "drmaa2"))
               if name.endswith(".pyi"))


def has_mypy(python):
    return subprocess.call([python, "-c", "import mypy"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE) == 0


def python3_venvs():
    """The Python 3 interpreters of the virtualenvs under build/venv, default first."""
    venvs = os.path.join(ROOT, "build", "venv")
    names = sorted(name for name in (os.listdir(venvs) if os.path.isdir(venvs) else [])
                   if name.startswith("3."))
    return [os.path.join(venvs, name, "bin", "python") for name in ["default"] + names]


def mypy_python():
    """The interpreter that runs mypy: this one on Python 3; on Python 2, which has no
    mypy, the first virtualenv of build/venv with a Python 3 mypy (``make venv`` makes
    build/venv/default)."""
    candidates = [sys.executable] if sys.version_info[0] >= 3 else python3_venvs()
    for python in candidates:
        if os.path.exists(python) and has_mypy(python):
            return python
    pytest.fail("no mypy to run: tried %s. Python 2 has no mypy; on Python 2 these tests "
                "use a Python 3 mypy from build/venv: run `make venv`"
                % ", ".join(candidates))


@pytest.fixture(scope="module")
def mypy(tmp_path_factory):
    """Run mypy on files with the source tree's stubs first on the path; return (exit
    status, output).  The cache is shared by the module's tests, for speed only."""
    python = mypy_python()
    cache = str(tmp_path_factory.mktemp("mypy-cache"))

    def run(*arguments):
        env = dict(os.environ)
        env["MYPYPATH"] = ROOT
        env.pop("PYTHONPATH", None)
        process = subprocess.Popen(
            [python, "-m", "mypy", "--cache-dir", cache, "--no-error-summary"]
            + list(arguments), cwd=cache, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT)
        output, _ = process.communicate()
        return process.returncode, output.decode("utf-8", "replace")
    return run


def test_mypy_strict_accepts_a_typical_annotated_user_script(mypy):
    status, output = mypy("--strict", os.path.join(TYPING, "user_script.py"))
    assert (status, output) == (0, "")


def test_mypy_accepts_the_quickstart_example(mypy):
    status, output = mypy(os.path.join(ROOT, "examples", "quickstart.py"))
    assert (status, output) == (0, "")


def test_mypy_finds_each_type_error_and_nothing_else(mypy):
    script = os.path.join(TYPING, "type_errors.py")
    with open(script) as handle:
        marked = set(number for number, line in enumerate(handle, 1)
                     if line.rstrip().endswith("# error"))
    status, output = mypy(script)
    assert status == 1, output
    reported = set(int(number) for number in
                   re.findall(r"^[^\n]*type_errors\.py:(\d+): error:", output, re.M))
    assert len(marked) == 10
    assert reported == marked, output


def test_the_user_script_runs_against_the_stub(stub_library):
    python = mypy_python()  # the script has annotations: Python 3 syntax
    env = dict(os.environ, DRMAA2_LIBRARY_PATH=stub_library, PYTHONPATH=ROOT)
    process = subprocess.Popen([python, os.path.join(TYPING, "user_script.py")], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.communicate()[0].decode("utf-8", "replace")
    assert process.returncode == 0, output
    assert "first to end: " in output
    assert output.count(": DONE, exit status 0, took ") == 2, output


# --- the stubs against the run-time API (plain text, so Python 2 checks them too) --------

def stub_text(name):
    with open(os.path.join(ROOT, "drmaa2", name)) as handle:
        return handle.read()


def stub_class(text, name):
    """The body of ``class name`` in a stub's text."""
    match = re.search(r"^class %s\b.*?(?=^\S|\Z)" % name, text, re.M | re.S)
    assert match, "no class %s in the stub" % name
    return match.group(0)


@pytest.mark.parametrize("record", [types.JobTemplate, types.JobInfo,
                                    types.ReservationTemplate, types.ReservationInfo,
                                    types.SlotInfo, types.QueueInfo, types.Version,
                                    types.MachineInfo, types.Notification],
                         ids=lambda record: record.__name__)
def test_types_stub_has_every_field_as_attribute_and_keyword(record):
    body = stub_class(stub_text("types.pyi"), record.__name__)
    attributes = re.findall(r"^    (\w+): ", body, re.M)
    keywords = re.findall(r"^\s+(\w+): Optional\[.*\] = \.\.\.", body, re.M)
    assert attributes == list(record._fields)
    assert keywords == list(record._fields) + ["implementation_specific"]


@pytest.mark.parametrize("enum_class", [enums.JobState, enums.OperatingSystem,
                                        enums.CpuArchitecture, enums.Event,
                                        enums.Capability],
                         ids=lambda enum_class: enum_class.__name__)
def test_enums_stub_has_every_member_with_its_value(enum_class):
    body = stub_class(stub_text("enums.pyi"), enum_class.__name__)
    members = [(name, int(value)) for name, value in re.findall(r"^    (\w+) = (\d+)$",
                                                                 body, re.M)]
    assert members == [(member.name, member.value) for member in enum_class]


def test_exceptions_stub_has_every_class_with_its_bases():
    text = stub_text("exceptions.pyi")
    for name in exceptions.__all__:
        value = getattr(exceptions, name)
        if not isinstance(value, type):
            assert re.search(r"^def %s\(" % name, text, re.M), name
            continue
        bases = re.search(r"^class %s\(([^)]*)\):" % name, text, re.M)
        assert bases, name
        stub_bases = [base.strip() for base in bases.group(1).split(",")]
        real_bases = [base.__name__ for base in value.__bases__]
        if sys.version_info[0] < 3 and name == "TimeoutException":
            real_bases.append("TimeoutError")  # Python 3's builtin, absent on Python 2
        assert stub_bases == real_bases, name


def test_constants_stub_has_every_constant():
    text = stub_text("constants.pyi")
    from drmaa2 import constants
    for name in constants.__all__:
        assert re.search(r"^%s: \w+$" % name, text, re.M), name


def test_every_public_module_has_a_stub_and_py_typed_marks_the_package():
    defining = set(getattr(getattr(drmaa2, name), "__module__", None) for name in drmaa2.__all__)
    imported = set(re.findall(r"^from (drmaa2\.\w+) import", stub_text("__init__.pyi"), re.M))
    modules = set(name for name in defining | imported if name and name.startswith("drmaa2."))
    assert "drmaa2.job_session" in modules and "drmaa2.constants" in modules
    have_stubs = set("drmaa2." + stub[:-len(".pyi")] for stub in STUBS)
    assert modules <= have_stubs
    assert os.path.exists(os.path.join(ROOT, "drmaa2", "py.typed"))


def test_the_installed_package_ships_the_stubs_and_py_typed(tmp_path):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "import os, drmaa2; print(os.path.dirname(drmaa2.__file__))"],
        cwd=str(tmp_path), env=env, stdout=subprocess.PIPE)
    installed = process.communicate()[0].decode().strip()
    assert process.returncode == 0
    assert os.path.realpath(installed) != os.path.realpath(os.path.join(ROOT, "drmaa2"))
    shipped = set(os.listdir(installed))
    assert "py.typed" in shipped
    assert set(STUBS) <= shipped
