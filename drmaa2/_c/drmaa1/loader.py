"""Finding and loading a DRMAA version 1 C library (``libdrmaa.so``).

Search order:

1. ``DRMAA_LIBRARY_PATH`` (the variable the popular Python DRMAA v1 binding reads): the
   file it names.  Set but unusable is an error naming the path and the reason; the
   search never falls back from it.
2. ``$SGE_ROOT/lib/<arch>/libdrmaa.so`` for the Grid Engine architecture names of this
   machine (``lx-amd64``, ...).
3. Known system paths: Debian's and Ubuntu's Grid Engine library
   (``/usr/lib/gridengine-drmaa/lib/libdrmaa.so.1.0``), slurm-drmaa's package path,
   ``$LSF_LIBDIR/libdrmaa.so``, ``/usr/local/lib/libdrmaa.so`` (the default prefix of
   slurm-drmaa, pbs-drmaa and lsf-drmaa built from source).
4. The system's search: ``ctypes.util.find_library('drmaa')``, then ``libdrmaa.so`` and
   ``libdrmaa.so.1`` through the dynamic loader's own path.

A library that fails with "cannot allocate memory in static TLS block" (Debian's Grid
Engine library links jemalloc, which cannot be loaded into a running process) is
reported with the fix: start Python with that allocator in ``LD_PRELOAD``.

``logging.getLogger('drmaa2')`` reports each place tried at DEBUG level and what loaded.
"""
import ctypes
import ctypes.util
import logging
import os
import re

from drmaa2._c.loader import Loaded, grid_engine_archs
from drmaa2.exceptions import LibraryNotFoundError

LOG = logging.getLogger("drmaa2")

PATH_VARIABLE = "DRMAA_LIBRARY_PATH"
LIBRARY_FILE = "libdrmaa.so"

FOUND_BY_PATH_VARIABLE = PATH_VARIABLE
FOUND_BY_SGE_ROOT = "SGE_ROOT"
FOUND_BY_KNOWN_PATH = "known path"
FOUND_BY_FIND_LIBRARY = "find_library"
FOUND_BY_SYSTEM = "system search"

#: Where distributions and source builds put DRMAA v1 libraries.
KNOWN_PATHS = (
    "/usr/lib/gridengine-drmaa/lib/libdrmaa.so.1.0",   # Debian/Ubuntu gridengine-drmaa1.0
    "/usr/lib/slurm-drmaa/lib/libdrmaa.so.1",          # Debian/Ubuntu slurm-drmaa1
    "/usr/lib/slurm-drmaa/lib/libdrmaa.so",
    "/usr/local/lib/libdrmaa.so",                      # slurm-, pbs-, lsf-drmaa from source
)

HOW_TO_FIX = ("Set DRMAA_LIBRARY_PATH=/path/to/libdrmaa.so to the DRMAA v1 library of your "
              "cluster (see docs/clusters.md), or DRMAA2_LIBRARY_PATH to a DRMAA2 library.")

_TLS_ERROR = "cannot allocate memory in static TLS block"
_TLS_LIBRARY = re.compile(r"([^\s:]+): " + re.escape(_TLS_ERROR))


def load_file(path):
    """ctypes.CDLL of ``path``; the seam the tests replace."""
    return ctypes.CDLL(path)


def find_library(name):
    """ctypes.util.find_library; the seam the tests replace."""
    return ctypes.util.find_library(name)


def exists(path):
    """os.path.exists; the seam the tests replace."""
    return os.path.exists(path)


def tls_fix(error_text):
    """How to fix a "cannot allocate memory in static TLS block" load error, or None when
    ``error_text`` is another error.

    The library (or one it links, e.g. libjemalloc) needs static thread-local storage,
    which the dynamic loader can only give to libraries loaded when the program starts.
    """
    text = str(error_text)
    if _TLS_ERROR not in text:
        return None
    match = _TLS_LIBRARY.search(text)
    culprit = match.group(1) if match else None
    if culprit:
        return ("the library links %s, which cannot be loaded into a running process "
                "(it needs static TLS). Start Python with it preloaded: "
                "LD_PRELOAD=%s python ... (export LD_PRELOAD before Python starts; "
                "setting it inside Python is too late)" % (culprit, culprit))
    return ("a library it links needs static TLS and cannot be loaded into a running "
            "process. Start Python with that library (see `ldd` of the DRMAA library; "
            "usually the memory allocator, e.g. libjemalloc.so.2) in LD_PRELOAD")


def describe_failure(path, error):
    """The reason ``path`` did not load, with the TLS fix where that was the problem."""
    fix = tls_fix(error)
    return "%s (%s)" % (error, fix) if fix else str(error)


