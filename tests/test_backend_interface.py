"""Every backend is held to the one interface of drmaa2.backend.base: no public name the
interface lacks, none of its required operations missing, one name per operation from
the public API down to the C layer.  Checked on the backends' classes (no library needs
to be loaded), and the checker itself on classes made wrong on purpose."""
import threading

import pytest

import drmaa2
import drmaa2.backend
from drmaa2 import types
from drmaa2._c.library import Library
from drmaa2.backend import base
from drmaa2.backend.drmaa1 import Drmaa1Backend
from drmaa2.backend.libdrmaa2 import LIBRARY_OPERATIONS, Libdrmaa2Backend
from drmaa2.cli import info
from drmaa2.exceptions import LibraryNotFoundError, UnsupportedOperationException

#: Each backend class and the operations its objects take from elsewhere (the libdrmaa2
#: backend binds the Library's own methods on each object).
BACKEND_CLASSES = [(Libdrmaa2Backend, LIBRARY_OPERATIONS), (Drmaa1Backend, ())]

#: The interface's facts about the library in use, which the C layer holds as attributes
#: (or not at all), and the operations without a C function.
NOT_LIBRARY_METHODS = set(["name", "library_path", "found_by", "profile",
                           "profile_description", "quirks", "shutdown",
                           "jsession_watch_terminated"])  # a Watch, no C function


def _defining_class(cls, name):
    return next(klass for klass in cls.__mro__ if name in vars(klass))


def conformance_problems(cls, bound=()):
    """What keeps backend class ``cls`` from conforming: public names the interface lacks,
    required operations it does not implement, bound names it also writes."""
    interface = base.operations()
    public = set(name for name in dir(cls) if not name.startswith("_")) | set(bound)
    implemented = set(bound) | set(
        name for name in public - set(bound)
        if _defining_class(cls, name) is not base.Backend)
    problems = ["%s is not an operation of the interface" % name
                for name in sorted(public - set(interface))]
    problems += ["%s is not implemented" % name
                 for name in sorted(base.abstract_operations() - implemented)]
    problems += ["%s is bound and written too" % name
                 for name in sorted(set(bound) & set(vars(cls)))]
    return problems


@pytest.mark.parametrize("cls, bound", BACKEND_CLASSES,
                         ids=[cls.__name__ for cls, _ in BACKEND_CLASSES])
def test_every_backend_offers_exactly_the_interface(cls, bound):
    assert issubclass(cls, base.Backend)
    assert conformance_problems(cls, bound) == []


def _complete_backend(**members):
    """A backend class that implements every required operation, plus ``members``."""
    namespace = dict((name, lambda self, *args: None)
                     for name in base.abstract_operations() if name != "name")
    namespace["name"] = "complete"
    namespace.update(members)
    return type("CompleteBackend", (base.Backend,), namespace)


def test_the_check_finds_a_public_method_the_interface_lacks():
    assert conformance_problems(_complete_backend()) == []
    extra = _complete_backend(session_jobs=lambda self, session, job_filter: [])
    assert conformance_problems(extra) == ["session_jobs is not an operation of the interface"]
    assert conformance_problems(_complete_backend(), bound=["found_by_path"]) == [
        "found_by_path is not an operation of the interface"]


def test_the_check_finds_a_required_operation_missing():
    lacking = _complete_backend()
    del lacking.j_get_state
    del lacking.quirks
    assert conformance_problems(lacking) == ["j_get_state is not implemented",
                                             "quirks is not implemented"]
    assert conformance_problems(lacking, bound=["j_get_state", "quirks"]) == []


def test_the_check_finds_an_operation_both_bound_and_written():
    assert conformance_problems(_complete_backend(), bound=["j_get_state"]) == [
        "j_get_state is bound and written too"]


def test_every_operation_has_a_docstring_and_a_known_family():
    for name, family in base.operations().items():
        if name == "name":
            continue
        member = vars(base.Backend)[name]
        member = member.fget if isinstance(member, property) else member
        assert member.__doc__ and member.__doc__.strip(), name
        assert family == base.REQUIRED or family in base.OPTIONAL_FAMILIES, name


def test_one_name_per_operation_down_to_the_c_layer():
    """Every operation with a C function is named as the Library method that calls it."""
    for name in set(base.operations()) - NOT_LIBRARY_METHODS:
        assert callable(getattr(Library, name, None)), name
    for name in LIBRARY_OPERATIONS:
        assert name in base.operations(), name


