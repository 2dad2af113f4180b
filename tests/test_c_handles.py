"""Ownership of the library's handles: each is freed exactly once (explicitly, when
collected, or at interpreter exit), handles out of a returned list share it, and a freed
handle refuses further use."""
import gc
import os
import subprocess
import sys
import textwrap

import pytest

from drmaa2._c.handles import JobHandle, JobSessionHandle, ListKeeper
from drmaa2._c.library import Library
from drmaa2.exceptions import InvalidArgumentException, InvalidSessionException
from drmaa2.types import JobTemplate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class FreeRecorder(object):
    """Stands in for a drmaa2_*_free: records the address it was given."""

    def __init__(self):
        self.freed = []

    def __call__(self, address_of_pointer):
        self.freed.append(address_of_pointer._obj.value)


def test_free_frees_once_and_then_the_handle_refuses_use():
    recorder = FreeRecorder()
    job = JobHandle(0x1000, recorder)
    assert job.alive and job.address == 0x1000
    job.free()
    job.free()
    assert recorder.freed == [0x1000]
    assert not job.alive
    with pytest.raises(InvalidArgumentException) as caught:
        job.address
    assert "job has been freed" in str(caught.value)
    del job
    gc.collect()
    assert recorder.freed == [0x1000]


def test_a_freed_session_handle_raises_invalid_session():
    session = JobSessionHandle(0x2000, FreeRecorder())
    session.free()
    with pytest.raises(InvalidSessionException):
        session.address


def test_a_collected_handle_is_freed_once():
    recorder = FreeRecorder()
    job = JobHandle(0x3000, recorder)
    del job
    gc.collect()
    assert recorder.freed == [0x3000]


def test_handles_from_one_list_share_it_until_the_last_is_gone():
    recorder = FreeRecorder()
    keeper = ListKeeper(0x4000, recorder)
    first, second = JobHandle(0x4100, keeper=keeper), JobHandle(0x4200, keeper=keeper)
    del keeper
    first.free()
    gc.collect()
    assert recorder.freed == []
    assert second.address == 0x4200
    del second
    gc.collect()
    assert recorder.freed == [0x4000]


@pytest.fixture
def library():
    return Library.load(environ={"DRMAA2_LIBRARY_PATH": os.environ["DRMAA2_LIBRARY_PATH"]})


def test_handles_from_get_jobs_outlive_each_other_and_wait_any_gives_a_new_one(library):
    session = library.create_jsession("handles", None)
    try:
        submitted = [library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
                     for _ in range(3)]
        ids = sorted(library.j_get_id(job) for job in submitted)
        listed = library.jsession_get_jobs(session, None)
        assert sorted(library.j_get_id(job) for job in listed) == ids
        listed[0].free()
        del listed[1]
        gc.collect()
        assert library.j_get_id(listed[-1]) in ids
        ended = library.jsession_wait_any_terminated(session, submitted, 30)
        assert library.j_get_id(ended) in ids
        assert ended.address not in [job.address for job in submitted]
        assert sorted(library.j_get_id(job) for job in submitted) == ids  # still usable
        with pytest.raises(TypeError):
            library.j_get_id("not a handle")
    finally:
        library.close_jsession(session)
        with pytest.raises(Exception) as caught:
            library.jsession_get_contact(session)
        assert type(caught.value).__name__ == "InvalidSessionException"
        session.free()
        library.destroy_jsession("handles")


def test_handles_and_a_callback_left_alive_at_exit_end_cleanly(tmp_path):
    script = textwrap.dedent("""
        import drmaa2._c
        from drmaa2.types import JobTemplate
        library = drmaa2._c.library()
        session = library.create_jsession("at-exit", None)
        job = library.jsession_run_job(session, JobTemplate(remote_command="/bin/true"))
        jobs = library.jsession_get_jobs(session, None)
        library.register_event_notification(lambda notification: None)
        print("ok")
    """)
    env = dict(os.environ, PYTHONPATH=ROOT)
    process = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=str(tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    assert (process.returncode, out.strip(), err) == (0, b"ok", b"")


@pytest.mark.parametrize("other_thread, freed", [(False, "freed"), (True, "")])
def test_at_exit_handles_are_freed_only_when_no_other_thread_lives(other_thread, freed):
    # A daemon thread alive at exit may be inside the library with the handle.
    script = textwrap.dedent("""
        import sys, threading
        from drmaa2._c.handles import JobHandle
        def free(address_of_pointer):
            sys.stdout.write("freed")
            sys.stdout.flush()
        handle = JobHandle(0x1000, free)
        if sys.argv[1] == "True":
            thread = threading.Thread(target=threading.Event().wait)
            thread.daemon = True
            thread.start()
    """)
    env = dict(os.environ, PYTHONPATH=ROOT)
    process = subprocess.Popen([sys.executable, "-c", script, str(other_thread)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    assert (process.returncode, out, err) == (0, freed.encode(), b"")
