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

from drmaa2._c.loader import grid_engine_archs, places, search

LOG = logging.getLogger("drmaa2")

PATH_VARIABLE = "DRMAA_LIBRARY_PATH"
LIBRARY_FILE = "libdrmaa.so"

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


def candidates(environ=None):
    """The places to try after DRMAA_LIBRARY_PATH, in order: (path or name, found_by)."""
    environ = os.environ if environ is None else environ
    known = list(KNOWN_PATHS)
    lsf_libdir = environ.get("LSF_LIBDIR")
    if lsf_libdir:
        known.insert(0, os.path.join(lsf_libdir, LIBRARY_FILE))
    return places(environ, LIBRARY_FILE, grid_engine_archs(), find_library("drmaa"), known,
                  (LIBRARY_FILE, LIBRARY_FILE + ".1"))


def load(accept=None, environ=None):
    """Find and load a DRMAA v1 library; returns a ``drmaa2._c.loader.Loaded``.

    ``accept(loaded)`` may inspect a loaded candidate and raise LibraryNotFoundError to
    refuse it (a mandatory function is missing): the search then goes on, except for
    DRMAA_LIBRARY_PATH, whose refusal is final.  When nothing loads, one
    LibraryNotFoundError lists every place tried with its reason and the ways out.
    """
    environ = os.environ if environ is None else environ
    return search("DRMAA v1", PATH_VARIABLE, LIBRARY_FILE, "drmaa",
                  lambda: candidates(environ), HOW_TO_FIX, accept, environ,
                  load_file=load_file, exists=exists, explain=tls_fix)


__all__ = ["load", "candidates", "tls_fix", "PATH_VARIABLE",
           "LIBRARY_FILE", "KNOWN_PATHS", "HOW_TO_FIX"]
