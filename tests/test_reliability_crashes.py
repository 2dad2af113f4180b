"""Crashes, small (tests/reliability/crashes.py; ``make reliability`` kills a client three
times in the middle of 1,000 submissions and ten supervisors): a killed client loses no
submitted job, a killed supervisor leaves its job FAILED with an annotation, a read-only
or full state directory gives DRMAA2 exceptions and an intact store."""
from reliability import common, crashes


def environment(state_dir):
    return common.child_environment(str(state_dir), DRMAA2_STUB_SLOTS=8)


def counts_of(outcome):
    return dict(outcome.counts)


def test_a_client_killed_while_submitting_loses_no_job_whose_run_job_returned(
        stub_library, stub_state_dir, tmpdir):
    outcome = crashes.Outcome()
    crashes.kill_round(outcome, environment(stub_state_dir), str(stub_state_dir), "killed",
                       60, str(tmpdir), 1, kill_after=25)
    assert outcome.failures == []
    counts = counts_of(outcome)
    assert counts["kill_rounds"] == 1 and counts["jobs_lost"] == 0
    assert counts["jobs_found"] == counts["jobs_submitted"] >= 25
    assert counts["store_checks"] == 1


def test_a_job_whose_supervisor_is_killed_ends_failed_with_an_annotation(
        stub_library, stub_state_dir):
    outcome = crashes.Outcome()
    crashes.supervisors(outcome, environment(stub_state_dir), str(stub_state_dir), 2)
    assert outcome.failures == []
    assert counts_of(outcome)["supervisors_killed"] == 2
    assert counts_of(outcome)["failed_with_annotation"] == 2


def test_a_read_only_state_directory_gives_drmaa2_exceptions_and_stays_intact(
        stub_library, stub_state_dir):
    outcome = crashes.Outcome()
    crashes.read_only(outcome, environment(stub_state_dir), str(stub_state_dir), "ro")
    assert outcome.failures == []
    assert counts_of(outcome)["read_only_calls"] == 6


def test_a_full_state_directory_gives_a_drmaa2_exception_and_loses_no_job(
        stub_library, stub_state_dir, tmpdir):
    outcome = crashes.Outcome()
    crashes.full(outcome, environment(stub_state_dir), str(stub_state_dir), "full",
                 str(tmpdir), "rlimit")
    assert outcome.failures == []
    counts = counts_of(outcome)
    assert counts["full_stores"] == 1 and counts["jobs_lost"] == 0
    assert counts["jobs_found"] == counts["jobs_submitted"] >= 1


def test_a_client_killed_while_submitting_arrays_leaves_only_whole_arrays(
        stub_library, stub_state_dir, tmpdir):
    outcome = crashes.Outcome()
    crashes.kill_arrays(outcome, environment(stub_state_dir), str(stub_state_dir), "arrays",
                        30, 200, str(tmpdir), 3)
    assert outcome.failures == []
    assert counts_of(outcome)["arrays_submitted"] >= 3


def test_no_submission_is_accepted_once_the_state_directory_is_removed(
        stub_library, stub_state_dir, tmpdir):
    outcome = crashes.Outcome()
    crashes.removed(outcome, environment(stub_state_dir), str(tmpdir), 1)
    assert outcome.failures == []
    counts = counts_of(outcome)
    assert counts["stores_removed"] == 1 and counts["accepted_after_removal"] == 0


def test_processes_creating_a_new_store_at_once_all_succeed(
        stub_library, stub_state_dir, tmpdir):
    outcome = crashes.Outcome()
    crashes.new_stores(outcome, environment(stub_state_dir), str(tmpdir), 1)
    assert outcome.failures == []
    assert counts_of(outcome)["new_stores_raced"] == 4
