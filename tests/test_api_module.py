"""The drmaa2 module, on every backend: every public name of the OGF reference interface,
the library's names and versions (read lazily), capabilities, attribute descriptions, and
the OGF README example working verbatim."""
import inspect
import os
import subprocess
import sys

import pytest

import backends
import drmaa2
from conftest import ROOT

pytestmark = pytest.mark.usefixtures("backend")

REFERENCE_NAMES = [
    "HOME_DIR", "WORKING_DIR", "PARAMETRIC_INDEX", "INFINITE_TIME", "ZERO_TIME",
    "JobState", "OperatingSystem", "CpuArchitecture", "Event", "Capability",
    "ReservationSession", "Reservation", "JobArray", "JobSession", "Job",
    "MonitoringSession", "Notification", "JobTemplate", "QueueInfo", "JobInfo",
    "MachineInfo", "ReservationInfo", "ReservationTemplate", "SlotInfo", "Version",
    "DeniedByDrmsException", "DrmCommunicationException", "TryLaterException",
    "TimeoutException", "InternalException", "InvalidArgumentException",
    "InvalidSessionException", "InvalidStateException", "OutOfResourceException",
    "UnsupportedAttributeException", "UnsupportedOperationException",
    "ImplementationSpecificException", "supports", "create_job_session",
    "create_reservation_session", "open_job_session", "open_reservation_session",
    "open_monitoring_session", "destroy_session", "get_job_session_names",
    "get_reservation_session_names", "register_event_notification", "describe_attribute",
]
LAZY_NAMES = [
    "drms_name", "drms_version", "drmaa_name", "drmaa_version", "job_template_impl_spec",
    "job_info_impl_spec", "reservation_template_impl_spec", "reservation_info_impl_spec",
    "queue_info_impl_spec", "machine_info_impl_spec", "notification_impl_spec",
]


