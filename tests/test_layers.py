"""The layers point down: drmaa2._c imports only itself and the leaf modules (read from the
source of every module, function-level imports included); and a fact shared by the
layers is defined once, in a leaf module."""
import ast
import os

import pytest

from conftest import ROOT

PACKAGE = os.path.join(ROOT, "drmaa2")

#: The modules every layer may import: they import nothing of drmaa2 but each other.
LEAVES = ("drmaa2.exceptions", "drmaa2.enums", "drmaa2.constants", "drmaa2._fields")


def modules(directory):
    """{module name: path} of the .py files under ``directory`` (a folder of drmaa2)."""
    found = {}
    for folder, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                module = os.path.relpath(path[:-3], ROOT).replace(os.sep, ".")
                found[module[:-len(".__init__")] if module.endswith(".__init__") else module] \
                    = path
    return found


def drmaa2_imports(module, path):
    """The drmaa2 modules that the source of ``module`` imports, anywhere in it."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            # ``from drmaa2 import types`` imports the module drmaa2.types.
            for alias in node.names:
                candidate = "%s.%s" % (base, alias.name)
                is_module = os.path.exists(os.path.join(ROOT, *candidate.split("."))) or \
                    os.path.exists(os.path.join(ROOT, *candidate.split(".")) + ".py")
                imported.add(candidate if is_module else base)
    return set(name for name in imported if name == "drmaa2" or name.startswith("drmaa2."))


C_LAYER = modules(os.path.join(PACKAGE, "_c"))


def test_the_c_layer_is_found():
    assert "drmaa2._c" in C_LAYER and "drmaa2._c.records" in C_LAYER
    assert "drmaa2._c.drmaa1.library" in C_LAYER


@pytest.mark.parametrize("module", sorted(C_LAYER))
def test_the_c_layer_imports_only_itself_and_the_leaf_modules(module):
    upward = sorted(name for name in drmaa2_imports(module, C_LAYER[module])
                    if not (name == "drmaa2._c" or name.startswith("drmaa2._c."))
                    and name not in LEAVES)
    assert upward == [], "%s imports %s" % (module, ", ".join(upward))


@pytest.mark.parametrize("module", LEAVES)
def test_the_leaf_modules_import_only_each_other(module):
    path = os.path.join(ROOT, *module.split(".")) + ".py"
    assert drmaa2_imports(module, path) <= set(LEAVES)


def test_the_import_parser_sees_an_upward_import(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(u"def f():\n    from drmaa2 import types\n    import drmaa2.backend\n"
                      u"from drmaa2.job import Job\nfrom drmaa2._c import values\n")
    assert drmaa2_imports("drmaa2._c.sample", str(source)) == \
        set(["drmaa2.types", "drmaa2.backend", "drmaa2.job", "drmaa2._c.values"])


# ----------------------------------------------------------- one definition each

_TRY = tuple(getattr(ast, name) for name in ("Try", "TryExcept") if hasattr(ast, name))


def module_level_names(path):
    """The names a module's source binds at its top level (assignments, classes, defs)."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, _TRY):
            for inner in node.body + [h for handler in node.handlers for h in handler.body]:
                if isinstance(inner, ast.Assign):
                    targets.extend(inner.targets)
        for target in targets:
            names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


@pytest.mark.parametrize("name", ["UTC", "RESOURCE_LIMITS"])
def test_utc_and_the_resource_limit_names_are_defined_once_in_drmaa2_constants(name):
    defining = sorted(module for module, path in modules(PACKAGE).items()
                      if name in module_level_names(path))
    assert defining == ["drmaa2.constants"]


def test_every_layer_uses_the_one_utc_and_the_one_resource_limit_list():
    import importlib
    from drmaa2 import constants, types
    from drmaa2._c import values
    from drmaa2._c.drmaa1 import profiles
    library = importlib.import_module("drmaa2._c.library")  # the module, not the function
    assert types.UTC is values.UTC is constants.UTC
    assert library.RESOURCE_LIMITS is profiles.RESOURCE_LIMITS is constants.RESOURCE_LIMITS