def candidates(environ=None):
    """The places to try after DRMAA_LIBRARY_PATH, in order: (path or name, found_by)."""
    environ = os.environ if environ is None else environ
    places = []
    sge_root = environ.get("SGE_ROOT")
    if sge_root:
        for arch in grid_engine_archs():
            places.append((os.path.join(sge_root, "lib", arch, LIBRARY_FILE),
                           FOUND_BY_SGE_ROOT))
    known = list(KNOWN_PATHS)
    lsf_libdir = environ.get("LSF_LIBDIR")
    if lsf_libdir:
        known.insert(0, os.path.join(lsf_libdir, LIBRARY_FILE))
    places.extend((path, FOUND_BY_KNOWN_PATH) for path in known)
    found = find_library("drmaa")
    if found:
        places.append((found, FOUND_BY_FIND_LIBRARY))
    places.append((LIBRARY_FILE, FOUND_BY_SYSTEM))
    places.append((LIBRARY_FILE + ".1", FOUND_BY_SYSTEM))
    return places


def _accepted(loaded, accept):
    if accept is not None:
        accept(loaded)
    return loaded


def load(accept=None, environ=None):
    """Find and load a DRMAA v1 library; returns a ``drmaa2._c.loader.Loaded``.

    ``accept(loaded)`` may inspect a loaded candidate and raise LibraryNotFoundError to
    refuse it (a mandatory function is missing): the search then goes on, except for
    DRMAA_LIBRARY_PATH, whose refusal is final.  When nothing loads, one
    LibraryNotFoundError lists every place tried with its reason and the ways out.
    """
    environ = os.environ if environ is None else environ
    explicit = environ.get(PATH_VARIABLE)
    if explicit:
        LOG.debug("loading the DRMAA v1 library from %s=%s", PATH_VARIABLE, explicit)
        try:
            cdll = load_file(explicit)
        except OSError as error:
            raise LibraryNotFoundError("%s=%s cannot be loaded: %s. %s" % (
                PATH_VARIABLE, explicit, describe_failure(explicit, error), HOW_TO_FIX))
        try:
            loaded = _accepted(Loaded(cdll, explicit, FOUND_BY_PATH_VARIABLE), accept)
        except LibraryNotFoundError as error:
            raise LibraryNotFoundError("%s=%s: %s" % (PATH_VARIABLE, explicit, error))
        LOG.debug("loaded the DRMAA v1 library %s (found by %s)", explicit, PATH_VARIABLE)
        return loaded
    tried = ["%s: not set" % PATH_VARIABLE]
    if not environ.get("SGE_ROOT"):
        tried.append("$SGE_ROOT/lib/<arch>/%s: SGE_ROOT not set" % LIBRARY_FILE)
    places = candidates(environ)
    find_library_found = any(found_by == FOUND_BY_FIND_LIBRARY for _, found_by in places)
    fixes = []
    for place, found_by in places:
        if found_by == FOUND_BY_SYSTEM and not find_library_found:
            find_library_found = True  # report it once, where the system search starts
            tried.append("find_library('drmaa'): nothing found")
        if found_by in (FOUND_BY_SGE_ROOT, FOUND_BY_KNOWN_PATH) and not exists(place):
            LOG.debug("tried %s: no such file", place)
            tried.append("%s: no such file" % place)
            continue
        try:
            cdll = load_file(place)
        except OSError as error:
            reason = describe_failure(place, error)
            LOG.debug("tried %s (%s): %s", place, found_by, reason)
            tried.append("%s (%s): %s" % (place, found_by, reason))
            if tls_fix(error):
                fixes.append("%s is there but cannot be loaded: %s." % (place, tls_fix(error)))
            continue
        try:
            loaded = _accepted(Loaded(cdll, place, found_by), accept)
        except LibraryNotFoundError as error:
            LOG.debug("refused %s (%s): %s", place, found_by, error)
            tried.append("%s (%s): refused: %s" % (place, found_by, error))
            continue
        LOG.debug("loaded the DRMAA v1 library %s (found by %s)", place, found_by)
        return loaded
    raise LibraryNotFoundError("No DRMAA v1 library could be loaded. Tried:\n  - %s\n%s"
                               % ("\n  - ".join(tried), "\n".join(fixes + [HOW_TO_FIX])))


__all__ = ["load", "candidates", "tls_fix", "describe_failure", "PATH_VARIABLE",
           "LIBRARY_FILE", "KNOWN_PATHS", "HOW_TO_FIX"]
