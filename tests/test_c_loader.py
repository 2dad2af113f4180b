"""Finding the library: each step of the search order, the error when nothing loads, the
logging, and the once-only thread-safe load (the loader's seams replaced with pytest-mock)."""
import logging
import os
import threading

import pytest

import drmaa2._c as c_layer
from drmaa2._c import loader
from drmaa2.exceptions import Drmaa2Exception, LibraryNotFoundError


class Refusal(OSError):
    pass


def fake_loader(mocker, loadable=(), found=None):
    """Replace ctypes.CDLL and find_library: only the names in ``loadable`` load."""
    def load_file(path):
        if path in loadable:
            return "cdll of %s" % path
        raise Refusal("%s: cannot open shared object file: No such file or directory" % path)
    load = mocker.patch.object(loader, "load_file", side_effect=load_file)
    find = mocker.patch.object(loader, "find_library", return_value=found)
    return load, find


def sge_library(tmp_path):
    arch_dir = tmp_path / "sge" / "lib" / loader.grid_engine_archs()[0]
    arch_dir.mkdir(parents=True)
    path = arch_dir / "libdrmaa2.so"
    path.write_text(u"")
    return str(tmp_path / "sge"), str(path)


def test_drmaa2_library_path_comes_first(mocker, tmp_path):
    sge_root, sge_path = sge_library(tmp_path)
    load, find = fake_loader(mocker, loadable=["/opt/vendor/libdrmaa2.so", sge_path])
    loaded = loader.load(environ={"DRMAA2_LIBRARY_PATH": "/opt/vendor/libdrmaa2.so",
                                  "SGE_ROOT": sge_root})
    assert (loaded.path, loaded.found_by) == ("/opt/vendor/libdrmaa2.so", "DRMAA2_LIBRARY_PATH")
    assert loaded.cdll == "cdll of /opt/vendor/libdrmaa2.so"
    load.assert_called_once_with("/opt/vendor/libdrmaa2.so")
    assert not find.called


def test_an_unusable_drmaa2_library_path_is_an_error_never_a_fallback(mocker, tmp_path):
    sge_root, sge_path = sge_library(tmp_path)
    load, find = fake_loader(mocker, loadable=[sge_path, "libdrmaa2.so"])
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={"DRMAA2_LIBRARY_PATH": "/nowhere/libdrmaa2.so",
                             "SGE_ROOT": sge_root})
    message = str(caught.value)
    assert "DRMAA2_LIBRARY_PATH=/nowhere/libdrmaa2.so" in message
    assert "cannot open shared object file" in message
    load.assert_called_once_with("/nowhere/libdrmaa2.so")
    assert not find.called


def test_sge_root_is_searched_in_the_grid_engine_arch_directory(mocker, tmp_path):
    sge_root, sge_path = sge_library(tmp_path)
    load, _ = fake_loader(mocker, loadable=[sge_path, "libdrmaa2.so"])
    loaded = loader.load(environ={"SGE_ROOT": sge_root})
    assert (loaded.path, loaded.found_by) == (sge_path, "SGE_ROOT")
    load.assert_called_once_with(sge_path)


def test_an_sge_root_without_the_library_goes_on_to_find_library(mocker, tmp_path):
    load, find = fake_loader(mocker, loadable=["/usr/lib/libdrmaa2.so.1"],
                             found="/usr/lib/libdrmaa2.so.1")
    loaded = loader.load(environ={"SGE_ROOT": str(tmp_path)})
    assert (loaded.path, loaded.found_by) == ("/usr/lib/libdrmaa2.so.1", "find_library")
    find.assert_called_once_with("drmaa2")


def test_the_system_search_comes_last(mocker):
    load, _ = fake_loader(mocker, loadable=["libdrmaa2.so"], found="/usr/lib/libdrmaa2.so.1")
    loaded = loader.load(environ={})
    assert (loaded.path, loaded.found_by) == ("libdrmaa2.so", "system search")
    assert [call[0][0] for call in load.call_args_list] == ["/usr/lib/libdrmaa2.so.1",
                                                            "libdrmaa2.so"]


