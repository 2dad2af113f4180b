"""Bad input over the whole public API, a few hundred cases (``make reliability`` runs
ten thousand): only documented exceptions, never a crash (tests/reliability/badinput.py).
Needs ``hypothesis``."""
import copy
import pickle

import pytest

import drmaa2
from reliability import badinput

CASES = 250


def test_arbitrary_calls_return_or_raise_documented_exceptions_and_never_crash(
        stub_library, stub_state_dir):
    result = badinput.run(CASES, derandomize=True, state_dir=str(stub_state_dir))
    assert result["failures"] == []
    assert result["counts"]["cases_tried"] == CASES
    assert result["counts"]["crashes"] == 0
    assert result["counts"]["bad_library_paths"] >= 6


def test_a_crashing_case_is_counted_as_a_crash_and_the_next_case_runs(stub_library,
                                                                       stub_state_dir, tmpdir):
    worker = badinput.Worker(badinput.common.child_environment(str(stub_state_dir)),
                             str(tmpdir.join("worker.log")))
    try:
        crash = worker.ask(("crash",))
        after = worker.ask(("module", "get_job_session_names", []))
    finally:
        worker.close()
    assert crash[0] == "crash" and "SIGSEGV" in crash[1]
    assert after == ("returned", "list")


@pytest.mark.parametrize("pairs", ["not pairs", [("a", "b", "c")], [1, 2]])
def test_updating_a_string_dict_field_with_no_pairs_is_a_type_error_naming_the_field(pairs):
    template = drmaa2.JobTemplate(job_environment={"A": "1"})
    with pytest.raises(TypeError, match="JobTemplate.job_environment"):
        template.job_environment.update(pairs)
    assert template.job_environment == {"A": "1"}


@pytest.mark.parametrize("field", ["priority", "min_slots", "max_slots", "min_phys_memory"])
def test_a_template_count_equal_to_the_c_unset_value_is_refused_not_dropped(stub_library,
                                                                            field):
    # -1 is DRMAA2_UNSET_NUM: sent as is, the library would read "not set".
    template = drmaa2.JobTemplate(remote_command="/bin/true", submit_as_hold=True,
                                  **{field: -1})
    with drmaa2.create_job_session() as session:
        with pytest.raises(drmaa2.InvalidArgumentException, match=field):
            session.run_job(template)
        assert session.get_jobs() == []


def test_a_filter_on_exit_status_minus_one_is_refused_not_matching_every_job(stub_library):
    with drmaa2.create_job_session() as session:
        session.run_job(drmaa2.JobTemplate(remote_command="/bin/true")).wait_terminated(60)
        with pytest.raises(drmaa2.InvalidArgumentException, match="exit_status"):
            session.get_jobs(drmaa2.JobInfo(exit_status=-1))


def test_pickling_a_job_or_session_is_a_type_error_saying_what_to_pickle_instead(
        stub_library):
    with drmaa2.create_job_session() as session:
        job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                                 submit_as_hold=True))
        for handle_owner in (job, session):
            with pytest.raises(TypeError, match="cannot be pickled.*(job_id|session_name)"):
                pickle.dumps(handle_owner)
        assert copy.deepcopy(job) == job and copy.copy(job) == job
        job.terminate()
