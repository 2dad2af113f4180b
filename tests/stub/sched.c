/* Scheduling: whoever frees a slot or submits a job starts the next queued
 * jobs (no daemon). Each started job gets a detached supervising process,
 * drmaa2-stub-supervisor, found next to this library. A job's lock file is
 * locked from the moment it is picked until its supervisor has recorded its
 * end, so a lock that is free while the job is active means the supervisor
 * died. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jobs.h"

#define SUPERVISOR_NAME "drmaa2-stub-supervisor"
/* A dispatch looks at this many queued jobs at most, and picks this many
 * per transaction; it keeps the arrays and reservations it met in caches of
 * these sizes (a job whose array or reservation finds no room waits). */
#define DISPATCH_SCAN_LIMIT 10000
#define DISPATCH_BATCH 64
#define PICK_ARRAYS_CACHED 64
#define PICK_RESERVATIONS_CACHED 32
/* The liveness check of every active job goes through them in batches. */
#define CHECK_ALL_BATCH 256
#define KILL_GRACE_DEFAULT_MS 2000
#define KILL_GRACE_MAX_S 3600
#define END_NOTE_MAGIC "drmaa2-stub-end"

static pthread_once_t supervisor_once = PTHREAD_ONCE_INIT;
static char supervisor_path[PATH_MAX];

static void supervisor_path_init(void)
{
    const char *env = getenv("DRMAA2_STUB_SUPERVISOR");
    Dl_info info;
    char lib[PATH_MAX];
    char *slash;

    if (env != NULL && env[0] != '\0' && strlen(env) < sizeof supervisor_path) {
        strcpy(supervisor_path, env);
        return;
    }
    if (dladdr((void *) sched_dispatch, &info) == 0 || info.dli_fname == NULL ||
        realpath(info.dli_fname, lib) == NULL)
        return;
    slash = strrchr(lib, '/');
    if (slash == NULL)
        return;
    *slash = '\0';
    if (strlen(lib) + 1 + strlen(SUPERVISOR_NAME) < sizeof supervisor_path)
        snprintf(supervisor_path, sizeof supervisor_path, "%s/%s", lib, SUPERVISOR_NAME);
}

long sched_kill_grace_ms(void)
{
    const char *env = getenv("DRMAA2_STUB_KILL_GRACE");
    char *end;
    double v;
    if (env == NULL || env[0] == '\0')
        return KILL_GRACE_DEFAULT_MS;
    errno = 0;
    v = strtod(env, &end);
    /* digits only: no sign, no "inf" or "nan", no hexadecimal */
    if (strspn(env, "0123456789.") != strlen(env) || *end != '\0' || errno != 0 ||
        v > KILL_GRACE_MAX_S) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "DRMAA2_STUB_KILL_GRACE must be a number of seconds from 0 to %d, got '%s'",
                   KILL_GRACE_MAX_S, env);
        return -1;
    }
    return (long) (v * 1000);
}

void sched_reserve_end_note(int lock_fd)
{
    /* Real blocks, not a hole: on a full disk the note overwrites them. */
    if (posix_fallocate(lock_fd, 0, END_NOTE_SIZE) != 0) {
        /* the disk is full already: the supervisor will try to write it anyway */
    }
}

/* A line of the note holds no newline. */
static void one_line(char *text)
{
    for (; *text != '\0'; text++)
        if (*text == '\n' || *text == '\r')
            *text = ' ';
}

int sched_leave_end_note(int lock_fd, const stub_end_note *note)
{
    char buf[END_NOTE_SIZE];
    stub_end_note copy = *note;
    int n;

    one_line(copy.annotation);
    one_line(copy.why);
    memset(buf, 0, sizeof buf);
    n = snprintf(buf, sizeof buf, END_NOTE_MAGIC " %d %d %d %d %lld %lld %.3f\n%s\n%s\n",
                 copy.state, copy.has_status, copy.exit_status, copy.term_signal, copy.cpu_ms,
                 copy.max_rss_kib, copy.finished, copy.annotation, copy.why);
    if (n < 0)
        return -1;
    return pwrite(lock_fd, buf, sizeof buf, 0) == (ssize_t) sizeof buf && fdatasync(lock_fd) == 0
               ? 0 : -1;
}

