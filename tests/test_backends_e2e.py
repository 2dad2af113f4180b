"""What each backend declares in tests/backends.py holds: the backend in use, its library
and DRM, the capabilities it claims, the optional families it lacks, its native
specification.

These tests and tests/test_api_*.py are the conformance suite: every test runs once per
backend named in DRMAA2_TEST_BACKENDS.  ``make test`` runs it over the DRMAA2 stub
library; ``make test-sge`` over Debian's Grid Engine DRMAA v1 library on a real
single-host cell.
"""
import datetime
import getpass
import os
import time

import pytest

import backends
import drmaa2
import drmaa2.backend
from backends import finished_info, job_template
from drmaa2 import Capability, JobState
from drmaa2.types import UTC

pytestmark = pytest.mark.usefixtures("backend")


def test_the_selected_backend_is_in_use_and_tells_its_library_and_drm(backend):
    current = drmaa2.backend.current()
    assert current.name == backend
    assert os.path.isfile(current.library_path)
    assert drmaa2.library_path() == current.library_path
    named = os.environ[backends.feature(backend, "library_variable")]
    assert os.path.realpath(drmaa2.library_path()) == os.path.realpath(named)
    assert drmaa2.get_drms_name() == backends.feature(backend, "drms_name")
    version = drmaa2.get_drmaa_version()
    assert (version and version.major) == backends.feature(backend, "drmaa_major")


def test_supports_tells_the_truth_about_job_template_capabilities(session, backend, tmp_path):
    soon = datetime.datetime.fromtimestamp(time.time() + 3600, UTC)
    fields = {
        Capability.JT_EMAIL: {"email": [getpass.getuser() + "@localhost"]},
        Capability.JT_DEADLINE: {"deadline_time": soon},
        Capability.JT_MAXSLOTS: {"min_slots": 1, "max_slots": 2},
        Capability.JT_ACCOUNTINGID: {"accounting_id": "drmaa2-tests"},
        Capability.JT_STAGING: {"stage_in_files": {str(tmp_path / "in"): "in"}},
    }
    claimed = backends.feature(backend, "capabilities")
    for capability, extra in sorted(fields.items(), key=lambda item: item[0].value):
        assert drmaa2.supports(capability) == (capability.name in claimed), capability
        jt = job_template("/bin/true", **extra)
        if capability.name in claimed:
            assert finished_info(session.run_job(jt)).job_state == JobState.DONE, capability
        else:
            with pytest.raises(drmaa2.UnsupportedAttributeException):
                session.run_job(jt)


def test_operations_the_backend_lacks_raise_unsupported_operation(backend):
    if backends.feature(backend, "reservations"):
        drmaa2.create_reservation_session("e2e-reservations").close()
        drmaa2.destroy_reservation_session("e2e-reservations")
    else:
        assert not drmaa2.supports(Capability.ADVANCE_RESERVATION)
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.create_reservation_session("e2e-reservations")
    if backends.feature(backend, "monitoring"):
        drmaa2.open_monitoring_session().close()
    else:
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.open_monitoring_session()
    if backends.feature(backend, "events"):
        drmaa2.register_event_notification(None)
    else:
        assert not drmaa2.supports(Capability.CALLBACK)
        with pytest.raises(drmaa2.UnsupportedOperationException):
            drmaa2.register_event_notification(lambda notification: None)


def test_the_native_specification_attribute_reaches_the_drm(session, backend, tmp_path):
    option = backends.feature(backend, "native_option")
    names = drmaa2.get_job_template_impl_spec()
    if option is None:
        assert "native_specification" not in names
        return
    assert "native_specification" in names
    out = tmp_path / "native.out"
    jt = job_template("/bin/sh", "-c", "echo $DRMAA2_NATIVE", output_path=str(out))
    jt.native_specification = option
    assert finished_info(session.run_job(jt)).exit_status == 0
    assert out.read_text() == u"yes\n"
