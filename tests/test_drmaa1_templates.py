"""DRMAA2 job templates in DRMAA v1 terms (drmaa2.backend.drmaa1.templates) and the
Grid Engine native specification (drmaa2._c.drmaa1.profiles): every mapped field, the
placeholders, the refusals naming the field, and the store's JSON round trip."""
import datetime
import json
import time

import pytest

from drmaa2 import HOME_DIR, NOW, PARAMETRIC_INDEX, WORKING_DIR, JobTemplate
from drmaa2._c.drmaa1 import names, profiles
from drmaa2.backend.drmaa1 import templates
from drmaa2.enums import OperatingSystem
from drmaa2.exceptions import InvalidArgumentException, UnsupportedAttributeException
from drmaa2.types import UTC

#: What Grid Engine's library says it supports (drmaa_get_attribute_names).
SGE_ATTRIBUTES = frozenset([
    names.REMOTE_COMMAND, names.JS_STATE, names.WD, names.JOB_NAME, names.INPUT_PATH,
    names.OUTPUT_PATH, names.ERROR_PATH, names.JOIN_FILES, names.JOB_CATEGORY,
    names.NATIVE_SPECIFICATION, names.BLOCK_EMAIL, names.START_TIME])
ALL_ATTRIBUTES = SGE_ATTRIBUTES | set([names.DEADLINE_TIME, names.WCT_HLIMIT])

GRID_ENGINE = profiles.GridEngine(environ={})
GENERIC = profiles.Profile()


def translate(profile=GRID_ENGINE, supported=SGE_ATTRIBUTES, max_parallel=None, **fields):
    fields.setdefault("remote_command", "/bin/true")
    return templates.translate(JobTemplate(**fields), supported, profile, max_parallel)


def native(**fields):
    return translate(**fields)[0].get(names.NATIVE_SPECIFICATION)


def test_command_and_arguments_map_to_remote_command_and_argv():
    attributes, vectors = translate(remote_command="/bin/echo", args=["a b", "$HOME"])
    assert attributes == {names.REMOTE_COMMAND: "/bin/echo"}
    assert vectors == {names.V_ARGV: ["a b", "$HOME"]}


def test_a_template_without_command_is_refused():
    with pytest.raises(InvalidArgumentException) as caught:
        templates.translate(JobTemplate(args=["x"]), SGE_ATTRIBUTES, GRID_ENGINE)
    assert "remote_command" in str(caught.value)


def test_environment_becomes_name_value_strings():
    # A value with '=' is carried by a library nobody measured (Grid Engine's cuts it).
    _, vectors = translate(GENERIC, job_environment={"B": "2", "A": "x=y"})
    assert vectors[names.V_ENV] == ["A=x=y", "B=2"]


def test_an_environment_name_with_equals_is_refused():
    with pytest.raises(InvalidArgumentException) as caught:
        translate(job_environment={"A=B": "1"})
    assert "job_environment" in str(caught.value)


def test_hold_name_category_and_join_map_to_their_attributes():
    attributes, _ = translate(submit_as_hold=True, job_name="n", job_category="c",
                              join_files=True)
    assert attributes[names.JS_STATE] == names.SUBMISSION_STATE_HOLD
    assert attributes[names.JOB_NAME] == "n"
    assert attributes[names.JOB_CATEGORY] == "c"
    assert attributes[names.JOIN_FILES] == "y"
    attributes, _ = translate(submit_as_hold=False, join_files=False)
    assert attributes[names.JS_STATE] == names.SUBMISSION_STATE_ACTIVE
    assert attributes[names.JOIN_FILES] == "n"


def test_paths_get_the_empty_host_and_drmaa1_placeholders():
    attributes, _ = translate(
        working_directory=HOME_DIR + "/runs/" + PARAMETRIC_INDEX,
        input_path="/data/in." + PARAMETRIC_INDEX,
        output_path=WORKING_DIR + "/out",
        error_path="node7:/var/log/err")
    assert attributes[names.WD] == "$drmaa_hd_ph$/runs/$drmaa_incr_ph$"
    assert attributes[names.INPUT_PATH] == ":/data/in.$drmaa_incr_ph$"
    assert attributes[names.OUTPUT_PATH] == ":$drmaa_wd_ph$/out"
    assert attributes[names.ERROR_PATH] == "node7:/var/log/err"


