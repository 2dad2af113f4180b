"""Security, small (tests/reliability/security.py; ``make reliability`` tries 200
generated argument lists): no shell between arguments and the job, escaping session
names refused, a private state directory, other users' sessions hidden.  Needs
``hypothesis``."""
import pytest

import drmaa2
from reliability import security


def test_arguments_names_state_directory_and_other_users(stub_library, stub_state_dir):
    result = security.run(examples=8, derandomize=True, state_dir=str(stub_state_dir))
    assert result["failures"] == []
    counts = dict(result["counts"])
    assert counts["metachar_jobs"] == 10
    assert counts["escaping_names"] == 7 * (len(security.ESCAPING_NAMES) + 2)
    assert counts["state_dir_checks"] >= 13
    assert counts["other_user_checks"] >= 6


@pytest.mark.parametrize("name", ["A=B", "=", ""])
def test_an_environment_name_the_job_would_see_as_another_variable_is_refused(stub_library,
                                                                             name):
    # Passed on, {"A=B": "v"} reached the job as the variable A with the value "B=v".
    # The data type refuses it for every library (the stub's own refusal is checked in C,
    # by check_jobs).
    with drmaa2.create_job_session() as session:
        with pytest.raises(drmaa2.InvalidArgumentException, match="job_environment"):
            session.run_job({"remoteCommand": "/bin/true", "jobEnvironment": {name: "v"}})
        assert session.get_jobs() == []
