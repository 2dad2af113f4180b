#!/bin/sh
# Run the reliability suites (tools/reliability.py) with the interpreter of a virtualenv,
# first installing hypothesis into it if it lacks it (the last release for its Python).
#   sh tools/reliability.sh build/venv/default/bin/python [--quick] [--only PART ...]
set -eu
python=$1
shift
if ! "$python" -c 'import hypothesis' 2>/dev/null; then
    case $("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])') in
        2.7) requirement='hypothesis<5' ;;
        3.6) requirement='hypothesis<6.32' ;;
        *)   requirement='hypothesis' ;;
    esac
    "$python" -m pip install -q --disable-pip-version-check "$requirement"
fi
command -v valgrind >/dev/null || { echo "reliability needs valgrind (apt-get install valgrind)" >&2; exit 1; }
exec "$python" "$(dirname "$0")/reliability.py" "$@"
