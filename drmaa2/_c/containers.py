"""C strings, string lists and dictionaries: reading the library's, building new ones.

Everything built here is owned by the C side once built: strings are libc ``strdup``
copies (the library frees them with ``free()``), lists own their strings through the
library's own ``drmaa2_string_free`` as entry callback, and dicts own keys and values
through :data:`DICT_ENTRY_FREE`, a process-lifetime callback that frees with libc
``free`` and accepts the NULL key the C API passes when a value is replaced.
"""
import ctypes

import six

from drmaa2._c.values import decode_string, encode_string
from drmaa2.exceptions import InvalidArgumentException, OutOfResourceException

STRINGLIST = 0
JOBLIST = 1
QUEUEINFOLIST = 2
MACHINEINFOLIST = 3
SLOTINFOLIST = 4
RESERVATIONLIST = 5

_LIBC = ctypes.CDLL(None)
_strdup = _LIBC.strdup
_strdup.argtypes = [ctypes.c_char_p]
_strdup.restype = ctypes.c_void_p
libc_free = _LIBC.free
libc_free.argtypes = [ctypes.c_void_p]
libc_free.restype = None

DICT_ENTRY_FREE_TYPE = ctypes.CFUNCTYPE(None, ctypes.POINTER(ctypes.c_void_p),
                                        ctypes.POINTER(ctypes.c_void_p))


def _free_dict_entry(key, value):
    if key and key[0]:
        libc_free(key[0])
        key[0] = None
    if value and value[0]:
        libc_free(value[0])
        value[0] = None


#: The entry callback of every dict this binding creates (lives as long as the process).
DICT_ENTRY_FREE = DICT_ENTRY_FREE_TYPE(_free_dict_entry)
DICT_ENTRY_FREE_ADDRESS = ctypes.cast(DICT_ENTRY_FREE, ctypes.c_void_p).value


def strdup(data):
    """A malloc'd copy of the bytes ``data`` (the address); the C side owns it."""
    address = _strdup(data)
    if not address:
        raise OutOfResourceException("strdup: out of memory")
    return address


def read_string(address):
    """The native str at ``address`` (None for NULL); the memory is not freed."""
    if not address:
        return None
    # c_char_p(address).value reads the same bytes as ctypes.string_at, in a third of the
    # time (it runs for every string of every struct read).
    return decode_string(ctypes.c_char_p(address).value)


def _encode_all(texts):
    """The UTF-8 bytes of every item of the list ``texts`` when each is a native str that
    encodes and holds no NUL (the common case, guarded in one pass); None otherwise, and
    the caller's item-by-item guard (``encode_string``) then names the bad one."""
    if six.PY2 or not all(type(text) is str for text in texts):
        return None
    try:
        encoded = [text.encode("utf-8") for text in texts]
    except UnicodeEncodeError:
        return None
    if b"\0" in b"".join(encoded):
        return None
    return encoded


def _strings(values, name):
    """Encoded copies of every string of the iterable ``values`` (validated up front, so
    that nothing is allocated when one is bad)."""
    if isinstance(values, (six.text_type, bytes)):
        raise TypeError("%s must be a list of strings, not a single string" % name)
    try:
        items = list(values)
    except TypeError:
        raise TypeError("%s must be a list of strings, not %s" % (name, type(values).__name__))
    encoded = _encode_all(items)
    if encoded is not None:
        return encoded
    return [encode_string(item, "%s[%d]" % (name, index)) for index, item in enumerate(items)]


def _mapping_items(mapping, name):
    if not hasattr(mapping, "items"):
        raise TypeError("%s must be a mapping of strings, not %s" % (name, type(mapping).__name__))
    items = list(mapping.items())
    keys = _encode_all([key for key, _ in items])
    values = _encode_all([value for _, value in items])
    if keys is not None and values is not None and len(set(keys)) == len(keys):
        return list(zip(keys, values))
    encoded = []
    seen = set()
    for key, value in items:
        key_bytes = encode_string(key, "%s key" % name)
        if key_bytes in seen:
            raise InvalidArgumentException("%s: the key %r appears twice once encoded"
                                           % (name, key))
        seen.add(key_bytes)
        encoded.append((key_bytes, encode_string(value, "%s[%r]" % (name, key))))
    return encoded