def test_the_libdrmaa2_backend_hands_out_the_librarys_own_methods():
    """A bound operation adds no Python call: it is the Library's bound method itself."""
    class FakeLibrary(object):
        path = "/fake/libdrmaa2.so"

    for name in LIBRARY_OPERATIONS:
        setattr(FakeLibrary, name, lambda self, *args: args)
    library = FakeLibrary()
    backend = Libdrmaa2Backend(library)
    for name in LIBRARY_OPERATIONS:
        method = getattr(backend, name)
        assert method.__self__ is library and method.__name__ == "<lambda>", name
    assert backend.j_get_state("job") == ("job",)


def test_an_optional_operation_is_unsupported_by_default_naming_backend_and_operation():
    backend = _complete_backend(library_path="/x/libfake.so")()
    for call, operation in ((lambda: backend.open_msession(None), "open_msession"),
                            (lambda: backend.create_rsession("r", None), "create_rsession"),
                            (lambda: backend.register_event_notification(None),
                             "register_event_notification"),
                            (lambda: backend.impl_spec("jtemplate"), "impl_spec")):
        with pytest.raises(UnsupportedOperationException) as caught:
            call()
        message = str(caught.value)
        assert message.startswith(operation + ": this backend offers no "), message
        assert "the complete backend is in use, on /x/libfake.so" in message


def test_a_required_operation_left_out_says_which():
    lacking = _complete_backend()
    del lacking.j_get_state
    with pytest.raises(NotImplementedError) as caught:
        lacking().j_get_state("job")
    assert str(caught.value) == "the complete backend does not implement j_get_state"


def test_the_drmaa1_backend_says_drmaa1_cannot_do_the_optional_families():
    backend = Drmaa1Backend(type("Library", (), {"path": "/fake/libdrmaa.so"})(), store=False)
    with pytest.raises(UnsupportedOperationException) as caught:
        backend.msession_get_all_queues(None, None)
    assert str(caught.value) == (
        "msession_get_all_queues: DRMAA v1 has no way to do this (the drmaa1 backend is in "
        "use, on /fake/libdrmaa.so)")


def test_the_data_types_learn_implementation_specific_names_through_the_backend(
        stub_library):
    assert types._impl_spec_provider[0] is drmaa2.backend.implementation_specific
    current = drmaa2.backend.current()  # loading the library registers nothing else
    assert types._impl_spec_provider[0] is drmaa2.backend.implementation_specific
    assert drmaa2.backend.implementation_specific("jtemplate") == current.impl_spec(
        "jtemplate") == ["stub_nice"]
    assert drmaa2.JobTemplate(stub_nice="3").stub_nice == "3"


def test_info_shows_what_the_interface_tells_of_the_library(stub_library):
    current = drmaa2.backend.current()
    facts = info.collect()
    assert (facts["backend"], facts["found_by"], facts["profile"], facts["quirks"]) == (
        "libdrmaa2", current.found_by, current.profile, current.quirks)
    assert facts["profile_description"] == current.profile_description
    assert current.profile == "gfd230" and "GFD.230" in current.profile_description
    assert set(current.quirks) == set(["lasterror_text_static", "lasterror_resets",
                                       "list_prepends", "jinfo_is_2012"])


def test_the_backend_is_created_once_across_threads_and_registers_the_provider_once(
        mocker, monkeypatch):
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    monkeypatch.delenv("DRMAA2_BACKEND", raising=False)
    created, started = [], threading.Event()

    def slow_create():
        created.append(1)
        started.wait(1)
        return mocker.Mock(name="backend")
    mocker.patch.object(drmaa2.backend, "_create_default", side_effect=slow_create)
    register = mocker.patch.object(drmaa2.backend, "register_implementation_specific")
    results = []
    threads = [threading.Thread(target=lambda: results.append(drmaa2.backend.current()))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join()
    assert len(created) == 1
    assert len(set(id(result) for result in results)) == 1
    register.assert_called_once_with(drmaa2.backend.implementation_specific)


def test_a_failed_backend_creation_is_tried_again_and_registers_once(mocker, monkeypatch):
    monkeypatch.setattr(drmaa2.backend, "_backend", None)
    monkeypatch.delenv("DRMAA2_BACKEND", raising=False)
    the_backend = mocker.Mock(name="backend")
    mocker.patch.object(drmaa2.backend, "_create_default",
                        side_effect=[LibraryNotFoundError("none"), the_backend])
    register = mocker.patch.object(drmaa2.backend, "register_implementation_specific")
    with pytest.raises(LibraryNotFoundError):
        drmaa2.backend.current()
    register.assert_not_called()
    assert drmaa2.backend.current() is the_backend
    register.assert_called_once_with(drmaa2.backend.implementation_specific)
