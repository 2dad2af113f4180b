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

/* This thread's inotify instance watching the store's notify file, or -1. */
static int thread_watch(stub_store *s)
{
    char *path;
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
    }
    path = store_notify_path(s);
    if (path == NULL)
        return -1;
    if (inotify_add_watch(thread_inotify, path, IN_MODIFY | IN_ATTRIB) < 0) {
        free(path);
        return -1;
    }
    free(path);
    return thread_inotify;
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
 * 0 if none, -1 with the error set. *active / *pending tell what to look after. */
static int look(stub_store *s, const long long *ids, long count, int want_terminated,
                long *which, int *active, int *pending)
{
    long i;
    *active = *pending = 0;
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return -1;
    for (i = 0; i < count; i++) {
        int phase = -1;
        int state = jobs_read_state(s, ids[i], &phase, NULL);
        if (state == DRMAA2_UNSET_JSTATE) {
            store_rollback(s);
            return -1;
        }
        if (reached(state, want_terminated)) {
            store_rollback(s);
            *which = i;
            return 1;
        }
        if (phase == PHASE_ACTIVE)
            *active = 1;
        else if (phase == PHASE_PENDING)
            *pending = 1;
    }
    store_rollback(s);
    return 0;
}

static void housekeeping(stub_store *s, const long long *ids, long count, int active,
                         int pending)
{
    long i;
    if (active)
        for (i = 0; i < count; i++)
            sched_check_alive(s, ids[i]);
    if (pending)
        sched_dispatch(s);
}

drmaa2_error wait_for_jobs(stub_store *s, const long long *ids, long count, int want_terminated,
                           time_t timeout, long *which)
{
    double start = mono_now(), deadline = -1, last_housekeeping = start;
    int ifd = -1, active = 0, pending = 0, rc;

    if (timeout < 0 && timeout != DRMAA2_INFINITE_TIME)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "timeout must be a number of seconds >= 0, DRMAA2_ZERO_TIME or "
                          "DRMAA2_INFINITE_TIME, got %ld", (long) timeout);
    if (timeout != DRMAA2_INFINITE_TIME)
        deadline = start + (double) timeout;
    if (timeout != DRMAA2_ZERO_TIME) {
        ifd = thread_watch(s);
        if (ifd >= 0)
            drain(ifd);   /* older changes are seen by the first look */
        stub_clear_error();
    }
    rc = look(s, ids, count, want_terminated, which, &active, &pending);
    if (rc == 0) {
        /* a dead supervisor is found at once, not after the first sleep; so is a
         * queued job that nobody started */
        int dispatch = pending && dispatch_due(start);
        if (active || dispatch) {
            housekeeping(s, ids, count, active, dispatch);
            rc = look(s, ids, count, want_terminated, which, &active, &pending);
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
            housekeeping(s, ids, count, active, pending);
        }
        /* the states are read again only when one changed, not at every slice: a
         * wait on many jobs that do not move costs (almost) nothing */
        if (changed)
            rc = look(s, ids, count, want_terminated, which, &active, &pending);
    }
    if (rc < 0)
        return drmaa2_lasterror();
    if (rc == 0) {
        if (count == 1)
            return stub_error(DRMAA2_TIMEOUT, "job %lld did not %s within %ld s", ids[0],
                              want_terminated ? "terminate" : "start", (long) timeout);
        return stub_error(DRMAA2_TIMEOUT, "none of the %ld jobs %s within %ld s", count,
                          want_terminated ? "terminated" : "started", (long) timeout);
    }
    stub_clear_error();
    return DRMAA2_SUCCESS;
}
