#!/usr/bin/env bash
# make test-sge: a real single-host Grid Engine cell, the conformance suite against it
# through the DRMAA v1 backend, then the cell shut down.
#
# Needs root and Debian's package registry.  Installs gridengine-master, -exec, -client and
# -drmaa1.0 without questions (cell "default", this host as master), makes the host's
# name resolution consistent for Grid Engine (host_aliases), configures an execution host,
# a submit host, the host group @allhosts, the queue all.q with a few slots, the parallel
# environment smp, min_uid/min_gid 0 and root as deadline user (the tests run as root), a
# one-second scheduler; starts sge_qmaster and sge_execd, waits until a plain
# `qsub -b y /bin/true` job has run, runs the conformance suite (tests/test_api_*.py and
# tests/test_backends_e2e.py) through the DRMAA v1 backend, then tests/sge_faults.py
# (Grid Engine's limits, killed submitters, failure reasons, the master killed), and stops
# both daemons whatever happened.  Exits non-zero when anything fails.  The tests that do
# not hold over DRMAA v1 (tests/backends.py declares why) are deselected, and pytest's
# summary counts them.
#
# `tools/test-sge.sh up` only brings the cell up and leaves it running; `down` stops it;
# `run COMMAND...` brings it up, runs the command with the DRMAA v1 backend's environment
# (e.g. bench/sge_waits.py), and stops it.
# Environment: PYTHON_VENV (default build/venv/default) the virtualenv that runs pytest;
# SGE_TEST_SLOTS (default 4) the queue's slots; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${PYTHON_VENV:-build/venv/default}
slots=${SGE_TEST_SLOTS:-4}
export SGE_ROOT=/var/lib/gridengine
export SGE_CELL=default
export PATH="/usr/lib/gridengine:$PATH"
host=$(hostname)
common="$SGE_ROOT/$SGE_CELL/common"
work=$(mktemp -d /tmp/drmaa2-test-sge.XXXXXX)
chmod 0755 "$work"

