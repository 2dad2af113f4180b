/* Waiting for jobs: a waiter reads the states, then sleeps on the state
 * directory's notify file (inotify), which every state change writes, so it
 * sees a job's end within milliseconds, and reads the states again only then;
 * every 200 ms it also checks that the supervisors of the jobs are alive and
 * starts queued jobs whose time came. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "jobs.h"

#define HOUSEKEEPING_MS 200
#define FALLBACK_POLL_MS 10

/* Each thread keeps its inotify instance: closing one costs the kernel tens
 * of milliseconds, too much for every wait. Closed when the thread ends. */
static pthread_key_t inotify_key;
static pthread_once_t inotify_once = PTHREAD_ONCE_INIT;
static __thread int thread_inotify = -1;
static __thread pid_t thread_inotify_pid = 0;   /* a forked child makes its own */

static void inotify_release(void *value)
{
    close((int) (intptr_t) value - 1);
}

static void inotify_key_create(void)
{
    (void) pthread_key_create(&inotify_key, inotify_release);
}

/* What this thread's last wait on some jobs found: none of them had got there,
 * and none ran.
 * The next wait on the same jobs (a caller waiting a second at a time) need not
 * read them all again while the notify file says nothing changed since. */
static __thread struct {
    const stub_store *store;
    long count;
    unsigned long long hash;
    int want_terminated, pending, wd, valid;
} last_look;

static unsigned long long ids_hash(const long long *ids, long count)
{
    unsigned long long h = 1469598103934665603ULL;
    long i;
    for (i = 0; i < count; i++)
        h = (h ^ (unsigned long long) ids[i]) * 1099511628211ULL;
    return h;
}

/* This thread's inotify instance watching the store's notify file, or -1. */
static int thread_watch(stub_store *s)
{
    char *path;
    int wd;
    if (thread_inotify >= 0 && thread_inotify_pid != getpid()) {
        close(thread_inotify);   /* the parent's instance: only this process's copy */
        thread_inotify = -1;
    }
    if (thread_inotify < 0) {
        pthread_once(&inotify_once, inotify_key_create);
        thread_inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (thread_inotify < 0)
            return -1;
        thread_inotify_pid = getpid();
        pthread_setspecific(inotify_key, (void *) (intptr_t) (thread_inotify + 1));
        last_look.valid = 0;   /* a new instance has seen nothing */
    }
    path = store_notify_path(s);
    if (path == NULL)
        return -1;
    wd = inotify_add_watch(thread_inotify, path, IN_MODIFY | IN_ATTRIB);
    free(path);
    if (wd < 0)
        return -1;
    if (wd != last_look.wd)
        last_look.valid = 0;   /* another file, or watched anew: no history */
    last_look.wd = wd;
    return thread_inotify;
}

/* 1 if the notify file changed since the last drain (or cannot tell). */
static int changed_since_drain(int fd)
{
    struct pollfd pfd;
    pfd.fd = fd;
    pfd.events = POLLIN;
    return poll(&pfd, 1, 0) != 0;
}

static void drain(int fd)
{
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* When this thread last started queued jobs from a wait (mono_now). */
static __thread double thread_last_dispatch = -1e9;

/* 1 (and the time noted) if this thread's waits have not started queued jobs
 * for HOUSEKEEPING_MS. A wait does so at its first look, so that a caller that
 * polls with ZERO_TIME (sleeping outside the library) still starts a job whose
 * submitter died before starting it, without a write transaction per poll. */
static int dispatch_due(double now)
{
    if ((now - thread_last_dispatch) * 1000.0 < HOUSEKEEPING_MS)
        return 0;
    thread_last_dispatch = now;
    return 1;
}

static int reached(int state, int want_terminated)
{
    if (want_terminated)
        return state == DRMAA2_DONE || state == DRMAA2_FAILED;
    return state != DRMAA2_QUEUED && state != DRMAA2_QUEUED_HELD &&
           state != DRMAA2_REQUEUED && state != DRMAA2_REQUEUED_HELD;
}

/* One look at the jobs: 1 if one reached the state (its index in *which),
 * 0 if none, -1 with the error set. *active / *pending tell what to look after,
 * is_active[i] (when not NULL) whether job i runs: only those need their
 * supervisor checked.
 * One statement, prepared once, reads every job (a wait may name thousands). */
static int look(stub_store *s, const long long *ids, long count, int want_terminated,
                long *which, int *active, int *pending, char *is_active)
{
    sqlite3_stmt *st = NULL;
    long i;
    int found = 0;
    *active = *pending = 0;
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return -1;
    for (i = 0; i < count && found == 0; i++) {
        int state, phase, rc;
        if (st == NULL) {
            st = store_stmt(s, "SELECT state, phase FROM jobs WHERE id = ?1", "i", ids[i]);
            if (st == NULL) {
                found = -1;
                break;
            }
        } else {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, ids[i]);
        }
        rc = store_step(s, st);
        if (rc != SQLITE_ROW) {
            if (rc == SQLITE_DONE)
                stub_error(DRMAA2_INVALID_ARGUMENT, "job %lld does not exist (reaped, or its "
                           "session was destroyed)", ids[i]);
            found = -1;
            break;
        }
        state = sqlite3_column_int(st, 0);
        phase = sqlite3_column_int(st, 1);
        if (is_active != NULL)
            is_active[i] = phase == PHASE_ACTIVE;
        if (reached(state, want_terminated)) {
            *which = i;
            found = 1;
        } else if (phase == PHASE_ACTIVE) {
            *active = 1;
        } else if (phase == PHASE_PENDING) {
            *pending = 1;
        }
    }
    sqlite3_finalize(st);
    store_rollback(s);
    return found;
}

