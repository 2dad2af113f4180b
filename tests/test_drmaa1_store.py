"""The DRMAA v1 backend's SQLite store: its private folder, sessions, jobs and arrays
shared between Store objects (as between processes), and which job end wins."""
import os
import stat

import pytest

from drmaa2.backend.drmaa1.store import STATE_DIR_VARIABLE, JobEnd, Store, state_dir
from drmaa2.exceptions import InternalException, InvalidArgumentException


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "state" / "drmaa1"


@pytest.fixture
def store(folder):
    return Store(environ={STATE_DIR_VARIABLE: str(folder)})


def end(observed, state, exit_status=None):
    return JobEnd(observed=observed, state=state, sub_state="s%d" % state,
                  exit_status=exit_status, terminating_signal=None, annotation=None,
                  cpu_time=None, wallclock_time=None, dispatch_time=None, finish_time=None)


def test_the_folder_is_created_private(store, folder):
    store.create_session("s", None)
    assert stat.S_IMODE(os.stat(str(folder)).st_mode) == 0o700
    assert os.path.isfile(store.path)


def test_the_folder_follows_xdg_state_home_and_the_home_directory():
    assert state_dir({"XDG_STATE_HOME": "/x"}) == "/x/drmaa2/drmaa1"
    assert state_dir({STATE_DIR_VARIABLE: "/y", "XDG_STATE_HOME": "/x"}) == "/y"
    assert state_dir({}).endswith(os.path.join(".local", "state", "drmaa2", "drmaa1"))


def test_sessions_are_created_listed_and_destroyed(store):
    store.create_session("one", None)
    store.create_session("two", "session=abc")
    assert store.session_names() == ["one", "two"]
    assert store.session_contact("two") == (True, "session=abc")
    assert store.session_contact("three") == (False, None)
    with pytest.raises(InvalidArgumentException) as caught:
        store.create_session("one", None)
    assert "'one'" in str(caught.value)
    assert store.destroy_session("one") is True
    assert store.destroy_session("one") is False
    assert store.session_names() == ["two"]


def test_another_store_on_the_same_folder_sees_the_jobs(store, folder):
    store.create_session("s", None)
    store.add_jobs("s", ["7"], {"remote_command": "/bin/true"}, "name", "me", "host")
    other = Store(environ={STATE_DIR_VARIABLE: str(folder)})
    record, = other.jobs("s")
    assert (record.job_id, record.job_name, record.owner, record.submission_machine) == (
        "7", "name", "me", "host")
    assert record.template == {"remote_command": "/bin/true"}
    assert not record.ended and not record.observed


def test_arrays_list_their_jobs_in_index_order(store):
    store.add_jobs("s", ["9.5", "9.1", "9.3"], {"remote_command": "x"}, None, "me", "h",
                   array_id="9", indices=[5, 1, 3])
    template, jobs = store.array("s", "9")
    assert template == {"remote_command": "x"}
    assert [job.job_id for job in jobs] == ["9.1", "9.3", "9.5"]
    assert store.array("s", "10") is None


def test_an_observed_end_replaces_an_unobserved_one_but_not_the_reverse(store):
    store.add_jobs("s", ["1", "2"], {}, None, "me", "h")
    first = store.finish("s", "1", end(False, 0))
    assert first.ended and not first.observed and first.exit_status is None
    better = store.finish("s", "1", end(True, 7, exit_status=3))
    assert better.observed and (better.state, better.exit_status) == (7, 3)
    kept = store.finish("s", "1", end(False, 0))
    assert (kept.state, kept.exit_status) == (7, 3)
    store.finish("s", "2", end(True, 8))
    assert store.finish("s", "2", end(True, 7, exit_status=0)).state == 8


def test_forgetting_the_last_job_of_an_array_forgets_the_array(store):
    store.add_jobs("s", ["4.1", "4.2"], {}, None, "me", "h", array_id="4", indices=[1, 2])
    store.forget_job("s", "4.1")
    assert [job.job_id for job in store.array("s", "4")[1]] == ["4.2"]
    store.forget_job("s", "4.2")
    assert store.array("s", "4") is None
    assert store.job("s", "4.2") is None


def test_destroying_a_session_forgets_its_jobs_only(store):
    store.create_session("a", None)
    store.create_session("b", None)
    store.add_jobs("a", ["1"], {}, None, "me", "h")
    store.add_jobs("b", ["2"], {}, None, "me", "h")
    store.destroy_session("a")
    assert store.jobs("a") == []
    assert [job.job_id for job in store.jobs("b")] == ["2"]


def test_a_store_that_cannot_be_opened_raises_a_drmaa2_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text(u"not a folder")
    store = Store(environ={STATE_DIR_VARIABLE: str(blocker / "state")})
    with pytest.raises(InternalException) as caught:
        store.session_names()
    assert str(blocker / "state") in str(caught.value)