/* The note a supervisor left for job id; 1 if there is one. */
static int read_end_note(stub_store *s, long long id, stub_end_note *note)
{
    char buf[END_NOTE_SIZE + 1], *line, *next;
    char *path = store_lock_path(s, id);
    ssize_t got;
    int fd;

    if (path == NULL)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return 0;
    got = pread(fd, buf, END_NOTE_SIZE, 0);
    close(fd);
    if (got <= 0)
        return 0;
    buf[got] = '\0';
    memset(note, 0, sizeof *note);
    if (sscanf(buf, END_NOTE_MAGIC " %d %d %d %d %lld %lld %lf", &note->state, &note->has_status,
               &note->exit_status, &note->term_signal, &note->cpu_ms, &note->max_rss_kib,
               &note->finished) != 7 ||
        (note->state != DRMAA2_DONE && note->state != DRMAA2_FAILED))
        return 0;
    line = strchr(buf, '\n');
    next = line != NULL ? strchr(line + 1, '\n') : NULL;
    if (next == NULL)
        return 0;
    *next = '\0';
    snprintf(note->annotation, sizeof note->annotation, "%s", line + 1);
    line = next + 1;
    next = strchr(line, '\n');
    if (next != NULL)
        *next = '\0';
    snprintf(note->why, sizeof note->why, "%s", line);
    return 1;
}

/* Records the end the job's supervisor left in its note; inside a write
 * transaction. */
static drmaa2_error record_end_note_locked(stub_store *s, long long id, const stub_end_note *note)
{
    char *annotation = stub_strprintf("%s%sits end was recorded from the note of its "
                                      "supervising process, which could not write to the "
                                      "job store (%s)", note->annotation,
                                      note->annotation[0] != '\0' ? "; " : "", note->why);
    drmaa2_error e;
    if (annotation == NULL)
        return drmaa2_lasterror();
    e = store_exec(s, "UPDATE jobs SET state = ?1, phase = ?2, substate = NULL, "
                   "annotation = ?3, finished = ?4, exit_status = ?5, term_signal = ?6, "
                   "cpu_ms = ?7, max_rss_kib = ?8 WHERE id = ?9",
                   "iitdiiiii", (long long) note->state, (long long) PHASE_ENDED, annotation,
                   note->finished, note->has_status ? (long long) note->exit_status : -1LL,
                   (long long) note->term_signal, note->cpu_ms, note->max_rss_kib, id);
    free(annotation);
    if (e == DRMAA2_SUCCESS)
        e = jobs_add_event(s, id, note->state);
    return e;
}

