"""The DRMAA v1 library search (drmaa2._c.drmaa1.loader) with fake loading: every step of
the order, no fallback from DRMAA_LIBRARY_PATH, the static TLS failure and its fix, the
refusal of a library lacking mandatory functions, and the backend choice."""
import pytest

import drmaa2.backend
from drmaa2._c.drmaa1 import loader, prototypes
from drmaa2._c.drmaa1.library import Drmaa1Library
from drmaa2.exceptions import InvalidArgumentException, LibraryNotFoundError

TLS_ERROR = ("/lib/x86_64-linux-gnu/libjemalloc.so.2: cannot allocate memory in static "
             "TLS block")


class FakeLoading(object):
    """Replaces the loader's seams: which files exist, which load, what find_library
    says; records what was tried."""

    def __init__(self, monkeypatch, existing=(), loadable=(), failures=None, found=None):
        self.existing = set(existing)
        self.loadable = set(loadable)
        self.failures = failures or {}
        self.found = found
        self.tried = []
        monkeypatch.setattr(loader, "exists", lambda path: path in self.existing)
        monkeypatch.setattr(loader, "find_library", lambda name: self.found)
        monkeypatch.setattr(loader, "load_file", self.load_file)

    def load_file(self, path):
        self.tried.append(path)
        if path in self.failures:
            raise OSError(self.failures[path])
        if path in self.loadable:
            return "cdll of " + path
        raise OSError("%s: cannot open shared object file: No such file or directory" % path)


def test_drmaa_library_path_is_loaded_first(monkeypatch):
    fake = FakeLoading(monkeypatch, loadable=["/opt/drmaa/libdrmaa.so"],
                       existing=list(loader.KNOWN_PATHS))
    loaded = loader.load(environ={"DRMAA_LIBRARY_PATH": "/opt/drmaa/libdrmaa.so"})
    assert loaded.path == "/opt/drmaa/libdrmaa.so"
    assert loaded.found_by == "DRMAA_LIBRARY_PATH"
    assert fake.tried == ["/opt/drmaa/libdrmaa.so"]


def test_an_unusable_drmaa_library_path_is_an_error_without_fallback(monkeypatch):
    known = loader.KNOWN_PATHS[0]
    fake = FakeLoading(monkeypatch, loadable=[known], existing=[known])
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={"DRMAA_LIBRARY_PATH": "/nowhere/libdrmaa.so"})
    assert "DRMAA_LIBRARY_PATH=/nowhere/libdrmaa.so" in str(caught.value)
    assert fake.tried == ["/nowhere/libdrmaa.so"]


def test_sge_root_comes_before_the_known_paths(monkeypatch):
    in_sge_root = "/sge/lib/lx-amd64/libdrmaa.so"
    known = loader.KNOWN_PATHS[0]
    monkeypatch.setattr(loader, "grid_engine_archs", lambda: ["lx-amd64"])
    FakeLoading(monkeypatch, loadable=[in_sge_root, known], existing=[in_sge_root, known])
    loaded = loader.load(environ={"SGE_ROOT": "/sge"})
    assert (loaded.path, loaded.found_by) == (in_sge_root, "SGE_ROOT")


def test_known_paths_come_before_the_system_search(monkeypatch):
    known = loader.KNOWN_PATHS[1]
    fake = FakeLoading(monkeypatch, loadable=[known, "libdrmaa.so"], existing=[known],
                       found="libdrmaa.so.1")
    loaded = loader.load(environ={})
    assert (loaded.path, loaded.found_by) == (known, "known path")
    assert fake.tried == [known]


def test_lsf_libdir_is_a_known_place(monkeypatch):
    FakeLoading(monkeypatch, loadable=["/lsf/lib/libdrmaa.so"],
                existing=["/lsf/lib/libdrmaa.so"])
    loaded = loader.load(environ={"LSF_LIBDIR": "/lsf/lib"})
    assert loaded.path == "/lsf/lib/libdrmaa.so"


def test_the_system_search_comes_last(monkeypatch):
    fake = FakeLoading(monkeypatch, loadable=["libdrmaa.so.1"], found="libdrmaa.so.1")
    loaded = loader.load(environ={})
    assert (loaded.path, loaded.found_by) == ("libdrmaa.so.1", "find_library")
    assert fake.tried == ["libdrmaa.so.1"]


def test_nothing_found_lists_every_place_and_the_way_out(monkeypatch):
    FakeLoading(monkeypatch)
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={})
    message = str(caught.value)
    assert "DRMAA_LIBRARY_PATH: not set" in message
    assert "SGE_ROOT not set" in message
    for path in loader.KNOWN_PATHS:
        assert path + ": no such file" in message
    assert "find_library('drmaa'): nothing found" in message
    assert "Set DRMAA_LIBRARY_PATH" in message