def test_nothing_loads_one_error_lists_every_place_and_the_ways_out(mocker, tmp_path):
    fake_loader(mocker, found=None)
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={"SGE_ROOT": str(tmp_path)})
    error = caught.value
    assert isinstance(error, OSError) and isinstance(error, Drmaa2Exception)
    message = str(error)
    for place in ["DRMAA2_LIBRARY_PATH: not set",
                  os.path.join(str(tmp_path), "lib", loader.grid_engine_archs()[0],
                               "libdrmaa2.so") + ": no such file",
                  "find_library('drmaa2'): nothing found",
                  "libdrmaa2.so (system search): libdrmaa2.so: cannot open shared object file",
                  "DRMAA2_LIBRARY_PATH=", "`make`"]:
        assert place in message


def test_without_sge_root_the_message_says_so(mocker):
    fake_loader(mocker)
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(environ={})
    assert "SGE_ROOT not set" in str(caught.value)


def test_every_place_tried_and_the_result_are_logged(mocker, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="drmaa2")
    fake_loader(mocker, loadable=["libdrmaa2.so"], found="/usr/lib/libdrmaa2.so.1")
    loader.load(environ={"SGE_ROOT": str(tmp_path)})
    text = "\n".join(record.getMessage() for record in caplog.records
                     if record.name == "drmaa2")
    assert "DRMAA2_LIBRARY_PATH is not set" in text
    assert os.path.join(str(tmp_path), "lib") in text
    assert "/usr/lib/libdrmaa2.so.1" in text
    assert "loaded the DRMAA2 library libdrmaa2.so (found by system search)" in text


def test_a_refused_candidate_lets_the_search_go_on(mocker):
    fake_loader(mocker, loadable=["/usr/lib/libdrmaa2.so.1", "libdrmaa2.so"],
                found="/usr/lib/libdrmaa2.so.1")

    def accept(loaded):
        if loaded.path != "libdrmaa2.so":
            raise LibraryNotFoundError("it lacks drmaa2_j_get_info")
    assert loader.load(accept=accept, environ={}).path == "libdrmaa2.so"


def test_a_refused_drmaa2_library_path_is_final(mocker):
    fake_loader(mocker, loadable=["/opt/old/libdrmaa2.so", "libdrmaa2.so"])

    def accept(loaded):
        raise LibraryNotFoundError("it lacks drmaa2_j_get_info")
    with pytest.raises(LibraryNotFoundError) as caught:
        loader.load(accept=accept, environ={"DRMAA2_LIBRARY_PATH": "/opt/old/libdrmaa2.so"})
    assert "/opt/old/libdrmaa2.so" in str(caught.value)
    assert "drmaa2_j_get_info" in str(caught.value)


@pytest.mark.parametrize("system,machine,first", [
    ("Linux", "x86_64", "lx-amd64"), ("Linux", "aarch64", "lx-arm64"),
    ("Linux", "ppc64le", "lx-ppc64le"), ("Darwin", "arm64", "darwin-arm64")])
def test_grid_engine_arch_names(system, machine, first):
    assert loader.grid_engine_archs(system, machine)[0] == first


def test_library_loads_once_across_threads(mocker, monkeypatch):
    monkeypatch.setattr(c_layer, "_library", [])
    calls = []
    started = threading.Event()

    class FakeLibrary(object):
        def impl_spec(self, type_name):
            return []

    def slow_load():
        calls.append(1)
        started.wait(1)
        return FakeLibrary()
    mocker.patch.object(c_layer.Library, "load", side_effect=slow_load)
    previous = mocker.patch("drmaa2.types.register_implementation_specific")
    results = []
    threads = [threading.Thread(target=lambda: results.append(c_layer.library()))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(set(id(result) for result in results)) == 1
    # The data types learn implementation-specific names from the backend, not from here
    # (test_backend_interface.py: registered once per backend).
    assert previous.call_count == 0


def test_a_failed_load_is_tried_again(mocker, monkeypatch):
    monkeypatch.setattr(c_layer, "_library", [])
    the_library = mocker.Mock()
    mocker.patch.object(c_layer.Library, "load",
                        side_effect=[LibraryNotFoundError("none"), the_library])
    register = mocker.patch("drmaa2.types.register_implementation_specific")
    with pytest.raises(LibraryNotFoundError):
        c_layer.library()
    assert c_layer.library() is the_library
    register.assert_not_called()  # the backend registers (test_backend_interface.py)
