/* The store: the SQLite database of one state directory (sessions, jobs,
 * arrays, reservations, events), shared by every process that uses it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "jobs.h"

#define STORE_BUSY_LIMIT_S 60.0
#define SETUP_LOCK "setup.lock"
#define STORE_VERSION 2
#define STORE_VERSION_TEXT "2"

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS sessions ("
    "  kind TEXT NOT NULL, name TEXT NOT NULL, owner INTEGER NOT NULL, contact TEXT,"
    "  created REAL NOT NULL, PRIMARY KEY (kind, owner, name));"
    "CREATE TABLE IF NOT EXISTS arrays ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, owner INTEGER NOT NULL,"
    "  jt BLOB NOT NULL, begin_index INTEGER NOT NULL, end_index INTEGER NOT NULL,"
    "  step INTEGER NOT NULL, max_parallel INTEGER NOT NULL, submitted REAL NOT NULL, env BLOB);"
    "CREATE TABLE IF NOT EXISTS jobs ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, owner INTEGER NOT NULL,"
    "  owner_name TEXT, array_id INTEGER, task_index INTEGER, jt BLOB, name TEXT,"
    "  state INTEGER NOT NULL, substate TEXT, phase INTEGER NOT NULL,"
    "  priority INTEGER NOT NULL, slots INTEGER NOT NULL, reservation INTEGER,"
    "  not_before REAL, cwd TEXT, env BLOB, submission_machine TEXT, allocated_machine TEXT,"
    "  submitted REAL NOT NULL, dispatched REAL, finished REAL, exit_status INTEGER,"
    "  term_signal INTEGER, annotation TEXT, cpu_ms INTEGER, max_rss_kib INTEGER,"
    "  sup_pid INTEGER, pgid INTEGER, term_requested INTEGER NOT NULL DEFAULT 0,"
    "  term_grace_ms INTEGER);"
    "CREATE INDEX IF NOT EXISTS jobs_pending ON jobs (phase, state, priority DESC, id);"
    "CREATE INDEX IF NOT EXISTS jobs_by_session ON jobs (session, owner);"
    "CREATE INDEX IF NOT EXISTS jobs_by_array ON jobs (array_id);"
    "CREATE TABLE IF NOT EXISTS reservations ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, owner INTEGER NOT NULL,"
    "  owner_name TEXT, name TEXT, rt BLOB NOT NULL, acl BLOB, start_time REAL NOT NULL,"
    "  end_time REAL, slots INTEGER NOT NULL, terminated REAL);"
    "CREATE INDEX IF NOT EXISTS reservations_live ON reservations ("
    RESERVATION_LIVE_UNTIL_SQL ");"
    "CREATE TABLE IF NOT EXISTS events ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL, session TEXT NOT NULL,"
    "  state INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_by_job ON events (job_id);"
    "CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS timers (at REAL PRIMARY KEY);";

static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static stub_store *stores = NULL;

static void store_fork_prepare(void);

double stub_now(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double) tv.tv_sec + (double) tv.tv_usec / 1e6;
}

static char hostname_buf[HOST_NAME_MAX + 1];
static pthread_once_t hostname_once = PTHREAD_ONCE_INIT;

static void hostname_init(void)
{
    if (gethostname(hostname_buf, sizeof hostname_buf - 1) != 0 || hostname_buf[0] == '\0')
        strcpy(hostname_buf, "localhost");
}

const char *stub_hostname(void)
{
    pthread_once(&hostname_once, hostname_init);
    return hostname_buf;
}

char *stub_username(void)
{
    struct passwd pw, *found = NULL;
    char buf[4096];
    if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &found) == 0 && found != NULL)
        return stub_strdup(pw.pw_name);
    return stub_strprintf("%lu", (unsigned long) getuid());
}

static int busy_handler(void *arg, int count)
{
    stub_store *s = arg;
    struct timespec ts;
    (void) s;
    /* count * up to 2 ms gives up after about STORE_BUSY_LIMIT_S seconds */
    if ((double) count * 0.002 > STORE_BUSY_LIMIT_S)
        return 0;
    ts.tv_sec = 0;
    ts.tv_nsec = (count < 20 ? 100000L * (count + 1) : 2000000L);
    nanosleep(&ts, NULL);
    return 1;
}

