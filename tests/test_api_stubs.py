"""The type stubs (.pyi) of the public API declare what the modules offer at run time."""
import inspect
import os
import re

import pytest

import drmaa2
from conftest import ROOT

pytestmark = pytest.mark.usefixtures("backend")

MODULES = ["job", "job_array", "job_session", "reservation", "reservation_session",
           "monitoring_session", "session_manager", "library_info", "events"]


def declared(module_name):
    """Top-level names of a stub, and the method names of each class in it.

    Read line by line: Python 2 cannot parse the annotations of a stub."""
    path = os.path.join(ROOT, "drmaa2", module_name + ".pyi")
    names, members, current = set(), {}, None
    with open(path) as handle:
        for line in handle:
            top = re.match(r"(class|def) (\w+)", line)
            if top:
                names.add(top.group(2))
                current = top.group(2) if top.group(1) == "class" else None
                if current:
                    members[current] = set()
                continue
            method = re.match(r"    def (\w+)", line)
            if method and current:
                members[current].add(method.group(1))
            names.update(re.findall(r"\bas (\w+)", line))
            variable = re.match(r"(\w+): ", line)
            if variable:
                names.add(variable.group(1))
    return names, members


@pytest.mark.parametrize("module_name", MODULES)
def test_each_module_stub_declares_its_public_names_and_methods(module_name):
    module = __import__("drmaa2." + module_name, fromlist=["__all__"])
    names, members = declared(module_name)
    assert set(module.__all__) <= names
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isclass(value):
            public = set(member for member in vars(value) if not member.startswith("_"))
            assert public <= members[name], name


def test_the_package_stub_declares_every_public_name_and_lazy_attribute():
    names, _ = declared("__init__")
    assert set(drmaa2.__all__) <= names
    lazy = set(name for name in dir(drmaa2) if name not in vars(drmaa2))
    assert lazy and lazy <= names
