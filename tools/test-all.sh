#!/bin/sh
# Run the Python suite (`make pytest`, the Python half of `make test`) on every interpreter from Python 2.7 to 3.13 that this machine has
# (under `pyenv root`/versions or on PATH).  One line per interpreter; fails if any
# interpreter that was found failed.
set -u
versions="2.7 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13"
pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
logdir=build/test-all
mkdir -p "$logdir"

find_python() {
    for candidate in "$pyenv_root"/versions/"$1".*/bin/python"$1" "$pyenv_root"/versions/"$1"/bin/python"$1"; do
        # pyenv's 3.1x.y must not match a request for 3.1
        case "$candidate" in *"/versions/$1."[0-9]*/bin/*|*"/versions/$1/bin/"*) ;; *) continue ;; esac
        [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    # Not pyenv's shim: it may name a version that is not installed.
    for candidate in $(command -v -a "python$1" 2>/dev/null); do
        case "$candidate" in */.pyenv/shims/*) continue ;; esac
        [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 1
}

status=0
summary=""
for v in $versions; do
    if ! py=$(find_python "$v"); then
        summary="$summary
python$v: not found"
        continue
    fi
    log="$logdir/python$v.log"
    echo "== python$v ($py): log in $log"
    if make --no-print-directory pytest PYTHON="$py" VENV="build/venv/$v" >"$log" 2>&1; then
        summary="$summary
python$v: passed ($(grep -E '[0-9]+ passed' "$log" | tail -n 1))"
    else
        tail -n 30 "$log"
        summary="$summary
python$v: failed (see $log)"
        status=1
    fi
done
echo "$summary" | sed '/^$/d'
exit $status