def test_a_start_time_is_written_in_utc_and_now_is_left_out():
    moment = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    attributes, _ = translate(start_time=moment)
    assert attributes[names.START_TIME] == "2030/01/02 03:04:05 +00:00"
    attributes, _ = translate(start_time=NOW)
    assert names.START_TIME not in attributes


def test_email_goes_to_the_vector_and_mail_events_to_grid_engine_options():
    attributes, vectors = translate(email=["a@b"], email_on_started=True,
                                    email_on_terminated=False)
    assert vectors[names.V_EMAIL] == ["a@b"]
    assert attributes[names.NATIVE_SPECIFICATION] == "-m b"
    assert native(email_on_started=False, email_on_terminated=False) == "-m n"


def test_without_native_mail_options_no_mail_blocks_and_mail_wanted_is_refused():
    attributes, _ = translate(profile=GENERIC, email=["a@b"], email_on_started=False,
                              email_on_terminated=False)
    assert attributes[names.BLOCK_EMAIL] == "1"
    with pytest.raises(UnsupportedAttributeException) as caught:
        translate(profile=GENERIC, email_on_terminated=True)
    assert "email_on_terminated" in str(caught.value)


def test_grid_engine_native_options_for_queue_slots_priority_and_account():
    assert native(queue_name="all.q", min_slots=2, max_slots=4, priority=-10,
                  accounting_id="proj1", rerunnable=False) == (
        "-r n -q all.q -pe smp 2-4 -p -10 -A proj1")


def test_the_parallel_environment_comes_from_the_environment():
    profile = profiles.GridEngine(environ={profiles.PARALLEL_ENVIRONMENT_VARIABLE: "mpi"})
    assert native(profile=profile, min_slots=3) == "-pe mpi 3"
    assert native(min_slots=1, max_slots=1) is None


def test_bad_slot_counts_are_refused_naming_them():
    with pytest.raises(InvalidArgumentException) as caught:
        native(min_slots=4, max_slots=2)
    assert "min_slots" in str(caught.value) and "max_slots" in str(caught.value)


def test_machines_memory_and_resource_limits_become_resource_requests():
    assert native(candidate_machines=["n1", "n2"], min_phys_memory=2048) == (
        "-l h=n1|n2 -l mem_free=2048K")
    assert native(resource_limits={"WALLCLOCK_TIME": "90", "VIRTUAL_MEMORY": "1024",
                                   "CPU_TIME": "30"}) == (
        "-l h_cpu=30,h_vmem=1024K,h_rt=90")


def test_a_resource_limit_grid_engine_lacks_is_refused_naming_it():
    with pytest.raises(UnsupportedAttributeException) as caught:
        native(resource_limits={"OPEN_FILES": "10"})
    assert "OPEN_FILES" in str(caught.value)


def test_a_wallclock_limit_uses_the_drmaa1_attribute_where_no_profile_takes_it():
    attributes, _ = translate(profile=GENERIC, supported=ALL_ATTRIBUTES,
                              resource_limits={"WALLCLOCK_TIME": "3725"})
    assert attributes[names.WCT_HLIMIT] == "1:02:05"
    assert names.NATIVE_SPECIFICATION not in attributes


def test_a_deadline_uses_the_drmaa1_attribute_or_grid_engine_option():
    moment = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    attributes, _ = translate(supported=ALL_ATTRIBUTES, deadline_time=moment)
    assert attributes[names.DEADLINE_TIME] == "2030/01/02 03:04:05 +00:00"
    local = time.strftime("%Y%m%d%H%M.%S", time.localtime(1893553445))
    assert native(deadline_time=moment) == "-dl " + local


def test_bulk_max_parallel_becomes_a_task_concurrency_limit():
    assert translate(max_parallel=3)[0][names.NATIVE_SPECIFICATION] == "-tc 3"
    with pytest.raises(UnsupportedAttributeException) as caught:
        translate(profile=GENERIC, max_parallel=3)
    assert "max_parallel" in str(caught.value)


@pytest.mark.parametrize("field, value", [
    ("queue_name", "q"), ("min_slots", 2), ("priority", 1), ("accounting_id", "a"),
    ("reservation_id", "7"), ("candidate_machines", ["n"]), ("rerunnable", True),
    ("machine_os", OperatingSystem.LINUX), ("stage_in_files", {"a": "b"})])
