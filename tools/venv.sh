#!/bin/sh
# Create (or refresh) a virtualenv for one interpreter and install drmaa2 and its
# test needs into it.  Usage: tools/venv.sh PYTHON VENV_DIR
set -eu
python=$1
venv=$2

if [ ! -x "$venv/bin/python" ]; then
    if "$python" -c 'import venv, ensurepip' 2>/dev/null; then
        "$python" -m venv "$venv"
    else
        # Python 2.7 has no venv module: bootstrap the last virtualenv that still
        # creates 2.7 environments into a private folder, not into the interpreter.
        boot="$(dirname "$venv")/.virtualenv-$(basename "$venv")"
        "$python" -m pip install -q --disable-pip-version-check --target "$boot" 'virtualenv<20'
        PYTHONPATH="$boot" "$python" -m virtualenv -q "$venv"
    fi
fi

vpy="$venv/bin/python"
pip="$vpy -m pip -q --disable-pip-version-check"
if "$vpy" -c 'import sys; sys.exit(sys.version_info[0] > 2)'; then
    # pytest 5 and pytest-mock 3 dropped Python 2.
    $pip install 'pytest<5' 'pytest-mock<3'
else
    $pip install --upgrade pip
    $pip install pytest pytest-mock
fi
$pip install .