int sched_lock_held(stub_store *s, long long id)
{
    char *path = store_lock_path(s, id);
    int fd, held;
    if (path == NULL)
        return 1;   /* cannot tell: assume alive */
    fd = open(path, O_RDONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return errno == ENOENT ? 0 : 1;
    held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return held;
}

/* Records a job that will never run (or whose supervisor is gone) as FAILED;
 * inside a write transaction. */
static drmaa2_error fail_job_locked(stub_store *s, long long id, const char *annotation)
{
    drmaa2_error e = store_exec(s,
                                "UPDATE jobs SET state = ?1, phase = ?2, substate = NULL, "
                                "annotation = ?3, finished = ?4 WHERE id = ?5",
                                "iitdi", (long long) DRMAA2_FAILED, (long long) PHASE_ENDED,
                                annotation, stub_now(), id);
    if (e == DRMAA2_SUCCESS)
        e = jobs_add_event(s, id, DRMAA2_FAILED);
    return e;
}

int sched_check_alive(stub_store *s, long long id)
{
    sqlite3_stmt *st;
    stub_end_note note;
    long long pgid = 0;
    int phase = -1, noted;
    char *path;

    if (sched_lock_held(s, id))
        return 0;
    /* a cheap look first: most jobs whose lock is free have simply ended */
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return 0;
    st = store_stmt(s, "SELECT phase FROM jobs WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW)
        phase = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    store_rollback(s);
    if (phase != PHASE_ACTIVE)
        return 0;
    phase = -1;
    if (store_begin(s) != DRMAA2_SUCCESS)
        return 0;
    st = store_stmt(s, "SELECT phase, pgid FROM jobs WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW) {
        phase = sqlite3_column_int(st, 0);
        pgid = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    /* Inside the write transaction the supervisor cannot record the end, so
     * a free lock now really means that it is gone. */
    if (phase != PHASE_ACTIVE || sched_lock_held(s, id)) {
        store_rollback(s);
        return 0;
    }
    noted = read_end_note(s, id, &note);
    if ((noted ? record_end_note_locked(s, id, &note)
               : fail_job_locked(s, id, "the job's supervising process died (killed?); "
                                 "its processes were killed")) != DRMAA2_SUCCESS) {
        store_rollback(s);
        return 0;
    }
    if (store_commit(s) != DRMAA2_SUCCESS)
        return 0;
    if (pgid > 1 && !noted)   /* a supervisor that left a note killed the group itself */
        killpg((pid_t) pgid, SIGKILL);
    path = store_lock_path(s, id);
    if (path != NULL)
        unlink(path);
    free(path);
    store_notify(s);
    sched_dispatch(s);
    return 1;
}

void sched_check_all(stub_store *s)
{
    long long ids[CHECK_ALL_BATCH];
    int n = 0, i;
    sqlite3_stmt *st;

    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return;
    st = store_stmt(s, "SELECT id FROM jobs WHERE phase = ?1 LIMIT ?2", "ii",
                    (long long) PHASE_ACTIVE, (long long) STUB_COUNT(ids));
    while (st != NULL && n < (int) STUB_COUNT(ids) && store_step(s, st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    store_rollback(s);
    for (i = 0; i < n; i++) {
        if (!sched_lock_held(s, ids[i]))
            sched_check_alive(s, ids[i]);
    }
}

typedef struct picked {
    long long id;
    int lock_fd;
} picked;

typedef struct array_use {
    long long id, active, max_parallel;
} array_use;

typedef struct res_use {
    long long id, slots, active;
    double start;
    int state;   /* 0 not yet started, 1 active, 2 over */
} res_use;

static long long query_ll(stub_store *s, const char *sql, const char *fmt, long long a, double d)
{
    sqlite3_stmt *st;
    long long v = 0;
    if (fmt[0] == 'd')
        st = store_stmt(s, sql, fmt, d);
    else if (fmt[0] == 'i')
        st = store_stmt(s, sql, fmt, a);
    else
        st = store_stmt(s, sql, fmt);
    if (st != NULL && store_step(s, st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static array_use *array_lookup(stub_store *s, array_use *cache, int *n, int cap, long long id)
{
    int i;
    for (i = 0; i < *n; i++)
        if (cache[i].id == id)
            return &cache[i];
    if (*n == cap)
        return NULL;
    cache[*n].id = id;
    cache[*n].max_parallel = query_ll(s, "SELECT max_parallel FROM arrays WHERE id = ?1", "i",
                                      id, 0);
    /* the running jobs of the array, read through the index of the phase: those of
     * the running jobs (bounded by the slots), not every task of the array (the index
     * of the array would read them all, at every start: O(n^2) over an array of n) */
    cache[*n].active = query_ll(s, "SELECT COUNT(*) FROM jobs WHERE phase = "
                                PHASE_SQL(PHASE_ACTIVE) " AND +array_id = ?1",
                                "i", id, 0);
    return &cache[(*n)++];
}

static res_use *res_lookup(stub_store *s, res_use *cache, int *n, int cap, long long id,
                           double now)
{
    sqlite3_stmt *st;
    int i;
    for (i = 0; i < *n; i++)
        if (cache[i].id == id)
            return &cache[i];
    if (*n == cap)
        return NULL;
    cache[*n].id = id;
    cache[*n].state = 2;
    cache[*n].slots = 0;
    cache[*n].start = 0;
    st = store_stmt(s, "SELECT start_time, end_time, slots, terminated FROM reservations "
                    "WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW) {
        double start = sqlite3_column_double(st, 0);
        int open_end = sqlite3_column_type(st, 1) == SQLITE_NULL;
        double end = sqlite3_column_double(st, 1);
        cache[*n].slots = sqlite3_column_int64(st, 2);
        cache[*n].start = start;
        if (sqlite3_column_type(st, 3) != SQLITE_NULL || (!open_end && end <= now))
            cache[*n].state = 2;
        else
            cache[*n].state = start <= now ? 1 : 0;
    }
    sqlite3_finalize(st);
    cache[*n].active = query_ll(s, "SELECT COALESCE(SUM(slots), 0) FROM jobs "
                                "WHERE reservation = ?1 AND phase = " PHASE_SQL(PHASE_ACTIVE), "i",
                                id, 0);
    return &cache[(*n)++];
}

/* The earliest end of a reservation active now, or 0. */
static double earliest_reservation_end(stub_store *s, double now)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT MIN(end_time) FROM reservations WHERE "
                                  RESERVATION_LIVE_UNTIL_SQL " > ?1 AND terminated IS NULL "
                                  "AND start_time <= ?1 AND end_time > ?1",
                                  "d", now);
    double end = 0;
    if (st != NULL && store_step(s, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        end = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return end;
}

static void wake_no_later(double *wake_at, double t)
{
    if (t > 0 && (*wake_at <= 0 || t < *wake_at))
        *wake_at = t;
}

/* Picks the jobs to start now, marks them active and locks their lock
 * files; inside a write transaction. *wake_at: when a job that waits for a
 * time (its startTime, its reservation's start, the end of a reservation
 * that holds the slots) could start, or 0. */
static int pick_jobs(stub_store *s, long total, picked *out, int cap, double *wake_at)
{
    array_use arrays[PICK_ARRAYS_CACHED];
    res_use res[PICK_RESERVATIONS_CACHED];
    int narrays = 0, nres = 0, n = 0, scanned = 0;
    double now = stub_now();
    long long reserved_now, free_plain, any_res;
    sqlite3_stmt *st;

    /* the slots the latest submitter saw (DRMAA2_STUB_SLOTS), so that every
     * process dispatching for this state directory agrees */
    total = (long) query_ll(s, "SELECT COALESCE((SELECT value FROM config WHERE key = 'slots'), "
                            "?1)", "i", total, 0);
    reserved_now = query_ll(s, "SELECT COALESCE(SUM(slots), 0) FROM reservations WHERE "
                            RESERVATION_LIVE_UNTIL_SQL " > ?1 AND terminated IS NULL "
                            "AND start_time <= ?1 "
                            "AND (end_time IS NULL OR end_time > ?1)", "d", 0, now);
    any_res = query_ll(s, "SELECT COUNT(*) FROM reservations WHERE "
                       RESERVATION_LIVE_UNTIL_SQL " > ?1 AND terminated IS NULL "
                       "AND (end_time IS NULL OR end_time > ?1)", "d", 0, now);
    free_plain = total - reserved_now -
                 query_ll(s, "SELECT COALESCE(SUM(slots), 0) FROM jobs "
                          "WHERE phase = " PHASE_SQL(PHASE_ACTIVE) " AND reservation IS NULL",
                          "", 0, 0);
    if (free_plain <= 0 && any_res == 0)
        return 0;
    st = store_stmt(s, "SELECT id, slots, reservation, array_id, not_before FROM jobs "
                    "WHERE phase = ?1 AND state = ?2 ORDER BY priority DESC, id",
                    "ii", (long long) PHASE_PENDING, (long long) DRMAA2_QUEUED);
    while (st != NULL && n < cap && scanned++ < DISPATCH_SCAN_LIMIT &&
           store_step(s, st) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        long long slots = sqlite3_column_int64(st, 1);
        int has_res = sqlite3_column_type(st, 2) != SQLITE_NULL;
        long long rid = sqlite3_column_int64(st, 2);
        int in_array = sqlite3_column_type(st, 3) != SQLITE_NULL;
        long long aid = sqlite3_column_int64(st, 3);
        array_use *a = NULL;
        res_use *r = NULL;
        char *path;
        int fd;

        if (free_plain <= 0 && any_res == 0)
            break;
        if (sqlite3_column_type(st, 4) != SQLITE_NULL && sqlite3_column_double(st, 4) > now) {
            wake_no_later(wake_at, sqlite3_column_double(st, 4));
            continue;
        }
        if (in_array) {
            a = array_lookup(s, arrays, &narrays, (int) STUB_COUNT(arrays), aid);
            if (a == NULL || (a->max_parallel > 0 && a->active >= a->max_parallel))
                continue;
        }
        if (has_res) {
            r = res_lookup(s, res, &nres, (int) STUB_COUNT(res), rid, now);
            if (r != NULL && r->state == 0)
                wake_no_later(wake_at, r->start);
            if (r == NULL || r->state == 0)
                continue;
            if (r->state == 2) {
                fail_job_locked(s, id, "its reservation has ended or was terminated "
                                "before the job could start");
                continue;
            }
            if (r->active + slots > r->slots)
                continue;
        } else if (slots > free_plain) {
            if (reserved_now > 0)
                wake_no_later(wake_at, earliest_reservation_end(s, now));
            continue;
        }
        path = store_lock_path(s, id);
        if (path == NULL)
            break;
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        free(path);
        if (fd < 0) {
            fail_job_locked(s, id, "cannot create the job's lock file in the state directory");
            continue;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            close(fd);
            continue;
        }
        sched_reserve_end_note(fd);
        if (store_exec(s, "UPDATE jobs SET phase = ?1, substate = 'starting' WHERE id = ?2",
                       "ii", (long long) PHASE_ACTIVE, id) != DRMAA2_SUCCESS) {
            close(fd);
            break;
        }
        if (a != NULL)
            a->active++;
        if (r != NULL)
            r->active += slots;
        else
            free_plain -= slots;
        out[n].id = id;
        out[n].lock_fd = fd;
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

/* Starts a supervisor: for one job (it inherits the locked lock file as
 * fd 3), or with lock_fd < 0 as a timer that starts queued jobs at a time. */
static int spawn_supervisor(stub_store *s, const char *what, int lock_fd, long total)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    char slots_env[64], grace_env[64], *sup_env = NULL;
    char *argv[5], *envp[4];
    long grace = sched_kill_grace_ms();
    pid_t pid;
    int rc, status, argc = 0;

    pthread_once(&supervisor_once, supervisor_path_init);
    if (supervisor_path[0] == '\0')
        return ENOENT;
    snprintf(slots_env, sizeof slots_env, "DRMAA2_STUB_SLOTS=%ld", total);
    sup_env = stub_strprintf("DRMAA2_STUB_SUPERVISOR=%s", supervisor_path);
    if (sup_env == NULL)
        return ENOMEM;
    argv[argc++] = supervisor_path;
    if (lock_fd < 0)
        argv[argc++] = (char *) "--at";
    argv[argc++] = s->dir;
    argv[argc++] = (char *) what;
    argv[argc] = NULL;
    /* the grace of a job over its WALLCLOCK_TIME, as the dispatcher's
     * (a bad value fell back to the default: the submission was refused) */
    if (grace < 0) {
        stub_clear_error();
        grace = KILL_GRACE_DEFAULT_MS;
    }
    snprintf(grace_env, sizeof grace_env, "DRMAA2_STUB_KILL_GRACE=%ld.%03ld", grace / 1000,
             grace % 1000);
    envp[0] = slots_env;
    envp[1] = sup_env;
    envp[2] = grace_env;
    envp[3] = NULL;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    if (lock_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, lock_fd, 3);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                             POSIX_SPAWN_SETSID);
    rc = posix_spawn(&pid, supervisor_path, &fa, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    free(sup_env);
    if (rc != 0)
        return rc;
    /* The supervisor forks itself away at once; collect the first half. */
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return 0;
}

/* Makes sure queued jobs are looked at again at time at (seconds since the
 * epoch): unless a timer is already due by then, starts one. */
static void schedule_timer(stub_store *s, double at, long total)
{
    double now = stub_now();
    long long due;
    char when[64];
    sqlite3_stmt *st;

    if (at <= now || store_begin(s) != DRMAA2_SUCCESS)
        return;
    st = store_stmt(s, "SELECT COUNT(*) FROM timers WHERE at > ?1 AND at <= ?2 + 0.001", "dd",
                    now, at);
    due = st != NULL && store_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
    sqlite3_finalize(st);
    if (due > 0 || store_exec(s, "INSERT OR IGNORE INTO timers (at) VALUES (?1)", "d", at) !=
                       DRMAA2_SUCCESS) {
        store_rollback(s);
        return;
    }
    if (store_commit(s) != DRMAA2_SUCCESS)
        return;
    snprintf(when, sizeof when, "%.3f", at + 0.002);   /* never wake before at */
    spawn_supervisor(s, when, -1, total);
}

static void dispatch(stub_store *s, long long *keep_id, int *keep_fd);

void sched_dispatch(stub_store *s)
{
    dispatch(s, NULL, NULL);
    stub_clear_error();
}

int sched_dispatch_keep(stub_store *s, long long *keep_id, int *keep_fd)
{
    *keep_id = -1;
    *keep_fd = -1;
    dispatch(s, keep_id, keep_fd);
    stub_clear_error();
    return *keep_id >= 0;
}

static void record_spawn_failure(stub_store *s, long long id, int rc)
{
    char *why = stub_strprintf("cannot start the supervising process %s: %s",
                               supervisor_path[0] != '\0' ? supervisor_path : SUPERVISOR_NAME,
                               strerror(rc));
    if (store_begin(s) == DRMAA2_SUCCESS) {
        if (fail_job_locked(s, id, why != NULL ? why : "cannot start the supervising "
                            "process") == DRMAA2_SUCCESS)
            store_commit(s);
        else
            store_rollback(s);
    }
    free(why);
}

/* Picks and starts jobs until no more fit. With keep_id, the first job
 * picked is not given a supervisor: the caller (a supervisor that finished
 * its job) runs it, with its lock file open as *keep_fd. */
static void dispatch(stub_store *s, long long *keep_id, int *keep_fd)
{
    char idbuf[32];
    picked jobs[DISPATCH_BATCH];
    long total;
    int n, i;

    sched_check_all(s);
    total = stub_slots_total();
    if (total <= 0) {
        /* a bad DRMAA2_STUB_SLOTS: nothing starts; run_job reports it */
        return;
    }
    for (;;) {
        double wake_at = 0;
        if (store_begin(s) != DRMAA2_SUCCESS)
            return;
        n = pick_jobs(s, total, jobs, (int) STUB_COUNT(jobs), &wake_at);
        if (n == 0) {
            store_rollback(s);
            if (wake_at > 0)
                schedule_timer(s, wake_at, total);
            return;
        }
        if (store_commit(s) != DRMAA2_SUCCESS) {
            for (i = 0; i < n; i++)
                close(jobs[i].lock_fd);
            return;
        }
        for (i = 0; i < n; i++) {
            int rc;
            if (keep_id != NULL && *keep_id < 0) {
                *keep_id = jobs[i].id;
                *keep_fd = jobs[i].lock_fd;
                continue;
            }
            snprintf(idbuf, sizeof idbuf, "%lld", jobs[i].id);
            rc = spawn_supervisor(s, idbuf, jobs[i].lock_fd, total);
            close(jobs[i].lock_fd);
            if (rc != 0)
                record_spawn_failure(s, jobs[i].id, rc);
        }
        store_notify(s);
        if (n < (int) STUB_COUNT(jobs)) {
            if (wake_at > 0)
                schedule_timer(s, wake_at, total);
            return;
        }
    }
}
