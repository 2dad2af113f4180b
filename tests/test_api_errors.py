"""Every DRMAA2 error of the C library reaches the API user as its exception class, with
the library's text (through the stub's fault injection DRMAA2_STUB_FAIL: stub only)."""
import pytest

import drmaa2
from backends import PATIENCE, job_template

pytestmark = [pytest.mark.usefixtures("backend"), pytest.mark.stub_only]

ERRORS = [
    ("DENIED_BY_DRMS", drmaa2.DeniedByDrmsException),
    ("DRM_COMMUNICATION", drmaa2.DrmCommunicationException),
    ("TRY_LATER", drmaa2.TryLaterException),
    ("SESSION_MANAGEMENT", drmaa2.SessionManagementException),
    ("TIMEOUT", drmaa2.TimeoutException),
    ("INTERNAL", drmaa2.InternalException),
    ("INVALID_ARGUMENT", drmaa2.InvalidArgumentException),
    ("INVALID_SESSION", drmaa2.InvalidSessionException),
    ("INVALID_STATE", drmaa2.InvalidStateException),
    ("OUT_OF_RESOURCE", drmaa2.OutOfResourceException),
    ("UNSUPPORTED_ATTRIBUTE", drmaa2.UnsupportedAttributeException),
    ("UNSUPPORTED_OPERATION", drmaa2.UnsupportedOperationException),
    ("IMPLEMENTATION_SPECIFIC", drmaa2.ImplementationSpecificException),
]


def fail(monkeypatch, function, error):
    monkeypatch.setenv("DRMAA2_STUB_FAIL", "drmaa2_%s:%s" % (function, error))


@pytest.mark.parametrize("error, exception_class", ERRORS)
def test_every_error_code_raises_its_class_with_the_library_text(monkeypatch, error,
                                                                   exception_class):
    fail(monkeypatch, "create_jsession", error)
    with pytest.raises(exception_class) as caught:
        drmaa2.create_job_session()
    assert isinstance(caught.value, drmaa2.Drmaa2Exception)
    assert "DRMAA2_STUB_FAIL" in str(caught.value)
    assert caught.value.code == ERRORS.index((error, exception_class)) + 1



@pytest.mark.parametrize("function, call, exception_class", [
    ("jsession_run_job",
     lambda s: s.run_job(job_template("/bin/true")),
     drmaa2.DeniedByDrmsException),
    ("jsession_get_jobs", lambda s: s.get_jobs(), drmaa2.DrmCommunicationException),
    ("jsession_run_bulk_jobs",
     lambda s: s.run_bulk_jobs(job_template("/bin/true"), 1, 2, 1),
     drmaa2.OutOfResourceException),
    ("jsession_get_job_categories", lambda s: s.job_categories,
     drmaa2.UnsupportedOperationException),
    ("get_jsession_names", lambda s: drmaa2.get_job_session_names(),
     drmaa2.InternalException),
    ("close_jsession", lambda s: s.close(), drmaa2.SessionManagementException),
    ("open_msession", lambda s: drmaa2.open_monitoring_session(),
     drmaa2.DeniedByDrmsException),
])
def test_session_calls_raise_what_the_library_reports(monkeypatch, session, function, call,
                                                       exception_class):
    fail(monkeypatch, function, _name_of(exception_class))
    with pytest.raises(exception_class):
        call(session)
    monkeypatch.delenv("DRMAA2_STUB_FAIL")
    assert not session.closed


def test_a_session_the_library_failed_to_close_can_be_closed_again(monkeypatch, session):
    fail(monkeypatch, "close_jsession", "TRY_LATER")
    with pytest.raises(drmaa2.TryLaterException):
        session.close()
    monkeypatch.delenv("DRMAA2_STUB_FAIL")
    assert not session.closed
    session.get_jobs()
    session.close()
    assert session.closed


@pytest.mark.parametrize("function, call, exception_class", [
    ("j_suspend", lambda j: j.suspend(), drmaa2.DeniedByDrmsException),
    ("j_terminate", lambda j: j.terminate(), drmaa2.TryLaterException),
    ("j_get_info", lambda j: j.get_info(), drmaa2.InternalException),
    ("j_get_state", lambda j: j.get_state(), drmaa2.DrmCommunicationException),
    ("j_wait_terminated", lambda j: j.wait_terminated(5), drmaa2.DrmCommunicationException),
    ("j_wait_started", lambda j: j.wait_started(drmaa2.INFINITE_TIME),
     drmaa2.InvalidStateException),
])
def test_job_calls_raise_what_the_library_reports(monkeypatch, session, function, call,
                                                   exception_class):
    job = session.run_job(job_template("/bin/sleep", "30"))
    job.wait_started(PATIENCE)
    fail(monkeypatch, function, _name_of(exception_class))
    with pytest.raises(exception_class):
        call(job)
    monkeypatch.delenv("DRMAA2_STUB_FAIL")
    job.terminate()


def test_library_exceptions_carry_code_and_message(monkeypatch):
    fail(monkeypatch, "get_jsession_names", "INTERNAL")
    with pytest.raises(drmaa2.InternalException) as caught:
        drmaa2.get_job_session_names()
    assert caught.value.code == 6
    assert "drmaa2_get_jsession_names" in caught.value.message


def _name_of(exception_class):
    for error, cls in ERRORS:
        if cls is exception_class:
            return error
    raise KeyError(exception_class)