def test_fields_without_a_drmaa1_attribute_are_refused_on_an_unknown_drm(field, value):
    with pytest.raises(UnsupportedAttributeException) as caught:
        translate(profile=GENERIC, **{field: value})
    assert field in str(caught.value)


@pytest.mark.parametrize("field, value", [
    ("machine_os", OperatingSystem.LINUX), ("stage_out_files", {"a": "b"})])
def test_fields_grid_engine_cannot_express_are_refused_naming_them(field, value):
    with pytest.raises(UnsupportedAttributeException) as caught:
        translate(**{field: value})
    assert field in str(caught.value)


def test_a_native_value_with_blanks_is_refused_not_split():
    with pytest.raises(InvalidArgumentException) as caught:
        native(queue_name="all.q -l h_rt=1")
    assert "queue_name" in str(caught.value)


def test_the_native_specification_attribute_is_appended():
    jt = JobTemplate(remote_command="/bin/true", queue_name="all.q")
    jt.implementation_specific[templates.NATIVE_SPECIFICATION] = "-l gpu=1"
    attributes, _ = templates.translate(jt, SGE_ATTRIBUTES, GRID_ENGINE)
    assert attributes[names.NATIVE_SPECIFICATION] == "-q all.q -l gpu=1"


def test_another_implementation_specific_attribute_is_refused():
    jt = JobTemplate(remote_command="/bin/true")
    jt.implementation_specific["uge_jt_pe"] = "mpi"
    with pytest.raises(UnsupportedAttributeException) as caught:
        templates.translate(jt, SGE_ATTRIBUTES, GRID_ENGINE)
    assert "uge_jt_pe" in str(caught.value)


def test_an_attribute_the_library_lacks_is_refused_naming_the_field():
    with pytest.raises(UnsupportedAttributeException) as caught:
        translate(supported=frozenset([names.REMOTE_COMMAND]),
                  start_time=datetime.datetime(2030, 1, 1, tzinfo=UTC))
    assert "start_time" in str(caught.value)


def test_templates_survive_the_store_json():
    jt = JobTemplate(remote_command="/bin/sh", args=["-c", "x"], submit_as_hold=True,
                     job_environment={"A": "1"}, start_time=NOW, min_slots=2,
                     deadline_time=datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC),
                     machine_os=OperatingSystem.LINUX)
    jt.implementation_specific[templates.NATIVE_SPECIFICATION] = "-l x=1"
    again = templates.from_json(json.loads(json.dumps(templates.to_json(jt))))
    assert again == jt
    assert again.start_time is NOW


def test_grid_engine_is_recognised_by_its_drm_system_names():
    for text in ("SGE 8.1.9", "OGS/GE 2011.11", "Univa Grid Engine 8.5", "UGE 8.6.4"):
        assert profiles.choose_profile(text, {}).name == "gridengine", text
    for text in ("SLURM 20.11", "LSF 10.1", "Torque 6.1", "HTCondor 9.0", "", None):
        assert profiles.choose_profile(text, {}).name == "generic", text


# ---------------------------------------------------------------- what the DRM carries

def refused(profile=GRID_ENGINE, **fields):
    with pytest.raises(InvalidArgumentException) as caught:
        translate(profile, **fields)
    return str(caught.value)


@pytest.mark.parametrize("position, limit", [(1, 99990), (9, 99990), (10, 99989),
                                             (100, 99988)])
def test_grid_engine_arguments_are_carried_up_to_their_measured_length(position, limit):
    at_limit = ["a"] * (position - 1) + ["x" * limit]
    assert translate(args=at_limit)[1][names.V_ARGV] == at_limit
    message = refused(args=["a"] * (position - 1) + ["x" * (limit + 1)])
    assert "args[%d]" % (position - 1) in message and str(limit) in message


def test_grid_engine_argument_lengths_are_counted_in_utf8_bytes():
    message = refused(args=[u"\u00e4" * 50000])  # 100,000 bytes
    assert "args[0]: 100000 bytes" in message and "99990" in message


def test_grid_engine_refuses_a_line_feed_in_an_argument_and_carries_a_carriage_return():
    assert "args[1]" in refused(args=["ok", "a\nb"])
    assert translate(args=["a\rb"])[1][names.V_ARGV] == ["a\rb"]


def test_grid_engine_environment_entries_are_carried_up_to_9999_bytes():
    value = "v" * (9999 - len("NAME="))
    assert translate(job_environment={"NAME": value})[1][names.V_ENV] == ["NAME=" + value]
    message = refused(job_environment={"NAME": value + "v"})
    assert "job_environment['NAME']" in message and "9999" in message