drmaa2_error store_error(stub_store *s, const char *what)
{
    int code = s->db != NULL ? sqlite3_errcode(s->db) : SQLITE_ERROR;
    const char *text = s->db != NULL ? sqlite3_errmsg(s->db) : "no database";
    drmaa2_error e = DRMAA2_INTERNAL;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        e = DRMAA2_TRY_LATER;
    else if (code == SQLITE_NOMEM || code == SQLITE_FULL)
        e = DRMAA2_OUT_OF_RESOURCE;
    return stub_error(e, "job store %s/jobs.db: %s: %s", s->dir, what, text);
}

/* 1 if the database file this connection has open is no longer the state
 * directory's jobs.db: removed (the directory deleted) or replaced (another
 * store made there since). SQLite keeps the file open, so its inode number
 * cannot be reused while we compare. */
static int store_moved(stub_store *s)
{
    int moved = 0;
    if (s->db == NULL ||
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        return 0;
    return moved;
}

/* Refuses to go on with a store that is gone: whatever would be written
 * there is lost, and a job submitted there would never run. */
static drmaa2_error store_check_present(stub_store *s)
{
    if (!store_moved(s))
        return DRMAA2_SUCCESS;
    return stub_error(DRMAA2_INTERNAL,
                      "job store %s/jobs.db was removed or replaced while in use (was the "
                      "state directory %s deleted or made anew?): nothing can be read from "
                      "or recorded in it any more; open the session again to use what that "
                      "directory holds now", s->dir, s->dir);
}

/* Creates dir (and missing parents) with mode 0700; refuses a directory
 * that is not ours or that others can write. */
static drmaa2_error prepare_dir(const char *dir)
{
    struct stat st;
    char *copy, *p;

    if (stat(dir, &st) != 0) {
        if (errno != ENOENT)
            return stub_error(DRMAA2_DRM_COMMUNICATION, "state directory %s: %s", dir,
                              strerror(errno));
        copy = stub_strdup(dir);
        if (copy == NULL)
            return DRMAA2_OUT_OF_RESOURCE;
        for (p = copy + 1; *p != '\0'; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
                drmaa2_error e = stub_error(DRMAA2_DRM_COMMUNICATION,
                                            "cannot create state directory %s: %s", copy,
                                            strerror(errno));
                free(copy);
                return e;
            }
            *p = '/';
        }
        free(copy);
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return stub_error(DRMAA2_DRM_COMMUNICATION, "cannot create state directory %s: %s",
                              dir, strerror(errno));
        if (stat(dir, &st) != 0)
            return stub_error(DRMAA2_DRM_COMMUNICATION, "state directory %s: %s", dir,
                              strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return stub_error(DRMAA2_DENIED_BY_DRMS, "state directory %s is not a directory", dir);
    if (st.st_uid != getuid())
        return stub_error(DRMAA2_DENIED_BY_DRMS,
                          "state directory %s belongs to uid %lu, not to this user (uid %lu)",
                          dir, (unsigned long) st.st_uid, (unsigned long) getuid());
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return stub_error(DRMAA2_DENIED_BY_DRMS,
                          "state directory %s can be written by others (mode %04o); "
                          "refusing to use it (chmod 700 it or choose another "
                          "DRMAA2_STUB_STATE_DIR)", dir, (unsigned) (st.st_mode & 07777));
    /* SQLite would only say "unable to open database file" */
    if (access(dir, W_OK | X_OK) != 0)
        return stub_error(DRMAA2_DRM_COMMUNICATION,
                          "state directory %s is not writable (%s); the job store needs to "
                          "write there, even to read", dir, strerror(errno));
    return DRMAA2_SUCCESS;
}

/* A new database gets this schema version; an existing one must have it. */
static int check_version(stub_store *s, char **err)
{
    sqlite3_stmt *st = NULL;
    int version = -1, has_tables = 0, rc;

    rc = sqlite3_prepare_v2(s->db, "SELECT (SELECT user_version FROM pragma_user_version), "
                            "(SELECT COUNT(*) FROM sqlite_master WHERE name = 'jobs')", -1,
                            &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        version = sqlite3_column_int(st, 0);
        has_tables = sqlite3_column_int(st, 1) > 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (!has_tables)
        return sqlite3_exec(s->db, "PRAGMA user_version = " STORE_VERSION_TEXT, NULL, NULL, err);
    if (version != STORE_VERSION) {
        *err = sqlite3_mprintf("it was made by another version of the stub (schema %d, this "
                               "one uses %d); remove the state directory %s", version,
                               STORE_VERSION, s->dir);
        return SQLITE_MISMATCH;
    }
    return SQLITE_OK;
}

static drmaa2_error open_db_now(stub_store *s)
{
    char *path = stub_strprintf("%s/jobs.db", s->dir);
    char *err = NULL;
    int rc;

    if (path == NULL)
        return DRMAA2_OUT_OF_RESOURCE;
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                         SQLITE_OPEN_FULLMUTEX, NULL);
    free(path);
    if (rc != SQLITE_OK) {
        drmaa2_error e = store_error(s, "cannot open");
        sqlite3_close(s->db);
        s->db = NULL;
        return e;
    }
    sqlite3_busy_handler(s->db, busy_handler, s);
    rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                      "PRAGMA journal_size_limit=16777216;", NULL, NULL, &err);
    if (rc == SQLITE_OK)
        rc = check_version(s, &err);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        drmaa2_error e = stub_error(rc == SQLITE_MISMATCH ? DRMAA2_DENIED_BY_DRMS : DRMAA2_INTERNAL,
                                    "job store %s/jobs.db: cannot set up: %s",
                                    s->dir, err != NULL ? err : sqlite3_errmsg(s->db));
        sqlite3_free(err);
        sqlite3_close(s->db);
        s->db = NULL;
        return e;
    }
    return DRMAA2_SUCCESS;
}