def test_the_static_tls_failure_tells_which_allocator_to_preload(monkeypatch):
    known = loader.KNOWN_PATHS[0]
    FakeLoading(monkeypatch, existing=[known], failures={known: TLS_ERROR})
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={})
    message = str(caught.value)
    assert "LD_PRELOAD=/lib/x86_64-linux-gnu/libjemalloc.so.2" in message
    fix = message.index(known + " is there but cannot be loaded")
    assert message.index("Tried:") < fix < message.index(loader.HOW_TO_FIX)


def test_the_static_tls_failure_of_drmaa_library_path_tells_the_fix(monkeypatch):
    FakeLoading(monkeypatch, failures={"/x/libdrmaa.so": TLS_ERROR})
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={"DRMAA_LIBRARY_PATH": "/x/libdrmaa.so"})
    message = str(caught.value)
    assert "static TLS" in message
    assert "LD_PRELOAD=/lib/x86_64-linux-gnu/libjemalloc.so.2 python" in message


def test_tls_fix_recognises_only_the_tls_failure():
    assert loader.tls_fix("libfoo.so: cannot open shared object file") is None
    assert "LD_PRELOAD" in loader.tls_fix("dlopen: cannot allocate memory in static TLS block")
    assert "/usr/lib/libtcmalloc.so.4" in loader.tls_fix(
        "/usr/lib/libtcmalloc.so.4: cannot allocate memory in static TLS block")


def test_a_refused_candidate_lets_the_search_go_on(monkeypatch):
    first, second = loader.KNOWN_PATHS[0], loader.KNOWN_PATHS[1]
    FakeLoading(monkeypatch, loadable=[first, second], existing=[first, second])

    def accept(loaded):
        if loaded.path == first:
            raise LibraryNotFoundError("lacks drmaa_wait")
    loaded = loader.load(accept=accept, environ={})
    assert loaded.path == second


class _IncompleteLibrary(object):
    """A 'CDLL' with every DRMAA v1 function except drmaa_wait and drmaa_job_ps."""

    def __getitem__(self, symbol):
        if symbol in ("drmaa_wait", "drmaa_job_ps") or not symbol.startswith("drmaa_"):
            raise AttributeError(symbol)
        return object()


def test_a_library_lacking_mandatory_functions_is_refused_naming_them(monkeypatch):
    monkeypatch.setattr(loader, "load_file", lambda path: _IncompleteLibrary())
    with pytest.raises(LibraryNotFoundError) as caught:
        Drmaa1Library.load(environ={"DRMAA_LIBRARY_PATH": "/x/libdrmaa.so"})
    message = str(caught.value)
    assert "drmaa_wait" in message and "drmaa_job_ps" in message
    assert prototypes.missing_mandatory(_IncompleteLibrary()) == ["drmaa_wait", "drmaa_job_ps"]


def test_drmaa2_backend_names_the_known_backends_when_it_is_misspelt(monkeypatch):
    monkeypatch.setenv("DRMAA2_BACKEND", "drmaa3")
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    with pytest.raises(InvalidArgumentException) as caught:
        drmaa2.backend.current()
    assert "drmaa1" in str(caught.value) and "libdrmaa2" in str(caught.value)


def test_without_a_drmaa2_library_the_default_falls_back_to_drmaa1(monkeypatch):
    made = []

    def fake_create(name):
        made.append(name)
        if name == "libdrmaa2":
            raise LibraryNotFoundError("no DRMAA2 library")
        return "the drmaa1 backend"
    monkeypatch.setattr(drmaa2.backend, "_create", fake_create)
    monkeypatch.delenv("DRMAA2_LIBRARY_PATH", raising=False)
    assert drmaa2.backend._create_default() == "the drmaa1 backend"
    assert made == ["libdrmaa2", "drmaa1"]


def test_an_explicit_drmaa2_library_path_never_falls_back_to_drmaa1(monkeypatch):
    made = []

    def fake_create(name):
        made.append(name)
        raise LibraryNotFoundError("DRMAA2_LIBRARY_PATH=/x cannot be loaded")
    monkeypatch.setattr(drmaa2.backend, "_create", fake_create)
    monkeypatch.setenv("DRMAA2_LIBRARY_PATH", "/x")
    with pytest.raises(LibraryNotFoundError):
        drmaa2.backend._create_default()
    assert made == ["libdrmaa2"]


def test_when_neither_library_loads_both_searches_are_reported(monkeypatch):
    def fake_create(name):
        raise LibraryNotFoundError("no library for %s" % name)
    monkeypatch.setattr(drmaa2.backend, "_create", fake_create)
    monkeypatch.delenv("DRMAA2_LIBRARY_PATH", raising=False)
    with pytest.raises(LibraryNotFoundError) as caught:
        drmaa2.backend._create_default()
    assert "no library for libdrmaa2" in str(caught.value)
    assert "no library for drmaa1" in str(caught.value)