def test_grid_engine_refuses_an_equals_sign_in_an_environment_value():
    message = refused(job_environment={"A": "x=y"})
    assert "job_environment['A']" in message and "'='" in message


def test_grid_engine_carries_line_breaks_in_environment_values():
    assert translate(job_environment={"A": "x\ny"})[1][names.V_ENV] == ["A=x\ny"]


def test_grid_engine_limits_command_arguments_and_environment_together():
    limit = profiles.GridEngine.EXEC_TOTAL
    # the command "/bin/true" (9 bytes + NUL + pointer), then arguments of 999 bytes
    # (+ NUL + pointer: 1,008 bytes each) and one that fills up to the limit exactly.
    room = limit - (9 + 1 + 8)
    count, rest = divmod(room, 1008)
    args = ["z" * 999] * count + ["r" * (rest - 9)]
    assert len(translate(args=args)[1][names.V_ARGV]) == count + 1
    message = refused(args=args[:-1] + ["r" * (rest - 8)])
    assert "together" in message and str(limit) in message


@pytest.mark.parametrize("field, attribute, limit", [
    ("working_directory", names.WD, 4095), ("input_path", names.INPUT_PATH, 4095),
    ("output_path", names.OUTPUT_PATH, 4094), ("error_path", names.ERROR_PATH, 4094)])
def test_grid_engine_paths_are_carried_up_to_their_measured_length(field, attribute, limit):
    path = ("/" + "p" * 199) * (limit // 200) + "/" + "q" * (limit % 200 - 1)
    assert len(path) == limit
    assert translate(**{field: path})[0][attribute].endswith(path)
    message = refused(**{field: path + "q"})
    # the limit is that of the DRMAA v1 attribute: a file path travels as ':path'
    attribute_limit = limit if field == "working_directory" else limit + 1
    assert message.startswith(field + ":") and "at most %d" % attribute_limit in message
    assert field in refused(**{field: "/tmp/a\nb"})


def test_grid_engine_commands_are_carried_up_to_4095_bytes():
    command = ("/" + "c" * 199) * 20 + "/" + "d" * 94
    assert translate(remote_command=command)[0][names.REMOTE_COMMAND] == command
    assert "4095" in refused(remote_command=command + "d")


@pytest.mark.parametrize("name", ["", "a b", " a", "a\tb", "a\nb", "a\rb", "a/b", "a:b",
                                  "a@b", "a\\b", "a*b", "a?b", "1abc", u"\u00e4", "a\x01b",
                                  "a\x7fb", "n" * 512])
def test_grid_engine_job_names_follow_its_rules(name):
    message = refused(job_name=name)
    assert message.startswith("job_name:") and "not a Grid Engine job name" in message


@pytest.mark.parametrize("name", ["a.b", "a-b_c", "A", "-a", ".a", "a=b", "a,b", "a'b",
                                  "a#b", "a!b", "a%b", "a$b", "a|b", "a&b", "a;b", "a(b",
                                  "a[b", "a\"b", "a~b", "a{b", "n" * 511])
def test_grid_engine_accepts_the_job_names_it_runs(name):
    assert translate(job_name=name)[0][names.JOB_NAME] == name


def test_grid_engine_names_a_job_after_its_command_so_the_command_follows_the_name_rules():
    message = refused(remote_command="/tmp/my job")
    assert message.startswith("remote_command") and "set job_name" in message
    named = translate(remote_command="/tmp/my job", job_name="mine")
    assert named[0][names.JOB_NAME] == "mine"


@pytest.mark.parametrize("field, value", [
    ("args", ["a\nb"]), ("args", ["a\rb"]), ("job_environment", {"A": "x\ny"}),
    ("working_directory", "/a\nb"), ("output_path", "/a\rb"), ("job_name", "a\nb"),
    ("job_category", "a\nb"), ("email", ["a\n@b"]), ("remote_command", "/bin/a\nb")])
def test_a_drm_nobody_measured_refuses_line_breaks_everywhere(field, value):
    assert refused(GENERIC, **{field: value}).startswith(field)


def test_a_drm_nobody_measured_does_not_check_lengths():
    args = ["x" * 200000] * 40
    assert translate(GENERIC, args=args, job_name="1 " * 600)[1][names.V_ARGV] == args