/* Opening a store happens under an exclusive lock of SETUP_LOCK in the
 * state directory: SQLite creates jobs.db empty and writes its first page a
 * moment later, so an empty jobs.db found under the lock is no store being
 * made but one that lost its content. */
static drmaa2_error open_db(stub_store *s)
{
    char *lock = stub_strprintf("%s/" SETUP_LOCK, s->dir);
    char *path = stub_strprintf("%s/jobs.db", s->dir);
    struct stat st;
    drmaa2_error e = DRMAA2_SUCCESS;
    int fd = -1, tries;

    if (lock == NULL || path == NULL) {
        free(lock);
        free(path);
        return DRMAA2_OUT_OF_RESOURCE;
    }
    /* where no lock file can be made, no store can be made either: no race */
    fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        fd = open(lock, O_RDONLY | O_CLOEXEC);
    for (tries = 0; fd >= 0 && e == DRMAA2_SUCCESS && flock(fd, LOCK_EX | LOCK_NB) != 0;
         tries++) {
        struct timespec pause = {0, 10000000L};
        if (errno != EWOULDBLOCK && errno != EINTR)
            e = stub_error(DRMAA2_DRM_COMMUNICATION, "cannot lock %s: %s", lock, strerror(errno));
        else if (tries * 0.01 > STORE_BUSY_LIMIT_S)
            e = stub_error(DRMAA2_TRY_LATER, "%s is held by another process for more than "
                           "%.0f s", lock, STORE_BUSY_LIMIT_S);
        else
            nanosleep(&pause, NULL);
    }
    if (e == DRMAA2_SUCCESS && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
        e = stub_error(DRMAA2_DENIED_BY_DRMS,
                       "job store %s is empty (zero length): it is no job store, and taking it "
                       "for a new one would lose every session it held; remove it, or the state "
                       "directory %s, to start a new store", path, s->dir);
    if (e == DRMAA2_SUCCESS)
        e = open_db_now(s);
    if (fd >= 0)
        close(fd);   /* releases the lock */
    free(lock);
    free(path);
    return e;
}

static void store_destroy(stub_store *s)
{
    if (s->db != NULL)
        sqlite3_close(s->db);
    if (s->notify_fd >= 0)
        close(s->notify_fd);
    pthread_mutex_destroy(&s->lock);
    free(s->dir);
    free(s);
}

stub_store *store_open_dir(const char *dir)
{
    stub_store *s;
    char *notify;
    sqlite3_stmt *st;

    store_fork_prepare();
    pthread_mutex_lock(&stores_lock);
    for (s = stores; s != NULL; s = s->next) {
        if (strcmp(s->dir, dir) == 0 && s->pid == getpid() && !store_moved(s)) {
            s->refs++;
            pthread_mutex_unlock(&stores_lock);
            return s;
        }
    }
    if (prepare_dir(dir) != DRMAA2_SUCCESS) {
        pthread_mutex_unlock(&stores_lock);
        return NULL;
    }
    s = calloc(1, sizeof *s);
    if (s == NULL) {
        pthread_mutex_unlock(&stores_lock);
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory opening the job store");
        return NULL;
    }
    s->notify_fd = -1;
    s->refs = 1;
    s->pid = getpid();
    pthread_mutex_init(&s->lock, NULL);
    s->dir = stub_strdup(dir);
    if (s->dir == NULL || open_db(s) != DRMAA2_SUCCESS) {
        store_destroy(s);
        pthread_mutex_unlock(&stores_lock);
        return NULL;
    }
    notify = store_notify_path(s);
    if (notify == NULL) {
        store_destroy(s);
        pthread_mutex_unlock(&stores_lock);
        return NULL;
    }
    s->notify_fd = open(notify, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (s->notify_fd < 0) {
        stub_error(DRMAA2_DRM_COMMUNICATION, "cannot open %s: %s", notify, strerror(errno));
        free(notify);
        store_destroy(s);
        pthread_mutex_unlock(&stores_lock);
        return NULL;
    }
    free(notify);
    notify = stub_strprintf("%s/run", s->dir);
    if (notify == NULL || (mkdir(notify, 0700) != 0 && errno != EEXIST)) {
        if (notify != NULL)
            stub_error(DRMAA2_DRM_COMMUNICATION, "cannot create %s: %s", notify, strerror(errno));
        free(notify);
        store_destroy(s);
        pthread_mutex_unlock(&stores_lock);
        return NULL;
    }
    free(notify);
    st = store_stmt(s, "SELECT COALESCE(MAX(seq), 0) FROM events", "");
    if (st != NULL) {
        if (sqlite3_step(st) == SQLITE_ROW)
            s->event_seq = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    s->next = stores;
    stores = s;
    pthread_mutex_unlock(&stores_lock);
    return s;
}

stub_store *store_open_current(void)
{
    const char *env = getenv("DRMAA2_STUB_STATE_DIR");
    char *dir;
    stub_store *s;

    if (env != NULL && env[0] != '\0') {
        if (env[0] == '/') {
            dir = stub_strdup(env);
        } else {
            char cwd[PATH_MAX];
            if (getcwd(cwd, sizeof cwd) == NULL) {
                stub_error(DRMAA2_DRM_COMMUNICATION,
                           "DRMAA2_STUB_STATE_DIR=%s is relative and the current directory "
                           "is unknown: %s", env, strerror(errno));
                return NULL;
            }
            dir = stub_strprintf("%s/%s", cwd, env);
        }
    } else {
        const char *home = getenv("HOME");
        struct passwd pw, *found = NULL;
        char buf[4096];
        if (home == NULL || home[0] == '\0') {
            if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &found) != 0 || found == NULL) {
                stub_error(DRMAA2_DRM_COMMUNICATION,
                           "no state directory: DRMAA2_STUB_STATE_DIR is unset and the "
                           "home directory is unknown");
                return NULL;
            }
            home = pw.pw_dir;
        }
        dir = stub_strprintf("%s/.drmaa2-stub", home);
    }
    if (dir == NULL)
        return NULL;
    /* strip trailing slashes so that one directory has one store */
    while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
        dir[strlen(dir) - 1] = '\0';
    s = store_open_dir(dir);
    free(dir);
    return s;
}

void store_retain(stub_store *s)
{
    pthread_mutex_lock(&stores_lock);
    s->refs++;
    pthread_mutex_unlock(&stores_lock);
}

void store_release(stub_store *s)
{
    stub_store **p;
    if (s == NULL)
        return;
    pthread_mutex_lock(&stores_lock);
    if (--s->refs > 0) {
        pthread_mutex_unlock(&stores_lock);
        return;
    }
    for (p = &stores; *p != NULL; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            break;
        }
    }
    /* closed under stores_lock: a fork never comes while a thread is inside sqlite3_close */
    store_destroy(s);
    pthread_mutex_unlock(&stores_lock);
}