class Containers(object):
    """Lists, dicts and strings of one library (its ``CFunctions``)."""

    def __init__(self, functions, list_prepends=False):
        self.c = functions
        self.list_prepends = list_prepends
        self._string_free_address = None

    @property
    def string_free_address(self):
        """The address of the library's drmaa2_string_free: the entry callback of the
        string lists built here."""
        if self._string_free_address is None:
            self._string_free_address = ctypes.cast(self.c.string_free, ctypes.c_void_p).value
        return self._string_free_address

    # ---------------------------------------------------------- freeing
    def free_string(self, address):
        """drmaa2_string_free on ``address`` (nothing for NULL)."""
        if address:
            self.c.string_free(ctypes.byref(ctypes.c_void_p(address)))

    def free_list(self, address):
        """drmaa2_list_free on ``address`` (nothing for NULL)."""
        if address:
            self.c.list_free(ctypes.byref(ctypes.c_void_p(address)))

    def free_dict(self, address):
        """drmaa2_dict_free on ``address`` (nothing for NULL)."""
        if address:
            self.c.dict_free(ctypes.byref(ctypes.c_void_p(address)))

    def take_string(self, address):
        """The native str at ``address``, which the library handed over: it is freed."""
        if not address:
            return None
        try:
            return read_string(address)
        finally:
            self.free_string(address)

    # ------------------------------------------------------------ lists
    def list_items(self, address):
        """The element addresses of the list at ``address`` (borrowed; valid until the
        list is freed)."""
        return [self.c.list_get(address, index) for index in range(self.c.list_size(address))]

    def string_list_from_c(self, address):
        """The list of str of a C string list (None for NULL); the list is not freed."""
        if not address:
            return None
        return [read_string(item) for item in self.list_items(address)]

    def take_string_list(self, address):
        """string_list_from_c of a list the library handed over, which is then freed.
        NULL gives an empty list."""
        if not address:
            return []
        try:
            return self.string_list_from_c(address)
        finally:
            self.free_list(address)

    def take_bytes_list(self, address):
        """The raw bytes of every string of a C string list the library handed over,
        which is then freed (NULL gives an empty list)."""
        if not address:
            return []
        try:
            return [ctypes.c_char_p(item).value for item in self.list_items(address)]
        finally:
            self.free_list(address)

    def new_list(self, list_type, entry_free_address, addresses):
        """A new C list of ``list_type`` holding ``addresses`` in order.  On failure the
        list is freed (with its callback, so the entries it already holds too)."""
        address = self.c.list_create(list_type, entry_free_address)
        try:
            for item in (reversed(addresses) if self.list_prepends else addresses):
                self.c.list_add(address, item)
        except BaseException:
            self.free_list(address)
            raise
        return address

    def new_string_list(self, values, name):
        """A new C string list owning copies of the strings of ``values``.

        A lone string, a non-iterable or a non-string element raises TypeError and a NUL
        inside a string InvalidArgumentException, naming ``name``, before anything is
        allocated."""
        encoded = _strings(values, name)
        address = self.c.list_create(STRINGLIST, self.string_free_address)
        try:
            for data in (reversed(encoded) if self.list_prepends else encoded):
                copy = strdup(data)
                try:
                    self.c.list_add(address, copy)
                except BaseException:
                    libc_free(copy)
                    raise
        except BaseException:
            self.free_list(address)
            raise
        return address

    # ------------------------------------------------------------ dicts
    def dict_from_c(self, address):
        """The dict of str of a C dict (None for NULL); the dict is not freed.  A key whose
        value is NULL maps to the empty string."""
        if not address:
            return None
        keys = self.c.dict_list(address)
        try:
            result = {}
            for item in self.list_items(keys):
                key = ctypes.string_at(item)
                value = read_string(self.c.dict_get(address, key))
                result[decode_string(key)] = "" if value is None else value
            return result
        finally:
            self.free_list(keys)

    def new_dict(self, mapping, name):
        """A new C dict owning copies of the keys and values of ``mapping``.

        Keys are unique once encoded (a replaced key would leak); bad input raises before
        anything is allocated, naming ``name``."""
        encoded = _mapping_items(mapping, name)
        address = self.c.dict_create(DICT_ENTRY_FREE_ADDRESS)
        try:
            for key, value in encoded:
                key_copy = strdup(key)
                try:
                    value_copy = strdup(value)
                except BaseException:
                    libc_free(key_copy)
                    raise
                try:
                    self.c.dict_set(address, key_copy, value_copy)
                except BaseException:
                    libc_free(key_copy)
                    libc_free(value_copy)
                    raise
        except BaseException:
            self.free_dict(address)
            raise
        return address
