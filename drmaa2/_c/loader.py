"""Finding and loading the DRMAA2 C library.

Search order:

1. ``DRMAA2_LIBRARY_PATH``: the file it names.  Set but unusable is an error naming
   the path and the loader's reason; the search never falls back from it.
2. ``$SGE_ROOT/lib/<arch>/libdrmaa2.so`` for the Grid Engine architecture names of this
   machine (``lx-amd64``, ``lx-arm64``, ...).
3. The system's search: ``ctypes.util.find_library('drmaa2')``, then ``libdrmaa2.so``
   through the dynamic loader's own path (``LD_LIBRARY_PATH``, ``ld.so.cache``).

``logging.getLogger('drmaa2')`` reports each place tried at DEBUG level and what loaded.
"""
import ctypes
import ctypes.util
import logging
import os
import platform

from drmaa2.exceptions import LibraryNotFoundError

LOG = logging.getLogger("drmaa2")

PATH_VARIABLE = "DRMAA2_LIBRARY_PATH"
LIBRARY_FILE = "libdrmaa2.so"

FOUND_BY_SGE_ROOT = "SGE_ROOT"
FOUND_BY_KNOWN_PATH = "known path"
FOUND_BY_FIND_LIBRARY = "find_library"
FOUND_BY_SYSTEM = "system search"

HOW_TO_FIX = ("Set DRMAA2_LIBRARY_PATH=/path/to/libdrmaa2.so to the DRMAA2 library of "
              "your cluster, or run `make` in the drmaa2 source tree to build the local stub "
              "library (build/libdrmaa2.so) and point DRMAA2_LIBRARY_PATH at it.")

# Python's machine names -> Grid Engine's architecture suffixes.
_GE_CPUS = {
    "x86_64": ["amd64"], "amd64": ["amd64"], "aarch64": ["arm64"], "arm64": ["arm64"],
    "i386": ["x86"], "i686": ["x86"], "ppc64le": ["ppc64le"], "ppc64": ["ppc64"],
    "s390x": ["s390x"], "riscv64": ["riscv64"], "armv7l": ["arm"],
}
_GE_SYSTEMS = {
    "linux": ["lx", "ulx", "lx26"], "darwin": ["darwin"], "freebsd": ["fbsd"],
    "sunos": ["sol"],
}


def grid_engine_archs(system=None, machine=None):
    """The Grid Engine architecture directory names for this (or the given) system and
    machine, most likely first: e.g. ``['lx-amd64', 'ulx-amd64', 'lx26-amd64']``."""
    system = (system or platform.system()).lower()
    machine = (machine or platform.machine()).lower()
    return ["%s-%s" % (prefix, cpu)
            for prefix in _GE_SYSTEMS.get(system, [system])
            for cpu in _GE_CPUS.get(machine, [machine])]


class Loaded(object):
    """A loaded library: the ctypes handle, its path (or name) and which step found it."""

    def __init__(self, cdll, path, found_by):
        self.cdll = cdll
        self.path = path
        self.found_by = found_by


def load_file(path):
    """ctypes.CDLL of ``path``; the seam the tests replace."""
    return ctypes.CDLL(path)


def find_library(name):
    """ctypes.util.find_library; the seam the tests replace."""
    return ctypes.util.find_library(name)


def places(environ, library_file, archs, found, known_paths=(), system_names=None):
    """The places every loader tries after its path variable, in order, as (path or
    name, found_by) pairs: ``$SGE_ROOT/lib/<arch>/<library_file>`` for each of the
    Grid Engine architecture names ``archs``, ``known_paths``, ``found`` (what
    find_library answered, or None), then ``system_names`` (default: ``library_file``)
    through the dynamic loader's own search."""
    result = []
    sge_root = environ.get("SGE_ROOT")
    if sge_root:
        result.extend((os.path.join(sge_root, "lib", arch, library_file), FOUND_BY_SGE_ROOT)
                      for arch in archs)
    result.extend((path, FOUND_BY_KNOWN_PATH) for path in known_paths)
    if found:
        result.append((found, FOUND_BY_FIND_LIBRARY))
    result.extend((name, FOUND_BY_SYSTEM) for name in (system_names or (library_file,)))
    return result


