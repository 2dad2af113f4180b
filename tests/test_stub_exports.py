"""The stub libdrmaa2.so exports the whole standard DRMAA2 C API, and nothing else.

The names are those of the standard functions in sections 5.1 to 5.13 of the
project's C API reference (the 2016 binding, GFD.230, with the 2012 names kept
as aliases); vendor-only extensions are left out. The check reads the dynamic
symbol table with ``nm -D``, so it sees exactly what a loader sees.
"""
import subprocess

import pytest

ERRORS_AND_STRINGS = ["drmaa2_string_free", "drmaa2_lasterror", "drmaa2_lasterror_text"]

LISTS = [
    "drmaa2_list_create", "drmaa2_list_free", "drmaa2_list_get", "drmaa2_list_add",
    "drmaa2_list_del", "drmaa2_list_size",
]

DICTS = [
    "drmaa2_dict_create", "drmaa2_dict_free", "drmaa2_dict_list", "drmaa2_dict_has",
    "drmaa2_dict_get", "drmaa2_dict_del", "drmaa2_dict_set",
]

STRUCTS = [
    "drmaa2_jtemplate_create", "drmaa2_jtemplate_free", "drmaa2_rtemplate_create",
    "drmaa2_rtemplate_free", "drmaa2_jinfo_create", "drmaa2_jinfo_free", "drmaa2_rinfo_free",
    "drmaa2_slotinfo_free", "drmaa2_notification_free", "drmaa2_queueinfo_free",
    "drmaa2_version_free", "drmaa2_machineinfo_free",
]

IMPLEMENTATION_SPECIFIC = [
    "drmaa2_jtemplate_impl_spec", "drmaa2_jinfo_impl_spec", "drmaa2_rtemplate_impl_spec",
    "drmaa2_rinfo_impl_spec", "drmaa2_queueinfo_impl_spec", "drmaa2_machineinfo_impl_spec",
    "drmaa2_notification_impl_spec", "drmaa2_get_instance_value", "drmaa2_describe_attribute",
    "drmaa2_set_instance_value",
]

HANDLE_FREES = [
    "drmaa2_jsession_free", "drmaa2_rsession_free", "drmaa2_msession_free", "drmaa2_j_free",
    "drmaa2_jarray_free", "drmaa2_r_free",
]

RESERVATION_SESSION = [
    "drmaa2_rsession_get_contact", "drmaa2_rsession_get_session_name",
    "drmaa2_rsession_get_reservation", "drmaa2_rsession_request_reservation",
    "drmaa2_rsession_get_reservations",
]

RESERVATION = [
    "drmaa2_r_get_id", "drmaa2_r_get_session_name", "drmaa2_r_get_reservation_template",
    "drmaa2_r_get_info", "drmaa2_r_terminate",
]

JOB_ARRAY = [
    "drmaa2_jarray_get_id", "drmaa2_jarray_get_jobs", "drmaa2_jarray_get_session_name",
    "drmaa2_jarray_get_jtemplate", "drmaa2_jarray_get_job_template", "drmaa2_jarray_suspend",
    "drmaa2_jarray_resume", "drmaa2_jarray_hold", "drmaa2_jarray_release",
    "drmaa2_jarray_terminate", "drmaa2_jarray_reap",
]

JOB_SESSION = [
    "drmaa2_jsession_get_contact", "drmaa2_jsession_get_session_name",
    "drmaa2_jsession_get_job_categories", "drmaa2_jsession_get_jobs",
    "drmaa2_jsession_get_job_array", "drmaa2_jsession_run_job", "drmaa2_jsession_run_bulk_jobs",
    "drmaa2_jsession_wait_any_started", "drmaa2_jsession_wait_any_terminated",
]

JOB = [
    "drmaa2_j_get_id", "drmaa2_j_get_session_name", "drmaa2_j_get_jtemplate", "drmaa2_j_get_jt",
    "drmaa2_j_suspend", "drmaa2_j_resume", "drmaa2_j_hold", "drmaa2_j_release",
    "drmaa2_j_terminate", "drmaa2_j_reap", "drmaa2_j_get_state", "drmaa2_j_get_info",
    "drmaa2_j_wait_started", "drmaa2_j_wait_terminated",
]

MONITORING_SESSION = [
    "drmaa2_msession_get_all_reservations", "drmaa2_msession_get_all_jobs",
    "drmaa2_msession_get_all_queues", "drmaa2_msession_get_all_machines",
]

SESSION_MANAGER = [
    "drmaa2_get_drms_name", "drmaa2_get_drms_version", "drmaa2_get_drmaa_name",
    "drmaa2_get_drmaa_version", "drmaa2_supports", "drmaa2_create_jsession",
    "drmaa2_create_rsession", "drmaa2_open_jsession", "drmaa2_open_rsession",
    "drmaa2_open_msession", "drmaa2_close_jsession", "drmaa2_close_rsession",
    "drmaa2_close_msession", "drmaa2_destroy_jsession", "drmaa2_destroy_rsession",
    "drmaa2_get_jsession_names", "drmaa2_get_rsession_names",
    "drmaa2_register_event_notification",
]

STANDARD_FUNCTIONS = (
    ERRORS_AND_STRINGS + LISTS + DICTS + STRUCTS + IMPLEMENTATION_SPECIFIC + HANDLE_FREES
    + RESERVATION_SESSION + RESERVATION + JOB_ARRAY + JOB_SESSION + JOB + MONITORING_SESSION
    + SESSION_MANAGER
)

# Not in the standard header, but exported under these names by other libraries;
# the stub offers them too so the binding's fallbacks run against it.
EXTENSIONS = ["drmaa2_rinfo_create", "drmaa2_r_get_rtemplate"]

RESOURCE_LIMITS = [
    "DRMAA2_CORE_FILE_SIZE", "DRMAA2_CPU_TIME", "DRMAA2_DATA_SIZE", "DRMAA2_FILE_SIZE",
    "DRMAA2_OPEN_FILES", "DRMAA2_STACK_SIZE", "DRMAA2_VIRTUAL_MEMORY", "DRMAA2_WALLCLOCK_TIME",
]


@pytest.fixture(scope="module")
def exported(stub_library):
    """The library's defined dynamic symbols: name -> nm type letter."""
    output = subprocess.check_output(
        ["nm", "-D", "--defined-only", stub_library], universal_newlines=True)
    symbols = {}
    for line in output.splitlines():
        fields = line.split()
        if len(fields) == 3:
            symbols[fields[2]] = fields[1]
    return symbols


def test_the_reference_lists_each_function_once():
    assert len(set(STANDARD_FUNCTIONS)) == len(STANDARD_FUNCTIONS) == 110


@pytest.mark.parametrize("name", STANDARD_FUNCTIONS + EXTENSIONS)
def test_function_is_exported(exported, name):
    assert exported.get(name) == "T", "%s is not exported as a function" % name


@pytest.mark.parametrize("name", RESOURCE_LIMITS)
def test_resource_limit_name_is_exported_data(exported, name):
    assert exported.get(name) in ("R", "D"), "%s is not exported as data" % name


def test_nothing_but_the_api_is_exported(exported):
    expected = set(STANDARD_FUNCTIONS + EXTENSIONS + RESOURCE_LIMITS)
    extra = sorted(name for name in exported if name not in expected)
    assert extra == []


def test_no_api_function_is_left_undefined(stub_library):
    output = subprocess.check_output(
        ["nm", "-D", "--undefined-only", stub_library], universal_newlines=True)
    undefined = [line.split()[-1] for line in output.splitlines() if line.strip()]
    assert [name for name in undefined if name.startswith("drmaa2_")] == []