static void housekeeping(stub_store *s, const long long *ids, long count,
                         const char *is_active, int active, int pending)
{
    long i;
    if (active)
        for (i = 0; i < count; i++)
            if (is_active == NULL || is_active[i])
                sched_check_alive(s, ids[i]);
    if (pending)
        sched_dispatch(s);
}

drmaa2_error wait_for_jobs(stub_store *s, const long long *ids, long count, int want_terminated,
                           time_t timeout, long *which)
{
    double start = mono_now(), deadline = -1, last_housekeeping = start;
    int ifd = -1, active = 0, pending = 0, rc;
    unsigned long long hash;
    char *is_active;   /* NULL (out of memory): every job's supervisor is checked */

    if (timeout < 0 && timeout != DRMAA2_INFINITE_TIME)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "timeout must be a number of seconds >= 0, DRMAA2_ZERO_TIME or "
                          "DRMAA2_INFINITE_TIME, got %ld", (long) timeout);
    if (timeout != DRMAA2_INFINITE_TIME)
        deadline = start + (double) timeout;
    is_active = calloc((size_t) count, 1);
    if (timeout != DRMAA2_ZERO_TIME) {
        ifd = thread_watch(s);
        stub_clear_error();
    }
    hash = ids_hash(ids, count);
    if (ifd >= 0 && last_look.valid && last_look.store == s && last_look.count == count &&
        last_look.hash == hash && last_look.want_terminated == want_terminated &&
        !changed_since_drain(ifd)) {
        rc = 0;   /* the same jobs, none running, and nothing changed since this thread
                   * looked */
        pending = last_look.pending;
    } else {
        if (ifd >= 0)
            drain(ifd);   /* older changes are seen by the first look */
        rc = look(s, ids, count, want_terminated, which, &active, &pending, is_active);
    }
    last_look.valid = 0;
    if (rc == 0) {
        /* a dead supervisor is found at once, not after the first sleep; so is a
         * queued job that nobody started */
        int dispatch = pending && dispatch_due(start);
        if (active || dispatch) {
            housekeeping(s, ids, count, is_active, active, dispatch);
            /* what it changed wrote the notify file */
            if (ifd < 0 || changed_since_drain(ifd)) {
                if (ifd >= 0)
                    drain(ifd);
                rc = look(s, ids, count, want_terminated, which, &active, &pending, is_active);
            }
        }
    }
    while (rc == 0) {
        double now = mono_now(), left_ms;
        int slice;
        struct pollfd pfd;

        if (deadline >= 0 && now >= deadline)
            break;
        left_ms = deadline >= 0 ? (deadline - now) * 1000.0 : 1e9;
        slice = ifd >= 0 ? HOUSEKEEPING_MS : FALLBACK_POLL_MS;
        if (left_ms < slice)
            slice = (int) left_ms + 1;
        int changed = 1;
        if (ifd >= 0) {
            pfd.fd = ifd;
            pfd.events = POLLIN;
            changed = poll(&pfd, 1, slice) > 0;
            if (changed)
                drain(ifd);
        } else {
            struct timespec ts = {0, (long) slice * 1000000L};
            nanosleep(&ts, NULL);
        }
        now = mono_now();
        if ((now - last_housekeeping) * 1000.0 >= HOUSEKEEPING_MS) {
            last_housekeeping = now;
            /* what it changes writes the notify file: the next poll sees it */
            housekeeping(s, ids, count, is_active, active, pending);
        }
        /* the states are read again only when one changed, not at every slice: a
         * wait on many jobs that do not move costs (almost) nothing */
        if (changed)
            rc = look(s, ids, count, want_terminated, which, &active, &pending, is_active);
    }
    free(is_active);
    if (rc < 0)
        return drmaa2_lasterror();
    if (rc == 0) {
        if (ifd >= 0 && !active) {
            last_look.store = s;
            last_look.count = count;
            last_look.hash = hash;
            last_look.want_terminated = want_terminated;
            last_look.pending = pending;
            last_look.valid = 1;
        }
        if (count == 1)
            return stub_error(DRMAA2_TIMEOUT, "job %lld did not %s within %ld s", ids[0],
                              want_terminated ? "terminate" : "start", (long) timeout);
        return stub_error(DRMAA2_TIMEOUT, "none of the %ld jobs %s within %ld s", count,
                          want_terminated ? "terminated" : "started", (long) timeout);
    }
    stub_clear_error();
    return DRMAA2_SUCCESS;
}
