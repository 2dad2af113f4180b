"""Leaks, small (tests/reliability/leaks.py; ``make reliability`` runs 200,000 rounds and
the C checks under valgrind): state, info, template and list answers repeated without
the resident memory growing."""
from reliability import leaks


def test_repeated_state_info_template_and_list_calls_do_not_grow_memory(stub_library,
                                                                        stub_state_dir):
    result = leaks.run(rounds=1500, limit_mb=5.0, valgrind=False,
                       state_dir=str(stub_state_dir))
    assert result["failures"] == []
    assert result["counts"]["rounds"] == 1500
    assert result["counts"]["memory_growth_mb"] < 5.0
    assert result["counts"]["fd_growth"] == 0