/* ------------------------------------------------------------ fork
 * A fork waits for the transactions that other threads have in progress (so
 * that no thread of the parent is inside SQLite, holding its mutexes, when the
 * child is made) and holds the list of stores; the child starts with every
 * store's lock free and, at its first transaction in each store, opens a
 * connection of its own (store_lock): it never uses, nor closes, its
 * parent's.  The handles a child inherited go on working. */
/* The store whose lock this thread holds (a thread holds one at a time). */
static __thread stub_store *held_here = NULL;
/* The stores a fork holds: fork_stores and those after it in the list (stores
 * are added at the head, so this part of the list does not change meanwhile). */
static stub_store *fork_stores = NULL;

static void store_mutex_lock(stub_store *s)
{
    pthread_mutex_lock(&s->lock);
    held_here = s;
}

static void store_mutex_unlock(stub_store *s)
{
    held_here = NULL;
    pthread_mutex_unlock(&s->lock);
}

/* Lock order: a store's lock before stores_lock (a handle made inside a
 * transaction retains its store). */
static void store_before_fork(void)
{
    stub_store *s;
    pthread_mutex_lock(&stores_lock);
    for (s = stores; s != NULL; s = s->next)
        s->refs++;   /* none of them goes away while the fork waits */
    fork_stores = stores;
    pthread_mutex_unlock(&stores_lock);
    for (s = fork_stores; s != NULL; s = s->next)
        if (s != held_here)
            pthread_mutex_lock(&s->lock);
    pthread_mutex_lock(&stores_lock);
}

