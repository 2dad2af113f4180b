"""Security, small (tests/reliability/security.py; ``make reliability`` tries 200
generated argument lists): no shell between arguments and the job, escaping session
names refused, a private state directory, other users' sessions hidden.  Needs
``hypothesis``."""
from reliability import security


def test_arguments_names_state_directory_and_other_users(stub_library, stub_state_dir):
    result = security.run(examples=8, derandomize=True, state_dir=str(stub_state_dir))
    assert result["failures"] == []
    counts = dict(result["counts"])
    assert counts["metachar_jobs"] == 10
    assert counts["escaping_names"] == 7 * (len(security.ESCAPING_NAMES) + 2)
    assert counts["state_dir_checks"] >= 7
    assert counts["other_user_checks"] >= 6
