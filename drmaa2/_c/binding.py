"""Binding a table of C function prototypes to a loaded library: the mechanism the DRMAA2
table (``prototypes``) and the DRMAA v1 table (``drmaa1.prototypes``) share.

A table is a list of :class:`Function` entries, each the facts of one C function: its
name without the library's prefix, result and argument types, how failure shows
(``check``), whether every library must have it, and the other names vendors gave it.
:class:`Prototypes` resolves such a table in a ``ctypes.CDLL`` and returns a
:class:`CFunctions`; the table's own module says how failure is checked.
"""
import collections

from drmaa2.exceptions import LibraryNotFoundError, UnsupportedOperationException

Function = collections.namedtuple(
    "Function", "name restype argtypes check mandatory aliases")


class CFunctions(object):
    """The bound C functions of one library, as attributes named without the prefix
    (``functions.j_get_id``).  ``symbols`` maps each table name to the C symbol that was
    bound (an alias when the library uses the other name); ``missing`` lists the optional
    functions the library lacks; calling one of those raises
    UnsupportedOperationException."""

    def __init__(self):
        self.symbols = {}
        self.missing = []

    def has(self, name):
        """Whether the library provides the function ``name`` (without prefix)."""
        return name in self.symbols


def lookup(cdll, symbol):
    """The function ``symbol`` of ``cdll``, or None when the library lacks it."""
    try:
        return cdll[symbol]
    except (AttributeError, KeyError):
        return None


class Prototypes(object):
    """One table of prototypes: ``prefix`` is the C names' prefix ("drmaa2_"), ``kind``
    the kind of library in messages ("DRMAA2"), ``table`` the Function entries and
    ``errcheck(entry, context)`` the ctypes ``errcheck`` of an entry (or None for none),
    ``context`` being what :meth:`bind` was given."""

    def __init__(self, prefix, kind, table, errcheck):
        self.prefix = prefix
        self.kind = kind
        self.table = table
        self.by_name = collections.OrderedDict((entry.name, entry) for entry in table)
        self._errcheck = errcheck

    def _resolve(self, cdll, entry):
        for candidate in (entry.name,) + entry.aliases:
            cfunc = lookup(cdll, self.prefix + candidate)
            if cfunc is not None:
                return candidate, cfunc
        return None, None

    def missing_mandatory(self, cdll):
        """The C names of the mandatory functions ``cdll`` lacks (under all their names)."""
        return [self.prefix + entry.name for entry in self.table
                if entry.mandatory and self._resolve(cdll, entry)[1] is None]

    def refuse_incomplete(self, loaded):
        """Raise LibraryNotFoundError naming every mandatory function the library
        ``loaded`` (a ``loader.Loaded``) lacks: the loaders' ``accept``."""
        missing = self.missing_mandatory(loaded.cdll)
        if missing:
            raise LibraryNotFoundError("%s is not a usable %s library: it lacks %s"
                                       % (loaded.path, self.kind, ", ".join(missing)))

    def _unsupported(self, name):
        message = "the %s library does not provide %s%s" % (self.kind, self.prefix, name)

        def call(*args):
            raise UnsupportedOperationException(message)
        call.__name__ = str(name)
        return call

    def bind(self, cdll, context=None, path=None):
        """Resolve every function of the table in ``cdll`` (loaded from ``path``);
        returns a CFunctions.  A mandatory function that ``cdll`` lacks under all its
        names refuses the library with LibraryNotFoundError naming every missing one."""
        missing = self.missing_mandatory(cdll)
        if missing:
            raise LibraryNotFoundError("%s is not a usable %s library: it lacks %s" % (
                path or "the %s library" % self.kind, self.kind, ", ".join(missing)))
        functions = CFunctions()
        for entry in self.table:
            symbol, cfunc = self._resolve(cdll, entry)
            if cfunc is None:
                functions.missing.append(self.prefix + entry.name)
                setattr(functions, entry.name, self._unsupported(entry.name))
                continue
            cfunc.restype = entry.restype
            cfunc.argtypes = entry.argtypes
            errcheck = self._errcheck(entry, context)
            if errcheck is not None:
                cfunc.errcheck = errcheck
            functions.symbols[entry.name] = self.prefix + symbol
            setattr(functions, entry.name, cfunc)
        return functions


__all__ = ["Function", "CFunctions", "Prototypes", "lookup"]