static void store_after_fork_parent(void)
{
    stub_store *s, *next;
    pthread_mutex_unlock(&stores_lock);
    for (s = fork_stores; s != NULL; s = s->next)
        if (s != held_here)
            pthread_mutex_unlock(&s->lock);
    for (s = fork_stores; s != NULL; s = next) {
        next = s->next;
        store_release(s);
    }
    fork_stores = NULL;
}

/* The child is one thread: nothing else can hold a lock.  The parent's
 * connections are left alone (neither used nor closed: SQLite forbids both);
 * each store opens the child's own at its first transaction.  The fork's
 * references go, and a store no one refers to stays until the child ends. */
static void store_after_fork_child(void)
{
    const pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    stub_store *s;
    int held_by_fork = 0;
    stores_lock = fresh;
    for (s = stores; s != NULL; s = s->next) {
        held_by_fork = held_by_fork || s == fork_stores;
        if (s != held_here) {
            s->lock = fresh;
            if (s->db != NULL)
                s->inherited = s->db;   /* kept, so that it is not taken for a leak */
            s->db = NULL;
        }
        if (held_by_fork)
            s->refs--;
    }
    fork_stores = NULL;
}

static void store_fork_register(void)
{
    pthread_atfork(store_before_fork, store_after_fork_parent, store_after_fork_child);
}

/* Registered at the first store, after the constructors' handlers: prepare
 * handlers run last registered first, so this one waits for the transactions
 * before implspec.c takes its registry's lock (which a transaction may need). */
static void store_fork_prepare(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, store_fork_register);
}

