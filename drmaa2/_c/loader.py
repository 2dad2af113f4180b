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

FOUND_BY_PATH_VARIABLE = PATH_VARIABLE
FOUND_BY_SGE_ROOT = "SGE_ROOT"
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


def candidates(environ=None):
    """The places to try after DRMAA2_LIBRARY_PATH, in order: (path or name, found_by)."""
    environ = os.environ if environ is None else environ
    places = []
    sge_root = environ.get("SGE_ROOT")
    if sge_root:
        for arch in grid_engine_archs():
            places.append((os.path.join(sge_root, "lib", arch, LIBRARY_FILE), FOUND_BY_SGE_ROOT))
    found = find_library("drmaa2")
    if found:
        places.append((found, FOUND_BY_FIND_LIBRARY))
    places.append((LIBRARY_FILE, FOUND_BY_SYSTEM))
    return places


def load(accept=None, environ=None):
    """Find and load the library; returns a Loaded.

    ``accept(loaded)`` may inspect a loaded candidate and raise LibraryNotFoundError to
    refuse it (e.g. a mandatory function is missing): the search then goes on, except for
    DRMAA2_LIBRARY_PATH, whose refusal is final.  When nothing loads, one
    LibraryNotFoundError lists every place tried with its reason and the ways out.
    """
    environ = os.environ if environ is None else environ
    explicit = environ.get(PATH_VARIABLE)
    if explicit:
        LOG.debug("loading the DRMAA2 library from %s=%s", PATH_VARIABLE, explicit)
        try:
            cdll = load_file(explicit)
        except OSError as error:
            raise LibraryNotFoundError(
                "%s=%s cannot be loaded: %s. %s" % (PATH_VARIABLE, explicit, error, HOW_TO_FIX))
        loaded = Loaded(cdll, explicit, FOUND_BY_PATH_VARIABLE)
        if accept is not None:
            try:
                accept(loaded)
            except LibraryNotFoundError as error:
                raise LibraryNotFoundError("%s=%s: %s" % (PATH_VARIABLE, explicit, error))
        LOG.debug("loaded the DRMAA2 library %s (found by %s)", explicit, PATH_VARIABLE)
        return loaded
    tried = ["%s: not set" % PATH_VARIABLE]
    if not environ.get("SGE_ROOT"):
        tried.append("$SGE_ROOT/lib/<arch>/%s: SGE_ROOT not set" % LIBRARY_FILE)
    LOG.debug("%s is not set; searching", PATH_VARIABLE)
    places = candidates(environ)
    find_library_found = any(found_by == FOUND_BY_FIND_LIBRARY for _, found_by in places)
    for place, found_by in places:
        if found_by == FOUND_BY_SYSTEM and not find_library_found:
            LOG.debug("tried find_library('drmaa2'): nothing found")
            tried.append("find_library('drmaa2'): nothing found")
        if found_by == FOUND_BY_SGE_ROOT and not os.path.exists(place):
            LOG.debug("tried %s: no such file", place)
            tried.append("%s: no such file" % place)
            continue
        try:
            cdll = load_file(place)
        except OSError as error:
            LOG.debug("tried %s (%s): %s", place, found_by, error)
            tried.append("%s (%s): %s" % (place, found_by, error))
            continue
        loaded = Loaded(cdll, place, found_by)
        if accept is not None:
            try:
                accept(loaded)
            except LibraryNotFoundError as error:
                LOG.debug("refused %s (%s): %s", place, found_by, error)
                tried.append("%s (%s): refused: %s" % (place, found_by, error))
                continue
        LOG.debug("loaded the DRMAA2 library %s (found by %s)", place, found_by)
        return loaded
    raise LibraryNotFoundError(
        "No DRMAA2 library could be loaded. Tried:\n  - %s\n%s"
        % ("\n  - ".join(tried), HOW_TO_FIX))


__all__ = ["load", "candidates", "grid_engine_archs", "Loaded", "PATH_VARIABLE",
           "LIBRARY_FILE", "HOW_TO_FIX"]
