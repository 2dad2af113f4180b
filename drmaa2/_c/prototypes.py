"""One table of every DRMAA2 C function: its prototype, how failure shows, whether a
library must have it, and the other names vendors gave it.

``bind(cdll, error_checker, path)`` resolves the table against a loaded library (the
mechanism of ``drmaa2._c.binding``) and returns a ``CFunctions`` whose attributes are the
functions without their ``drmaa2_`` prefix (``functions.j_get_id``), each with
``argtypes``, ``restype`` and an ``errcheck`` that turns a failure into the exception of
its DRMAA2 error code: ``error_checker(function, result, arguments)`` receives every
result of a function whose ``check`` is not NO_RESULT, except those that are plainly a
success (a non-NULL pointer, DRMAA2_SUCCESS, a set job state), and returns it or raises.
"""
import ctypes

from drmaa2._c import binding
from drmaa2._c.structs import c_time_t

# Argument and result types, named for what they carry.
STRING_OUT = ctypes.c_void_p      # a drmaa2_string the caller must free (never c_char_p)
STRING_IN = ctypes.c_char_p       # const char * the library only reads
BORROWED = ctypes.c_void_p        # a pointer the library keeps owning (list_get, dict_get)
POINTER = ctypes.c_void_p         # handles, lists, dicts, structs, callbacks
ADDRESS = ctypes.POINTER(ctypes.c_void_p)  # drmaa2_*_free(&x), j_get_state(&substate)
INT = ctypes.c_int                # enums, drmaa2_bool, drmaa2_error
LONG = ctypes.c_long
LONGLONG = ctypes.c_longlong

# How a function reports failure (see check_result).
POINTER_RESULT = "pointer"        # NULL is a failure
OPTIONAL_RESULT = "optional"      # NULL means "no value"; a failure only if lasterror says so
ERROR_RESULT = "error"            # a drmaa2_error return value other than SUCCESS
STATE_RESULT = "state"            # drmaa2_j_get_state: DRMAA2_UNSET_JSTATE (-1)
SIZE_RESULT = "size"              # drmaa2_list_size: -1
NO_RESULT = "none"                # void, or a drmaa2_bool without an error channel


def _f(name, restype, argtypes, check, mandatory=True, aliases=()):
    return binding.Function(name, restype, argtypes, check, mandatory, aliases)


def _optional(name, restype, argtypes, check, aliases=()):
    return binding.Function(name, restype, argtypes, check, False, aliases)


_P, _S, _SI = POINTER, STRING_OUT, STRING_IN