/* A forked child must not use its parent's connection: it opens its own. */
static drmaa2_error store_lock(stub_store *s)
{
    store_mutex_lock(s);
    if (s->pid != getpid()) {
        s->db = NULL;   /* the parent's connection belongs to the parent */
        s->pid = getpid();
        if (open_db(s) != DRMAA2_SUCCESS) {
            store_mutex_unlock(s);
            return drmaa2_lasterror();
        }
    }
    return DRMAA2_SUCCESS;
}

static drmaa2_error begin(stub_store *s, const char *sql)
{
    drmaa2_error e = store_lock(s);
    if (e != DRMAA2_SUCCESS)
        return e;
    if ((e = store_check_present(s)) != DRMAA2_SUCCESS) {
        store_mutex_unlock(s);
        return e;
    }
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        e = store_error(s, "cannot begin a transaction");
        store_mutex_unlock(s);
        return e;
    }
    return DRMAA2_SUCCESS;
}

drmaa2_error store_begin(stub_store *s)
{
    return begin(s, "BEGIN IMMEDIATE");
}

drmaa2_error store_begin_read(stub_store *s)
{
    return begin(s, "BEGIN");
}

drmaa2_error store_commit(stub_store *s)
{
    drmaa2_error e = store_check_present(s);
    if (e != DRMAA2_SUCCESS)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        e = store_error(s, "cannot commit");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    store_mutex_unlock(s);
    return e;
}

void store_rollback(stub_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    store_mutex_unlock(s);
}

static sqlite3_stmt *stmt_v(stub_store *s, const char *sql, const char *fmt, va_list ap)
{
    sqlite3_stmt *st = NULL;
    int i, rc = SQLITE_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_error(s, "cannot prepare a statement");
        return NULL;
    }
    for (i = 0; fmt[i] != '\0' && rc == SQLITE_OK; i++) {
        switch (fmt[i]) {
        case 'i':
            rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
            break;
        case 'd':
            rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 't': {
            const char *t = va_arg(ap, const char *);
            rc = t == NULL ? sqlite3_bind_null(st, i + 1)
                           : sqlite3_bind_text(st, i + 1, t, -1, SQLITE_TRANSIENT);
            break;
        }
        case 'b': {
            const char *b = va_arg(ap, const char *);
            int n = va_arg(ap, int);
            rc = b == NULL ? sqlite3_bind_null(st, i + 1)
                           : sqlite3_bind_blob(st, i + 1, b, n, SQLITE_TRANSIENT);
            break;
        }
        default:
            rc = SQLITE_MISUSE;
        }
    }
    if (rc != SQLITE_OK) {
        store_error(s, "cannot bind a value");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

sqlite3_stmt *store_stmt(stub_store *s, const char *sql, const char *fmt, ...)
{
    va_list ap;
    sqlite3_stmt *st;
    va_start(ap, fmt);
    st = stmt_v(s, sql, fmt, ap);
    va_end(ap);
    return st;
}

drmaa2_error store_exec(stub_store *s, const char *sql, const char *fmt, ...)
{
    va_list ap;
    sqlite3_stmt *st;
    int rc;
    va_start(ap, fmt);
    st = stmt_v(s, sql, fmt, ap);
    va_end(ap);
    if (st == NULL)
        return drmaa2_lasterror();
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_error(s, "cannot write");
    return DRMAA2_SUCCESS;
}

int store_step(stub_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc;
    store_error(s, "cannot read");
    return -1;
}

char *store_column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t == NULL ? NULL : stub_strdup((const char *) t);
}

void store_notify(stub_store *s)
{
    static const char mark = '.';
    if (s->notify_fd >= 0 && pwrite(s->notify_fd, &mark, 1, 0) < 0) {
        /* a waiter still sees the change on its next periodic look */
    }
}

char *store_notify_path(const stub_store *s)
{
    return stub_strprintf("%s/notify", s->dir);
}

char *store_lock_path(const stub_store *s, long long job_id)
{
    return stub_strprintf("%s/run/%lld.lock", s->dir, job_id);
}
