"""The package itself: it imports anywhere, installs with its version, and keeps ctypes
inside drmaa2/_c."""
import os
import re
import subprocess
import sys

import drmaa2
from conftest import ROOT

PACKAGE = os.path.join(ROOT, "drmaa2")


def run_python(code, **env_changes):
    env = dict(os.environ)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def test_import_needs_no_library_and_loads_none():
    code = (
        "import drmaa2, sys\n"
        "maps = open('/proc/self/maps').read()\n"
        "sys.stdout.write('loaded' if 'drmaa2.so' in maps else 'clean')\n"
    )
    status, out, err = run_python(code, DRMAA2_LIBRARY_PATH="/nonexistent/libdrmaa2.so",
                                  SGE_ROOT=None, LD_LIBRARY_PATH=None)
    assert status == 0, err
    assert out == "clean"


def test_import_with_the_stub_present_loads_nothing_either(stub_library):
    status, out, err = run_python(
        "import drmaa2; print('drmaa2.so' in open('/proc/self/maps').read())",
        DRMAA2_LIBRARY_PATH=stub_library)
    assert status == 0, err
    assert out.strip() == "False"


def installed_version(distribution):
    try:
        from importlib.metadata import version
    except ImportError:  # Python < 3.8
        from pkg_resources import get_distribution
        return get_distribution(distribution).version
    return version(distribution)


def test_installed_distribution_has_the_package_version():
    assert installed_version("drmaa2") == drmaa2.__version__


def test_only_the_c_layer_imports_ctypes():
    offenders = []
    pattern = re.compile(r"^\s*(import ctypes|from ctypes\b)", re.M)
    for folder, _dirs, files in os.walk(PACKAGE):
        if os.path.relpath(folder, PACKAGE).split(os.sep)[0] == "_c":
            continue
        for name in files:
            if name.endswith((".py", ".pyi")):
                path = os.path.join(folder, name)
                with open(path) as handle:
                    if pattern.search(handle.read()):
                        offenders.append(os.path.relpath(path, ROOT))
    assert offenders == []


def test_makefile_builds_the_stub_library(tmp_path):
    build = str(tmp_path / "build")
    # The library and the supervisor are separate compiler runs: -j2 builds both at once.
    process = subprocess.Popen(["make", "--no-print-directory", "-j2", "stub", "BUILD=" + build],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out, _ = process.communicate()
    assert process.returncode == 0, out.decode("utf-8", "replace")
    library = os.path.join(build, "libdrmaa2.so")
    symbols = subprocess.check_output(["nm", "-D", "--defined-only", library]).decode()
    assert re.search(r"\bT drmaa2_get_drmaa_name\b", symbols)