TABLE = [
    # errors and strings
    _f("string_free", None, [ADDRESS], NO_RESULT),
    _f("lasterror", INT, [], NO_RESULT),
    _f("lasterror_text", STRING_OUT, [], NO_RESULT),
    # lists
    _f("list_create", _P, [INT, _P], POINTER_RESULT),
    _f("list_free", None, [ADDRESS], NO_RESULT),
    _f("list_get", BORROWED, [_P, LONG], POINTER_RESULT),
    _f("list_add", INT, [_P, _P], ERROR_RESULT),
    _f("list_del", INT, [_P, LONG], ERROR_RESULT),
    _f("list_size", LONG, [_P], SIZE_RESULT),
    # dictionaries
    _f("dict_create", _P, [_P], POINTER_RESULT),
    _f("dict_free", None, [ADDRESS], NO_RESULT),
    _f("dict_list", _P, [_P], POINTER_RESULT),
    _f("dict_has", INT, [_P, _SI], NO_RESULT),
    _f("dict_get", BORROWED, [_P, _SI], OPTIONAL_RESULT),
    _f("dict_del", INT, [_P, _SI], ERROR_RESULT),
    _f("dict_set", INT, [_P, _P, _P], ERROR_RESULT),
    # structs: create and free
    _f("jtemplate_create", _P, [], POINTER_RESULT),
    _f("jtemplate_free", None, [ADDRESS], NO_RESULT),
    _f("jinfo_create", _P, [], POINTER_RESULT),
    _f("jinfo_free", None, [ADDRESS], NO_RESULT),
    _f("version_free", None, [ADDRESS], NO_RESULT),
    _optional("rtemplate_create", _P, [], POINTER_RESULT),
    _optional("rtemplate_free", None, [ADDRESS], NO_RESULT),
    _optional("rinfo_free", None, [ADDRESS], NO_RESULT),
    _optional("slotinfo_free", None, [ADDRESS], NO_RESULT),
    _optional("notification_free", None, [ADDRESS], NO_RESULT),
    _optional("queueinfo_free", None, [ADDRESS], NO_RESULT),
    _optional("machineinfo_free", None, [ADDRESS], NO_RESULT),
    # implementation-specific attributes
    _optional("jtemplate_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("jinfo_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("rtemplate_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("rinfo_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("queueinfo_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("machineinfo_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("notification_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("version_impl_spec", _P, [], OPTIONAL_RESULT),
    _optional("get_instance_value", _S, [_P, _SI], OPTIONAL_RESULT),
    _optional("describe_attribute", _S, [_P, _SI], OPTIONAL_RESULT),
    _optional("set_instance_value", INT, [_P, _SI, _SI], ERROR_RESULT),
    # handle frees
    _f("jsession_free", None, [ADDRESS], NO_RESULT),
    _f("j_free", None, [ADDRESS], NO_RESULT),
    _f("jarray_free", None, [ADDRESS], NO_RESULT),
    _optional("rsession_free", None, [ADDRESS], NO_RESULT),
    _optional("msession_free", None, [ADDRESS], NO_RESULT),
    _optional("r_free", None, [ADDRESS], NO_RESULT),
    # reservation session
    _optional("rsession_get_contact", _S, [_P], OPTIONAL_RESULT),
    _optional("rsession_get_session_name", _S, [_P], POINTER_RESULT),
    _optional("rsession_get_reservation", _P, [_P, _SI], POINTER_RESULT),
    _optional("rsession_request_reservation", _P, [_P, _P], POINTER_RESULT),
    _optional("rsession_get_reservations", _P, [_P], POINTER_RESULT),
    # reservation
    _optional("r_get_id", _S, [_P], POINTER_RESULT),
    _optional("r_get_session_name", _S, [_P], POINTER_RESULT),
    _optional("r_get_reservation_template", _P, [_P], POINTER_RESULT,
              aliases=("r_get_rtemplate",)),
    _optional("r_get_info", _P, [_P], POINTER_RESULT),
    _optional("r_terminate", INT, [_P], ERROR_RESULT),
    # job array
    _f("jarray_get_id", _S, [_P], POINTER_RESULT),
    _f("jarray_get_jobs", _P, [_P], OPTIONAL_RESULT),
    _f("jarray_get_session_name", _S, [_P], POINTER_RESULT),
    _f("jarray_get_jtemplate", _P, [_P], POINTER_RESULT,
       aliases=("jarray_get_job_template",)),
    _f("jarray_suspend", INT, [_P], ERROR_RESULT),
    _f("jarray_resume", INT, [_P], ERROR_RESULT),
    _f("jarray_hold", INT, [_P], ERROR_RESULT),
    _f("jarray_release", INT, [_P], ERROR_RESULT),
    _f("jarray_terminate", INT, [_P], ERROR_RESULT),
    _optional("jarray_reap", INT, [_P], ERROR_RESULT),
    # job session
    _f("jsession_get_contact", _S, [_P], OPTIONAL_RESULT),
    _f("jsession_get_session_name", _S, [_P], POINTER_RESULT),
    _f("jsession_get_job_categories", _P, [_P], POINTER_RESULT),
    _f("jsession_get_jobs", _P, [_P, _P], POINTER_RESULT),
    _f("jsession_get_job_array", _P, [_P, _SI], POINTER_RESULT),
    _f("jsession_run_job", _P, [_P, _P], POINTER_RESULT),
    _f("jsession_run_bulk_jobs", _P, [_P, _P, LONGLONG, LONGLONG, LONGLONG, LONGLONG],
       POINTER_RESULT),
    _f("jsession_wait_any_started", _P, [_P, _P, c_time_t], POINTER_RESULT),
    _f("jsession_wait_any_terminated", _P, [_P, _P, c_time_t], POINTER_RESULT),
    # job
    _f("j_get_id", _S, [_P], POINTER_RESULT),
    _f("j_get_session_name", _S, [_P], POINTER_RESULT),
    _f("j_get_jtemplate", _P, [_P], POINTER_RESULT, aliases=("j_get_jt",)),
    _f("j_suspend", INT, [_P], ERROR_RESULT),
    _f("j_resume", INT, [_P], ERROR_RESULT),
    _f("j_hold", INT, [_P], ERROR_RESULT),
    _f("j_release", INT, [_P], ERROR_RESULT),
    _f("j_terminate", INT, [_P], ERROR_RESULT),
    _optional("j_reap", INT, [_P], ERROR_RESULT),
    _f("j_get_state", INT, [_P, ADDRESS], STATE_RESULT),
    _f("j_get_info", _P, [_P], POINTER_RESULT),
    _f("j_wait_started", INT, [_P, c_time_t], ERROR_RESULT),
    _f("j_wait_terminated", INT, [_P, c_time_t], ERROR_RESULT),
    # monitoring session
    _optional("open_msession", _P, [_SI], POINTER_RESULT),
    _optional("close_msession", INT, [_P], ERROR_RESULT),
    _optional("msession_get_all_reservations", _P, [_P], POINTER_RESULT),
    _optional("msession_get_all_jobs", _P, [_P, _P], POINTER_RESULT),
    _optional("msession_get_all_queues", _P, [_P, _P], POINTER_RESULT),
    _optional("msession_get_all_machines", _P, [_P, _P], POINTER_RESULT),
    # session manager: names, versions, capabilities, sessions, events
    _f("get_drms_name", _S, [], OPTIONAL_RESULT),
    _f("get_drms_version", _P, [], OPTIONAL_RESULT),
    _optional("get_drmaa_name", _S, [], OPTIONAL_RESULT),
    _optional("get_drmaa_version", _P, [], OPTIONAL_RESULT),
    _f("supports", INT, [INT], NO_RESULT),
    _f("create_jsession", _P, [_SI, _SI], POINTER_RESULT),
    _f("open_jsession", _P, [_SI], POINTER_RESULT),
    _f("close_jsession", INT, [_P], ERROR_RESULT),
    _f("destroy_jsession", INT, [_SI], ERROR_RESULT),
    _f("get_jsession_names", _P, [], OPTIONAL_RESULT),
    _optional("create_rsession", _P, [_SI, _SI], POINTER_RESULT),
    _optional("open_rsession", _P, [_SI], POINTER_RESULT),
    _optional("close_rsession", INT, [_P], ERROR_RESULT),
    _optional("destroy_rsession", INT, [_SI], ERROR_RESULT),
    _optional("get_rsession_names", _P, [], OPTIONAL_RESULT),
    _optional("register_event_notification", INT, [_P], ERROR_RESULT),
]


def _make_errcheck(entry, error_checker):
    # A plain success (a non-NULL pointer, SUCCESS, a set job state) returns at once:
    # one Python call less on the path of every successful C call.
    check = entry.check
    if check == NO_RESULT:
        return None
    if check in (POINTER_RESULT, OPTIONAL_RESULT):
        def errcheck(result, cfunc, arguments):
            if result:
                return result
            return error_checker(entry, result, arguments)
    elif check == ERROR_RESULT:
        def errcheck(result, cfunc, arguments):
            if result == 0:
                return result
            return error_checker(entry, result, arguments)
    elif check == STATE_RESULT:
        def errcheck(result, cfunc, arguments):
            if result != -1:
                return result
            return error_checker(entry, result, arguments)
    else:
        def errcheck(result, cfunc, arguments):
            return error_checker(entry, result, arguments)
    return errcheck


#: The table bound: ``PROTOTYPES.bind(cdll, error_checker, path)`` returns the
#: CFunctions of a library, ``PROTOTYPES.refuse_incomplete`` is the loader's check.
PROTOTYPES = binding.Prototypes("drmaa2_", "DRMAA2", TABLE, _make_errcheck)
BY_NAME = PROTOTYPES.by_name
bind = PROTOTYPES.bind
missing_mandatory = PROTOTYPES.missing_mandatory