def run_python(code, *args):
    child = subprocess.Popen([sys.executable, "-c", code] + list(args), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    return child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def test_the_ogf_readme_example_works_verbatim():
    import drmaa2
    session = drmaa2.create_job_session()
    jt = drmaa2.JobTemplate({'remoteCommand':'/bin/sleep'})
    job = session.run_job(jt)
    job.wait_terminated(drmaa2.INFINITE_TIME)
    assert job.get_state()[0] in (drmaa2.JobState.DONE, drmaa2.JobState.FAILED)
    session.close()


def test_every_name_of_the_reference_interface_is_there():
    missing = [name for name in REFERENCE_NAMES + LAZY_NAMES if not hasattr(drmaa2, name)]
    assert missing == []
    assert set(REFERENCE_NAMES) <= set(drmaa2.__all__)


def test_every_public_name_has_a_docstring():
    undocumented = []
    for name in drmaa2.__all__:
        value = getattr(drmaa2, name)
        if (inspect.isclass(value) or inspect.isfunction(value)) and not value.__doc__:
            undocumented.append(name)
        if inspect.isclass(value) and value.__module__.startswith("drmaa2"):
            for member_name, member in vars(value).items():
                if member_name.startswith("_"):
                    continue
                if (inspect.isfunction(member) or isinstance(member, property)) \
                        and not member.__doc__:
                    undocumented.append("%s.%s" % (name, member_name))
    assert undocumented == []


def test_library_attributes_are_read_lazily_and_import_star_loads_nothing(backend):
    code = (
        "import os, sys\n"
        "from drmaa2 import *\n"
        "import drmaa2\n"
        "library = os.path.realpath(sys.argv[1])\n"
        "maps = lambda: library in open('/proc/self/maps').read()\n"
        "before = maps()\n"
        "name = drmaa2.drms_name\n"
        "print('%s %s %s' % (before, maps(), name))\n"
    )
    status, out, err = run_python(code, drmaa2.library_path())
    assert status == 0, err
    assert out.rstrip("\n").split(" ", 2) == [
        "False", "True", str(backends.feature(backend, "drms_name"))]


@pytest.mark.stub_only
def test_names_and_versions_of_the_stub():
    assert drmaa2.drms_name == drmaa2.get_drms_name() == "drmaa2-stub"
    assert drmaa2.drmaa_name == drmaa2.get_drmaa_name() == "drmaa2-stub"
    assert drmaa2.drms_version == drmaa2.Version(major="1", minor="0")
    assert drmaa2.get_drmaa_version() == drmaa2.Version(major="2", minor="2")
    assert "drms_name" in dir(drmaa2)


def test_the_library_is_not_loaded_when_unreachable_until_asked(backend):
    missing = "/nonexistent/" + os.path.basename(drmaa2.library_path())
    code = (
        "import sys, drmaa2\n"
        "try:\n"
        "    drmaa2.create_job_session()\n"
        "except drmaa2.LibraryNotFoundError as error:\n"
        "    print('not found: %s' % (sys.argv[1] in str(error)))\n"
    )
    env = dict(os.environ)
    env[backends.feature(backend, "library_variable")] = missing
    child = subprocess.Popen([sys.executable, "-c", code, missing], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    assert out.decode() == "not found: True\n", err.decode("utf-8", "replace")


@pytest.mark.parametrize("capability", list(drmaa2.Capability))
def test_supports_answers_as_the_backend_declares(backend, capability):
    claimed = capability.name in backends.feature(backend, "capabilities")
    assert drmaa2.supports(capability) is claimed
    assert drmaa2.supports(capability.value) is claimed


@pytest.mark.parametrize("capability, error", [
    ("CALLBACK", TypeError), (None, TypeError), (99, drmaa2.InvalidArgumentException),
])
def test_supports_refuses_what_is_no_capability(capability, error):
    with pytest.raises(error) as caught:
        drmaa2.supports(capability)
    assert "capability" in str(caught.value)


def test_the_implementation_specific_attributes_are_the_declared_ones(backend):
    declared = backends.feature(backend, "impl_spec")
    assert drmaa2.job_template_impl_spec == declared["job_template"]
    assert drmaa2.get_job_template_impl_spec() == declared["job_template"]
    assert drmaa2.job_info_impl_spec == declared["job_info"]
    for name in ("reservation_template_impl_spec", "reservation_info_impl_spec",
                 "queue_info_impl_spec", "machine_info_impl_spec", "notification_impl_spec"):
        assert getattr(drmaa2, name) == [], name
    descriptions = set()
    for name in declared["job_template"]:
        template = drmaa2.JobTemplate(**{name: "3"})
        assert getattr(template, name) == "3"
        assert template.implementation_specific == {name: "3"}
        descriptions.add(drmaa2.describe_attribute(drmaa2.JobTemplate(), name))
    for name in declared["job_info"]:
        descriptions.add(drmaa2.describe_attribute(drmaa2.JobInfo(), name))
    assert all(isinstance(text, str) and text for text in descriptions)
    assert len(descriptions) == len(declared["job_template"]) + len(declared["job_info"])


@pytest.mark.parametrize("instance, name, error", [
    ({"remoteCommand": "x"}, "stub_nice", TypeError),
    (drmaa2.JobTemplate(), 5, TypeError),
])
def test_describe_attribute_checks_its_arguments(instance, name, error):
    with pytest.raises(error):
        drmaa2.describe_attribute(instance, name)


RESOURCE_LIMITS = ["CORE_FILE_SIZE", "CPU_TIME", "DATA_SIZE", "FILE_SIZE", "OPEN_FILES",
                   "STACK_SIZE", "VIRTUAL_MEMORY", "WALLCLOCK_TIME"]


def test_resource_limit_names_are_module_attributes_as_in_the_reference():
    names = drmaa2.get_resource_limit_names()
    assert sorted(names) == sorted(RESOURCE_LIMITS)
    for limit in RESOURCE_LIMITS:
        # The stub spells them as the standard does.
        assert getattr(drmaa2, limit) == names[limit] == limit


def test_an_unknown_backend_is_refused_naming_the_known_ones():
    code = (
        "import drmaa2\n"
        "try:\n"
        "    drmaa2.get_job_session_names()\n"
        "except drmaa2.InvalidArgumentException as error:\n"
        "    print(error)\n"
    )
    env = dict(os.environ, DRMAA2_BACKEND="no-such-backend")
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    assert "DRMAA2_BACKEND=no-such-backend" in out.decode(), err.decode("utf-8", "replace")
    assert "libdrmaa2" in out.decode()