def candidates(environ=None):
    """The places to try after DRMAA2_LIBRARY_PATH, in order: (path or name, found_by)."""
    environ = os.environ if environ is None else environ
    return places(environ, LIBRARY_FILE, grid_engine_archs(), find_library("drmaa2"))


def load(accept=None, environ=None):
    """Find and load the DRMAA2 library; returns a Loaded.

    ``accept(loaded)`` may inspect a loaded candidate and raise LibraryNotFoundError to
    refuse it (e.g. a mandatory function is missing): the search then goes on, except for
    DRMAA2_LIBRARY_PATH, whose refusal is final.  When nothing loads, one
    LibraryNotFoundError lists every place tried with its reason and the ways out.
    """
    environ = os.environ if environ is None else environ
    return search("DRMAA2", PATH_VARIABLE, LIBRARY_FILE, "drmaa2",
                  lambda: candidates(environ), HOW_TO_FIX, accept, environ,
                  load_file=load_file, exists=os.path.exists)


def search(kind, path_variable, library_file, short_name, places, how_to_fix, accept,
           environ, load_file, exists, explain=None):
    """The search of one kind of library (``kind``: "DRMAA2", "DRMAA v1"), shared by the
    loaders: the file named by ``path_variable`` when set (its failure is final), else
    each of ``places()`` ((path or name, found_by) pairs; the files of the steps before
    find_library are checked to exist first) in turn.  ``short_name`` is what find_library was asked for; ``explain(error)``
    may give the fix of a load error (or None), shown with it and again at the end.
    Returns a Loaded, or raises one LibraryNotFoundError naming every place tried.
    """
    def reason(error):
        fix = explain(error) if explain else None
        return "%s (%s)" % (error, fix) if fix else str(error)

    def accepted(loaded):
        if accept is not None:
            accept(loaded)
        LOG.debug("loaded the %s library %s (found by %s)", kind, loaded.path, loaded.found_by)
        return loaded

    explicit = environ.get(path_variable)
    if explicit:
        LOG.debug("loading the %s library from %s=%s", kind, path_variable, explicit)
        try:
            cdll = load_file(explicit)
        except OSError as error:
            raise LibraryNotFoundError("%s=%s cannot be loaded: %s. %s" % (
                path_variable, explicit, reason(error), how_to_fix))
        try:
            return accepted(Loaded(cdll, explicit, path_variable))
        except LibraryNotFoundError as error:
            raise LibraryNotFoundError("%s=%s: %s" % (path_variable, explicit, error))
    tried = ["%s: not set" % path_variable]
    if not environ.get("SGE_ROOT"):
        tried.append("$SGE_ROOT/lib/<arch>/%s: SGE_ROOT not set" % library_file)
    LOG.debug("%s is not set; searching", path_variable)
    candidates_found = places()
    find_library_reported = any(found_by == FOUND_BY_FIND_LIBRARY
                                for _, found_by in candidates_found)
    fixes = []
    for place, found_by in candidates_found:
        if found_by == FOUND_BY_SYSTEM and not find_library_reported:
            find_library_reported = True  # said once, where the system search starts
            LOG.debug("tried find_library(%r): nothing found", short_name)
            tried.append("find_library('%s'): nothing found" % short_name)
        if found_by not in (FOUND_BY_FIND_LIBRARY, FOUND_BY_SYSTEM) and not exists(place):
            LOG.debug("tried %s: no such file", place)
            tried.append("%s: no such file" % place)
            continue
        try:
            cdll = load_file(place)
        except OSError as error:
            LOG.debug("tried %s (%s): %s", place, found_by, reason(error))
            tried.append("%s (%s): %s" % (place, found_by, reason(error)))
            fix = explain(error) if explain else None
            if fix:
                fixes.append("%s is there but cannot be loaded: %s." % (place, fix))
            continue
        try:
            return accepted(Loaded(cdll, place, found_by))
        except LibraryNotFoundError as error:
            LOG.debug("refused %s (%s): %s", place, found_by, error)
            tried.append("%s (%s): refused: %s" % (place, found_by, error))
    raise LibraryNotFoundError("No %s library could be loaded. Tried:\n  - %s\n%s"
                               % (kind, "\n  - ".join(tried), "\n".join(fixes + [how_to_fix])))


__all__ = ["load", "search", "places", "candidates", "grid_engine_archs", "Loaded", "PATH_VARIABLE",
           "LIBRARY_FILE", "HOW_TO_FIX"]
