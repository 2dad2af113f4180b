"""Behaviour probes run once when a library is loaded, for the quirks that names and
headers do not tell (c-api.md 8.2): whether ``drmaa2_lasterror_text`` returns a static
string, whether the library resets the last error on success, whether ``drmaa2_list_add``
prepends, and where the job info keeps ``exitStatus`` (c-api.md 8.1).

Probes use their own function pointers without error checking, so that a quirk cannot
trip the very checks it configures.
"""
import ctypes
import logging

from drmaa2._c import profiles
from drmaa2._c.containers import DICT_ENTRY_FREE_ADDRESS, STRINGLIST

LOG = logging.getLogger("drmaa2")

_PROBE_KEY = b"drmaa2-python-probe: no such key"


def _raw(cdll, name, restype, argtypes):
    function = cdll["drmaa2_" + name]
    function.restype = restype
    function.argtypes = argtypes
    return function


class Quirks(object):
    """What the probes found; every attribute is a bool."""

    def __init__(self, lasterror_text_static=False, lasterror_resets=False,
                 list_prepends=False, jinfo_is_2012=None):
        self.lasterror_text_static = lasterror_text_static
        self.lasterror_resets = lasterror_resets
        self.list_prepends = list_prepends
        self.jinfo_is_2012 = jinfo_is_2012

    def __repr__(self):
        return ("Quirks(lasterror_text_static=%r, lasterror_resets=%r, list_prepends=%r, "
                "jinfo_is_2012=%r)" % (self.lasterror_text_static, self.lasterror_resets,
                                      self.list_prepends, self.jinfo_is_2012))


def probe(cdll):
    """Run every probe on ``cdll`` (a library that has every mandatory function)."""
    quirks = Quirks()
    _probe_errors(cdll, quirks)
    quirks.list_prepends = _probe_list_order(cdll)
    quirks.jinfo_is_2012 = _probe_jinfo(cdll)
    LOG.debug("library behaviour: %r", quirks)
    return quirks


def _probe_errors(cdll, quirks):
    void_p, address = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
    dict_create = _raw(cdll, "dict_create", void_p, [void_p])
    dict_del = _raw(cdll, "dict_del", ctypes.c_int, [void_p, ctypes.c_char_p])
    dict_free = _raw(cdll, "dict_free", None, [address])
    lasterror = _raw(cdll, "lasterror", ctypes.c_int, [])
    lasterror_text = _raw(cdll, "lasterror_text", void_p, [])
    string_free = _raw(cdll, "string_free", None, [address])
    dictionary = dict_create(DICT_ENTRY_FREE_ADDRESS)
    if not dictionary:
        return
    try:
        if dict_del(dictionary, _PROBE_KEY) == 0:
            return  # deleting a missing key is no error here: nothing to learn
        if lasterror() == 0:
            # It failed without setting the last error (the OGF mock): what follows could
            # not tell a reset from an error that was never stored.
            return
        first, second = lasterror_text(), lasterror_text()
        quirks.lasterror_text_static = bool(first) and first == second
        if not quirks.lasterror_text_static:
            for text in (first, second):
                if text:
                    string_free(ctypes.byref(ctypes.c_void_p(text)))
        # Proven only by a non-zero last error that a successful call then set to SUCCESS;
        # a library not proven to reset is treated as one that never does.
        other = dict_create(DICT_ENTRY_FREE_ADDRESS)
        quirks.lasterror_resets = bool(other) and lasterror() == 0
        if other:
            dict_free(ctypes.byref(ctypes.c_void_p(other)))
    finally:
        dict_free(ctypes.byref(ctypes.c_void_p(dictionary)))


def _probe_list_order(cdll):
    void_p = ctypes.c_void_p
    list_create = _raw(cdll, "list_create", void_p, [ctypes.c_int, void_p])
    list_add = _raw(cdll, "list_add", ctypes.c_int, [void_p, void_p])
    list_get = _raw(cdll, "list_get", void_p, [void_p, ctypes.c_long])
    list_free = _raw(cdll, "list_free", None, [ctypes.POINTER(void_p)])
    first, second = ctypes.create_string_buffer(b"a"), ctypes.create_string_buffer(b"b")
    items = ctypes.addressof(first), ctypes.addressof(second)
    handle = list_create(STRINGLIST, None)  # no callback: the list frees no element
    if not handle:
        return False
    try:
        if list_add(handle, items[0]) or list_add(handle, items[1]):
            return False
        return list_get(handle, 0) == items[1]
    finally:
        list_free(ctypes.byref(ctypes.c_void_p(handle)))


def _probe_jinfo(cdll):
    void_p = ctypes.c_void_p
    jinfo_create = _raw(cdll, "jinfo_create", void_p, [])
    jinfo_free = _raw(cdll, "jinfo_free", None, [ctypes.POINTER(void_p)])
    jinfo = jinfo_create()
    if not jinfo:
        return None
    try:
        # Only 4-byte ints at offsets that are a field in both layouts: never padding.
        at_8 = ctypes.c_int.from_address(jinfo + 8).value
        at_40 = ctypes.c_int.from_address(jinfo + 40).value if at_8 == 0 else None
        return profiles.jinfo_probe(at_8, at_40)
    finally:
        jinfo_free(ctypes.byref(ctypes.c_void_p(jinfo)))