say() { printf '== test-sge: %s\n' "$*"; }
die() { printf '== test-sge: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it installs packages and runs the Grid Engine daemons)"

packages=(gridengine-master gridengine-exec gridengine-client gridengine-drmaa1.0)

packages_installed() {
    local p
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
    done
}

install_packages() {
    if ! packages_installed; then
        say "installing Debian's Grid Engine packages"
        apt-get update -qq
        debconf-set-selections <<EOF
gridengine-common shared/gridenginemaster string $host
gridengine-common shared/gridenginecell string $SGE_CELL
gridengine-common shared/gridengineconfig boolean true
gridengine-client shared/gridenginemaster string $host
gridengine-client shared/gridenginecell string $SGE_CELL
gridengine-client shared/gridengineconfig boolean true
gridengine-master shared/gridenginemaster string $host
gridengine-master shared/gridenginecell string $SGE_CELL
gridengine-master shared/gridengineconfig boolean true
postfix postfix/main_mailer_type select No configuration
EOF
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" \
            >"$work/apt.log" 2>&1 || { tail -n 40 "$work/apt.log"; die "apt-get install"; }
    else
        say "Grid Engine packages already installed"
    fi
    [ -f "$common/bootstrap" ] || die "$common/bootstrap missing: the master package did not create the cell"
}

# Grid Engine refuses a client whose address resolves back to another name than the one
# it calls itself (a host named in /etc/hosts on 127.0.0.1 resolves back to "localhost").
# host_aliases makes the names one host.
resolve_host() {
    local addr reverse
    addr=$(getent ahostsv4 "$host" | awk 'NR == 1 { print $1 }')
    [ -n "$addr" ] || die "host name $host does not resolve"
    reverse=$(getent hosts "$addr" | awk 'NR == 1 { print $2 }')
    if [ -n "$reverse" ] && [ "$reverse" != "$host" ]; then
        say "$host ($addr) resolves back to $reverse: aliasing them in host_aliases"
        echo "$host $reverse" >"$common/host_aliases"
    else
        rm -f "$common/host_aliases"
    fi
    echo "$host" >"$common/act_qmaster"
}

qmaster_pid() {
    local pidfile=/var/spool/gridengine/qmaster/qmaster.pid
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

# sge_execd keeps its spool (and pid file) under the name it resolves itself to.
execd_pid() {
    local pidfile
    for pidfile in /var/spool/gridengine/execd/*/execd.pid; do
        [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && { cat "$pidfile"; return 0; }
    done
    return 1
}

start_qmaster() {
    if qmaster_pid >/dev/null; then
        say "sge_qmaster already running"
    else
        say "starting sge_qmaster"
        /usr/sbin/sge_qmaster
    fi
    for _ in $(seq 1 60); do
        qconf -sh >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    tail -n 20 /var/spool/gridengine/qmaster/messages >&2 || true
    die "sge_qmaster does not answer"
}

# Run a command, showing its output only when it fails (qconf reports success on stderr).
quiet() {
    "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; return 1; }
}

# Add an object from a file unless one of that name exists (the cell survives runs).
add_or_modify() {
    local kind=$1 name=$2 file=$3
    if qconf -s"$kind" "$name" >/dev/null 2>&1; then
        quiet qconf -M"$kind" "$file"
    else
        quiet qconf -A"$kind" "$file"
    fi
}

configure_cell() {
    say "configuring the cell: hosts, @allhosts, all.q ($slots slots), scheduler"
    qconf -ah "$host" >/dev/null 2>&1 || true
    qconf -as "$host" >/dev/null 2>&1 || true

    # Jobs of root may ask for a deadline (DRMAA2's deadline_time).
    quiet qconf -au root deadlineusers || true

    qconf -sconf global >"$work/global"
    # Root runs the tests here; Grid Engine refuses jobs of users below min_uid/min_gid.
    sed -i -e 's/^min_uid .*/min_uid 0/' -e 's/^min_gid .*/min_gid 0/' \
        -e 's/^load_report_time .*/load_report_time 00:00:05/' "$work/global"
    quiet qconf -Mconf "$work/global"

    qconf -ssconf >"$work/sched"
    sed -i -e 's/^schedule_interval .*/schedule_interval 0:0:1/' \
        -e 's/^flush_submit_sec .*/flush_submit_sec 1/' \
        -e 's/^flush_finish_sec .*/flush_finish_sec 1/' "$work/sched"
    quiet qconf -Msconf "$work/sched"

    cat >"$work/exechost" <<EOF
hostname              $host
load_scaling          NONE
complex_values        NONE
user_lists            NONE
xuser_lists           NONE
projects              NONE
xprojects             NONE
usage_scaling         NONE
report_variables      NONE
EOF
    add_or_modify e "$host" "$work/exechost"

    printf 'group_name @allhosts\nhostlist %s\n' "$host" >"$work/allhosts"
    add_or_modify hgrp @allhosts "$work/allhosts"

    # A parallel environment for jobs that ask for several slots on the host.
    cat >"$work/pe" <<EOF
pe_name            smp
slots              999
user_lists         NONE
xuser_lists        NONE
start_proc_args    NONE
stop_proc_args     NONE
allocation_rule    \$pe_slots
control_slaves     FALSE
job_is_first_task  TRUE
urgency_slots      min
accounting_summary FALSE
qsort_args         NONE
EOF
    add_or_modify p smp "$work/pe"

    # The queue: Grid Engine's defaults (qconf -aq hands them to $EDITOR, here a sed that
    # edits them in place), on @allhosts, with a few slots, no load threshold, the PE smp.
    cat >"$work/edit-queue" <<EOF
#!/bin/sh
exec sed -i -e 's/^hostlist .*/hostlist @allhosts/' -e 's/^slots .*/slots $slots/' \\
    -e 's/^load_thresholds .*/load_thresholds NONE/' -e 's/^pe_list .*/pe_list smp/' "\$1"
EOF
    chmod +x "$work/edit-queue"
    if qconf -sq all.q >/dev/null 2>&1; then
        EDITOR="$work/edit-queue" quiet qconf -mq all.q
    else
        EDITOR="$work/edit-queue" quiet qconf -aq all.q
    fi
    qconf -sq all.q >/dev/null 2>&1 || die "cannot create the queue all.q"
}

start_execd() {
    if execd_pid >/dev/null; then
        say "sge_execd already running"
    else
        say "starting sge_execd"
        mkdir -p /var/spool/gridengine/execd
        chown sgeadmin:sgeadmin /var/spool/gridengine/execd
        /usr/sbin/sge_execd
    fi
}

# The cell works when a plain job runs to its end.
check_cell() {
    local id
    say "waiting for a first job (qsub -b y /bin/true)"
    id=$(qsub -terse -b y -o /dev/null -e /dev/null /bin/true) || die "qsub refused a job"
    for _ in $(seq 1 120); do
        if ! qstat -j "$id" >/dev/null 2>&1; then
            say "job $id ran: the cell works"
            return 0
        fi
        sleep 0.5
    done
    qstat -f >&2 || true
    qstat -j "$id" >&2 || true
    die "job $id did not run within 60 s"
}

stop_cell() {
    say "shutting the cell down"
    qconf -ke "$host" >/dev/null 2>&1 || true
    qconf -km >/dev/null 2>&1 || true
    local pid
    for _ in $(seq 1 40); do
        pid=$(qmaster_pid || execd_pid || true)
        [ -z "$pid" ] && break
        sleep 0.5
    done
    for pid in $(qmaster_pid || true) $(execd_pid || true); do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}

# Debian's libdrmaa links jemalloc, which cannot be loaded late into a process
# ("cannot allocate memory in static TLS block"): preload it, as docs/clusters.md says.
library=/usr/lib/gridengine-drmaa/lib/libdrmaa.so.1.0
preload() {
    ldd "$library" | awk '/libjemalloc/ { print $3 }'
}

# Run a command with the DRMAA v1 backend on the cell's library.
with_drmaa1() {
    local allocator
    allocator=$(preload)
    env DRMAA2_BACKEND=drmaa1 DRMAA_LIBRARY_PATH="$library" \
        ${allocator:+LD_PRELOAD="$allocator"} "$@"
}

run_tests() {
    local allocator
    allocator=$(preload)
    say "the conformance suite over drmaa1 ($library${allocator:+, LD_PRELOAD=$allocator})"
    [ -x "$venv/bin/python" ] || die "$venv is missing: make venv"
    with_drmaa1 env DRMAA2_TEST_BACKENDS=drmaa1 \
        "$venv/bin/python" -m pytest -q tests/test_api_*.py tests/test_backends_e2e.py "$@"
    say "the DRMAA v1 backend at Grid Engine's limits and under faults (tests/sge_faults.py)"
    with_drmaa1 "$venv/bin/python" -m pytest -q tests/sge_faults.py "$@"
}

bring_up() {
    install_packages
    resolve_host
    start_qmaster
    configure_cell
    start_execd
    check_cell
}

case "${1:-}" in
    up)   # leave the cell running, for working on the DRMAA v1 backend by hand
        trap 'rm -rf "$work"' EXIT
        bring_up ;;
    down) trap 'rm -rf "$work"' EXIT
        stop_cell ;;
    run)  # the cell up, one command with the DRMAA v1 backend on it, the cell down
        shift
        trap stop_cell EXIT
        bring_up
        with_drmaa1 "$@" ;;
    *)    trap stop_cell EXIT
        bring_up
        run_tests "$@" ;;
esac
