"""Threads sharing a session and threads with their own, each submitting, waiting for,
querying and reaping jobs with an event callback registered (tests/reliability/threads.py;
``make reliability`` runs 16 + 16 threads of 100 jobs)."""
from reliability import threads


def test_every_job_of_concurrent_threads_is_accounted_for(stub_library, stub_state_dir):
    result = threads.run(shared_threads=4, own_threads=4, jobs=12, time_limit=120,
                         state_dir=str(stub_state_dir), exits=2,
                         close_rounds=5)
    assert result["failures"] == []
    assert result["counts"]["jobs_run"] == 8 * 12
    assert result["counts"]["jobs_lost"] == 0
    assert result["counts"]["events"] >= 8 * 12
    assert result["counts"]["clean_exits"] == 2
    assert result["counts"]["refused_after_close"] >= 5

