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
# hypothesis drives the bad-input tests; mypy checks the type stubs (Python 3 only).
# Old pips cannot skip releases that dropped their Python, so pin what each one gets.
case $("$vpy" -c 'import sys; print("%d.%d" % sys.version_info[:2])') in
    2.7) $pip install --upgrade 'pip<21'
         # the last releases for Python 2
         $pip install 'pytest<5' 'pytest-mock<3' 'hypothesis<5' ;;
    3.6) $pip install --upgrade 'pip<22'
         $pip install pytest pytest-mock 'hypothesis<6.32' mypy ;;
    3.7) $pip install --upgrade 'pip<24.1'
         $pip install pytest pytest-mock hypothesis mypy ;;
    *)   $pip install --upgrade pip
         $pip install pytest pytest-mock hypothesis mypy ;;
esac
# The executor's extra (cloudpickle) too: its tests run with and without it.
$pip install '.[executor]'
