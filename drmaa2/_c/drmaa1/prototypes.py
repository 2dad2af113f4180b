"""One table of every DRMAA version 1 C function: its prototype, how failure shows and
whether a library must have it.

Almost every DRMAA v1 function returns an error code and takes, as its last two
arguments, a diagnosis buffer and its size.  ``PROTOTYPES.bind(cdll, path=path)`` resolves
the table (the mechanism of ``drmaa2._c.binding``) and returns a ``CFunctions`` whose
attributes are the functions without their ``drmaa_`` prefix (``functions.run_job``);
those with an error code get an ``errcheck`` that raises the drmaa2 exception of a
non-zero code, with the diagnosis the library wrote.
"""
import ctypes

from drmaa2._c import binding
from drmaa2._c.drmaa1 import errors
from drmaa2._c.values import decode_string

STRING_IN = ctypes.c_char_p                   # const char * the library only reads
BUFFER = ctypes.c_char_p                      # char * the library writes into
SIZE = ctypes.c_size_t
INT = ctypes.c_int
UINT = ctypes.c_uint
LONG = ctypes.c_long
POINTER = ctypes.c_void_p                     # a job template or a string vector
POINTER_OUT = ctypes.POINTER(ctypes.c_void_p)  # drmaa_job_template_t **, drmaa_*_t **
INT_OUT = ctypes.POINTER(ctypes.c_int)
UINT_OUT = ctypes.POINTER(ctypes.c_uint)
STRING_ARRAY = ctypes.POINTER(ctypes.c_char_p)  # const char *[], NULL-terminated

# How a function reports failure.
ERROR_RESULT = "error"       # an error code; non-zero raises
CODE_RESULT = "code"         # an error code the caller examines (drmaa_init, drmaa_wait)
ITERATOR_RESULT = "iterator"  # drmaa_get_next_*: non-zero means "no more elements"
NO_RESULT = "none"           # void, or drmaa_strerror's string

DIAGNOSIS = [BUFFER, SIZE]


def _f(name, argtypes, check=ERROR_RESULT, restype=INT, mandatory=True):
    if check in (ERROR_RESULT, CODE_RESULT):
        argtypes = argtypes + DIAGNOSIS
    return binding.Function(name, restype, argtypes, check, mandatory, ())


TABLE = [
    # string vectors (attribute names, attribute values, job ids)
    _f("get_next_attr_name", [POINTER, BUFFER, SIZE], ITERATOR_RESULT),
    _f("get_next_attr_value", [POINTER, BUFFER, SIZE], ITERATOR_RESULT),
    _f("get_next_job_id", [POINTER, BUFFER, SIZE], ITERATOR_RESULT),
    _f("get_num_attr_names", [POINTER, INT_OUT], NO_RESULT, mandatory=False),
    _f("get_num_attr_values", [POINTER, INT_OUT], NO_RESULT, mandatory=False),
    _f("get_num_job_ids", [POINTER, INT_OUT], NO_RESULT, mandatory=False),
    _f("release_attr_names", [POINTER], NO_RESULT, restype=None),
    _f("release_attr_values", [POINTER], NO_RESULT, restype=None),
    _f("release_job_ids", [POINTER], NO_RESULT, restype=None),
    # session
    _f("init", [STRING_IN], CODE_RESULT),
    _f("exit", []),
    # job templates
    _f("allocate_job_template", [POINTER_OUT]),
    _f("delete_job_template", [POINTER]),
    _f("set_attribute", [POINTER, STRING_IN, STRING_IN]),
    _f("get_attribute", [POINTER, STRING_IN, BUFFER, SIZE]),
    _f("set_vector_attribute", [POINTER, STRING_IN, STRING_ARRAY]),
    _f("get_vector_attribute", [POINTER, STRING_IN, POINTER_OUT]),
    _f("get_attribute_names", [POINTER_OUT]),
    # jobs
    _f("run_job", [BUFFER, SIZE, POINTER]),
    _f("run_bulk_jobs", [POINTER_OUT, POINTER, INT, INT, INT]),
    _f("control", [STRING_IN, INT]),
    _f("wait", [STRING_IN, BUFFER, SIZE, INT_OUT, LONG, POINTER_OUT], CODE_RESULT),
    _f("wifexited", [INT_OUT, INT]),
    _f("wexitstatus", [INT_OUT, INT]),
    _f("wifsignaled", [INT_OUT, INT]),
    _f("wtermsig", [BUFFER, SIZE, INT]),
    _f("wcoredump", [INT_OUT, INT]),
    _f("wifaborted", [INT_OUT, INT]),
    _f("job_ps", [STRING_IN, INT_OUT]),
    # the library and the DRM
    _f("strerror", [INT], NO_RESULT, restype=ctypes.c_char_p),
    _f("get_contact", [BUFFER, SIZE]),
    _f("version", [UINT_OUT, UINT_OUT]),
    _f("get_DRM_system", [BUFFER, SIZE]),
    _f("get_DRMAA_implementation", [BUFFER, SIZE], mandatory=False),
]


def diagnosis_of(arguments):
    """The text a failed call wrote into its diagnosis buffer (the last two arguments)."""
    buffer = arguments[-2]
    raw = getattr(buffer, "value", buffer) or b""
    return decode_string(raw).strip()


def _errcheck(entry, context):
    if entry.check != ERROR_RESULT:
        return None
    function = "drmaa_" + entry.name

    def errcheck(result, cfunc, arguments):
        if result != errors.SUCCESS:
            raise errors.exception_for(result, function, diagnosis_of(arguments))
        return result
    return errcheck


#: The table bound: ``PROTOTYPES.bind(cdll, path=path)`` returns the CFunctions of a
#: library, ``PROTOTYPES.refuse_incomplete`` is the loader's check.
PROTOTYPES = binding.Prototypes("drmaa_", "DRMAA v1", TABLE, _errcheck)
BY_NAME = PROTOTYPES.by_name
missing_mandatory = PROTOTYPES.missing_mandatory

__all__ = ["TABLE", "BY_NAME", "PROTOTYPES", "missing_mandatory", "diagnosis_of"]
