"""The ctypes declarations of the DRMAA2 public structs, one set per layout profile.

The fields are the table's (``drmaa2._fields``, the standard's order) with the profile's
differences applied (:func:`layout`); their ctypes types follow from their C types
(:data:`CTYPES`).  Strings, lists, dicts and nested struct pointers are ``c_void_p``
(never ``c_char_p``: the library frees what those fields hold, so they must only ever hold
memory the C allocator gave).  Enums and ``drmaa2_bool`` are ``c_int``; absolute times and
durations ``time_t`` (``c_long``); counts ``long long``.

These classes describe memory the library allocated; they are never instantiated from
Python (``drmaa2_*_create`` or a library result is the only source of a struct), only
reached with ``ctypes.cast(pointer, POINTER(cls))``.
"""
import ctypes

from drmaa2._fields import IMPLEMENTATION_SPECIFIC, STRUCTS

c_time_t = ctypes.c_long

#: The ctypes type of each C type of the field table.
CTYPES = {
    "drmaa2_string": ctypes.c_void_p,        # char *, owned by the struct
    "drmaa2_string_list": ctypes.c_void_p,   # drmaa2_list and its aliases
    "drmaa2_slotinfo_list": ctypes.c_void_p,
    "drmaa2_dict": ctypes.c_void_p,
    "drmaa2_version": ctypes.c_void_p,
    "void *": ctypes.c_void_p,
    "drmaa2_bool": ctypes.c_int,             # every DRMAA2 enum and drmaa2_bool
    "drmaa2_os": ctypes.c_int,
    "drmaa2_cpu": ctypes.c_int,
    "drmaa2_jstate": ctypes.c_int,
    "drmaa2_event": ctypes.c_int,
    "int": ctypes.c_int,
    "long long": ctypes.c_longlong,
    "float": ctypes.c_float,
    "time_t": c_time_t,
}


def layout(profile, struct_name):
    """The fields (``drmaa2._fields.Field``) of the struct ``struct_name`` in the order
    the headers of ``profile`` lay them out: the table's, without the fields the profile
    lacks, with the pairs it swaps swapped, and ending in ``implementationSpecific`` where
    the profile has it."""
    fields = [field for field in STRUCTS[struct_name].fields
              if (struct_name, field.c_name) not in profile.absent_fields]
    names = [field.c_name for field in fields]
    for struct, first, second in profile.swapped_fields:
        if struct == struct_name:
            i, j = names.index(first), names.index(second)
            fields[i], fields[j] = fields[j], fields[i]
    if struct_name in profile.impl_specific:
        fields.append(IMPLEMENTATION_SPECIFIC)
    return fields


class StructSet(object):
    """The nine struct classes of one profile, as attributes named like the C types
    without prefix: ``jtemplate``, ``jinfo``, ``rtemplate``, ``rinfo``, ``slotinfo``,
    ``queueinfo``, ``machineinfo``, ``notification``, ``version``."""

    def __init__(self, profile):
        self.profile = profile
        for name in STRUCTS:
            field_list = [(field.c_name, CTYPES[field.c_type])
                          for field in layout(profile, name)]
            struct = type(str("drmaa2_%s_s_%s" % (name, profile.name)), (ctypes.Structure,),
                          {"_fields_": field_list})
            setattr(self, name, struct)

    def view(self, name, address):
        """The struct ``name`` at ``address`` (memory the library owns), for reading and
        writing its fields."""
        return ctypes.cast(address, ctypes.POINTER(getattr(self, name))).contents


_CACHE = {}


def struct_set(profile):
    """The (cached) StructSet of ``profile``."""
    if profile.name not in _CACHE:
        _CACHE[profile.name] = StructSet(profile)
    return _CACHE[profile.name]
