/*
 * jobs.h: what the job side of the stub shares: the store (SQLite, store.c),
 * the template codec (codec.c), the handles, scheduling and the supervisor
 * (sched.c), job records (jobrec.c), waiting (wait.c) and events (events.c).
 * Nothing here is exported from libdrmaa2.so.
 */
#ifndef STUB_JOBS_H
#define STUB_JOBS_H

#include <pthread.h>
#include <sqlite3.h>
#include <sys/types.h>

#include "stub.h"

/* Resets this thread's last error after an internal step that set one but
 * did not make the API call fail (no fault is injected for this name). */
#define stub_clear_error() ((void) stub_enter("(internal)"))

/* ------------------------------------------------------------ the store */

/* One open state directory: its database connection, shared by every handle
 * of this process that uses that directory. */
typedef struct stub_store {
    char *dir;                 /* the state directory, absolute */
    sqlite3 *db;
    sqlite3 *inherited;        /* in a forked child, the parent's db: neither used nor closed */
    pthread_mutex_t lock;      /* held for the length of a transaction */
    int refs;
    pid_t pid;                 /* the process that opened db */
    int notify_fd;             /* the notify file, written after each state change */
    long long event_seq;       /* events up to here were delivered (events.c) */
    struct stub_store *next;
} stub_store;

/* The store of DRMAA2_STUB_STATE_DIR (default ~/.drmaa2-stub), created 0700
 * if missing; a new reference. NULL with the error set. */
STUB_INTERNAL stub_store *store_open_current(void);
/* The store of one directory (a new reference); NULL with the error set. */
STUB_INTERNAL stub_store *store_open_dir(const char *dir);
STUB_INTERNAL void store_retain(stub_store *s);
STUB_INTERNAL void store_release(stub_store *s);

/* A write transaction (BEGIN IMMEDIATE) or a read transaction; both hold the
 * store's mutex until store_commit / store_rollback. */
STUB_INTERNAL drmaa2_error store_begin(stub_store *s);
STUB_INTERNAL drmaa2_error store_begin_read(stub_store *s);
STUB_INTERNAL drmaa2_error store_commit(stub_store *s);
STUB_INTERNAL void store_rollback(stub_store *s);

/* Prepares sql and binds the arguments described by fmt, one character per
 * parameter: 'i' long long, 'd' double, 't' const char * (NULL binds NULL),
 * 'b' const char * and int length (a blob). NULL with the error set. */
STUB_INTERNAL sqlite3_stmt *store_stmt(stub_store *s, const char *sql, const char *fmt, ...);
/* Runs a statement that returns no rows; the error code. */
STUB_INTERNAL drmaa2_error store_exec(stub_store *s, const char *sql, const char *fmt, ...);
/* Steps a statement: SQLITE_ROW, SQLITE_DONE, or -1 with the error set. */
STUB_INTERNAL int store_step(stub_store *s, sqlite3_stmt *st);
/* Sets the last error from the connection's error; returns the code. */
STUB_INTERNAL drmaa2_error store_error(stub_store *s, const char *what);
/* A malloc'd copy of a text column; NULL for SQL NULL. */
STUB_INTERNAL char *store_column_text(sqlite3_stmt *st, int col);
/* Wakes every waiter of this state directory (after a state change). */
STUB_INTERNAL void store_notify(stub_store *s);
/* The path of the notify file (malloc'd) and of a job's lock file. */
STUB_INTERNAL char *store_notify_path(const stub_store *s);
STUB_INTERNAL char *store_lock_path(const stub_store *s, long long job_id);

/* The current time in seconds since the epoch, with fractions. */
STUB_INTERNAL double stub_now(void);
/* This machine's host name (static storage) and the user's name and uid. */
STUB_INTERNAL const char *stub_hostname(void);
STUB_INTERNAL char *stub_username(void);

/* ------------------------------------------------------------ the codec */

typedef struct stub_buf {
    char *data;
    size_t len, cap;
    int failed;
} stub_buf;

STUB_INTERNAL void buf_free(stub_buf *b);
/* A job or reservation template as one string, and back. NULL / error set. */
STUB_INTERNAL drmaa2_error codec_encode_jt(const drmaa2_jtemplate jt, stub_buf *out);
STUB_INTERNAL drmaa2_jtemplate codec_decode_jt(const char *data, size_t len);
STUB_INTERNAL drmaa2_error codec_encode_rt(const drmaa2_rtemplate rt, stub_buf *out);
STUB_INTERNAL drmaa2_rtemplate codec_decode_rt(const char *data, size_t len);
STUB_INTERNAL drmaa2_error codec_encode_strings(const drmaa2_string_list l, stub_buf *out);
STUB_INTERNAL drmaa2_string_list codec_decode_strings(const char *data, size_t len);

/* ------------------------------------------------------------ handles */

struct drmaa2_jsession_s {
    char *name;
    stub_store *store;
    int closed;
    struct drmaa2_jsession_s *next_open;   /* the registry of open sessions (events.c) */
};

struct drmaa2_rsession_s {
    char *name;
    stub_store *store;
    int closed;
};

struct drmaa2_msession_s {
    char *name;
    stub_store *store;
    int closed;
};

struct drmaa2_j_s {
    long long id;
    char *session;
    stub_store *store;
};

struct drmaa2_jarray_s {
    long long id;
    char *session;
    stub_store *store;
};

struct drmaa2_r_s {
    long long id;
    char *session;
    stub_store *store;
};

STUB_INTERNAL drmaa2_j job_handle_new(stub_store *s, long long id, const char *session);
STUB_INTERNAL drmaa2_r reservation_handle_new(stub_store *s, long long id, const char *session);

/* ------------------------------------------------------------ jobs */

/* A job's internal phase: PENDING (QUEUED or QUEUED_HELD, no process),
 * ACTIVE (holds its slots: being started, RUNNING or SUSPENDED), ENDED.
 * Macros, so that SQL text names them too: "phase = " PHASE_SQL(PHASE_ACTIVE). */
#define PHASE_PENDING 0
#define PHASE_ACTIVE 1
#define PHASE_ENDED 2
#define PHASE_SQL(phase) PHASE_SQL_TEXT(phase)
#define PHASE_SQL_TEXT(phase) #phase

/* Validates a session name: not NULL or empty, at most 255 bytes, no '/',
 * no "..", no control characters; what names the calling function. */
STUB_INTERNAL drmaa2_error stub_check_session_name(const char *name, const char *what);

/* Checks that jt can be run here; the error set otherwise. */
STUB_INTERNAL drmaa2_error jobs_check_template(stub_store *s, const drmaa2_jtemplate jt);
/* Inserts the jobs of one submission in a write transaction already begun:
 * one job (array_id -1, begin = end = 0) or the tasks begin, begin + step,
 * ... <= end of an array (whose row holds the template). The first id in
 * *first_id. */
STUB_INTERNAL drmaa2_error jobs_insert(stub_store *s, const char *session, const drmaa2_jtemplate jt,
                                       const char *encoded, size_t encoded_len,
                                       long long array_id, long long begin, long long end,
                                       long long step, long long *first_id);
/* Until when a reservation holds slots (its end or termination; far away
 * when it has neither), indexed: the queries about reservations in force
 * look only at those, however many have ended. */
#define RESERVATION_LIVE_UNTIL_SQL "min(COALESCE(terminated, 1e300), COALESCE(end_time, 1e300))"
/* The job's template and environment columns, from the job or its array. */
#define JOBS_JT_SQL "COALESCE(jobs.jt, (SELECT jt FROM arrays WHERE arrays.id = jobs.array_id))"
#define JOBS_ENV_SQL "COALESCE(jobs.env, (SELECT env FROM arrays WHERE arrays.id = jobs.array_id))"
/* Records a state change: the row and an event; call inside a write transaction. */
STUB_INTERNAL drmaa2_error jobs_set_state(stub_store *s, long long id, int state, int phase,
                                          const char *annotation);
STUB_INTERNAL drmaa2_error jobs_add_event(stub_store *s, long long id, int state);
/* The job's state (and its phase) read in a transaction already begun;
 * DRMAA2_UNSET_JSTATE with INVALID_ARGUMENT set if it does not exist. */
STUB_INTERNAL int jobs_read_state(stub_store *s, long long id, int *phase, char **substate);
/* The job's state, after detecting a dead supervisor; UNSET with the error set. */
STUB_INTERNAL int jobs_state(stub_store *s, long long id, char **substate);
/* The job info of one job; NULL with the error set. */
STUB_INTERNAL drmaa2_jinfo jobs_info(stub_store *s, long long id);
/* 1 if the job info matches the filter (NULL matches everything). */
STUB_INTERNAL int jobs_info_matches(const drmaa2_jinfo ji, const drmaa2_jinfo filter);
/* Job handles of the jobs the query selects (first column id, second session)
 * that match the filter. */
STUB_INTERNAL drmaa2_j_list jobs_select(stub_store *s, const char *sql, const char *fmt,
                                        long long arg_i, const char *arg_t,
                                        const drmaa2_jinfo filter);
/* The control operations on one job, inside no transaction. */
enum stub_jobop { JOBOP_SUSPEND, JOBOP_RESUME, JOBOP_HOLD, JOBOP_RELEASE, JOBOP_TERMINATE,
                  JOBOP_REAP };
STUB_INTERNAL const char *jobop_name(enum stub_jobop op);
/* Applies op inside a write transaction already begun. 1 = done, 0 = the job
 * is not in a state for op (INVALID_STATE set), -1 = other error (set). */
STUB_INTERNAL int jobs_control_locked(stub_store *s, long long id, enum stub_jobop op);
/* Applies op to one job (its own transaction, then dispatch). */
STUB_INTERNAL drmaa2_error jobs_control(stub_store *s, long long id, enum stub_jobop op);

/* ------------------------------------------------------------ scheduling */

/* Starts as many queued jobs as the free slots allow: picks them in a write
 * transaction, then starts a supervisor for each. Errors are recorded in the
 * jobs concerned; never fails the caller. */
STUB_INTERNAL void sched_dispatch(stub_store *s);
/* The same, for a supervisor that finished its job: the first job picked is
 * left to the caller (its id and its locked lock file). 1 if there is one. */
STUB_INTERNAL int sched_dispatch_keep(stub_store *s, long long *keep_id, int *keep_fd);
/* If the supervisor of an active job died, records the job FAILED (and starts
 * the next queued job). Inside no transaction. 1 if it found one dead. */
STUB_INTERNAL int sched_check_alive(stub_store *s, long long id);
/* The same check for every active job of this store. */
STUB_INTERNAL void sched_check_all(stub_store *s);
/* 1 if the lock of an active job is held by a live supervisor (or dispatcher). */
STUB_INTERNAL int sched_lock_held(stub_store *s, long long id);
/* The grace period between SIGTERM and SIGKILL, in milliseconds. */
STUB_INTERNAL long sched_kill_grace_ms(void);

/* The end of a job that its supervisor could not record in the store (a
 * full disk, a store that went away): it leaves it in the job's lock file,
 * whose room (END_NOTE_SIZE bytes) is reserved when the job is picked, and
 * whoever next finds the lock free records it from there. */
#define END_NOTE_SIZE 1024
typedef struct stub_end_note {
    int state;                 /* DRMAA2_DONE or DRMAA2_FAILED */
    int has_status, exit_status, term_signal;
    long long cpu_ms, max_rss_kib;
    double finished;
    char annotation[400];      /* the job's annotation, or "" */
    char why[400];             /* why the supervisor could not record it */
} stub_end_note;
/* Reserves the note's room in a new lock file (best effort). */
STUB_INTERNAL void sched_reserve_end_note(int lock_fd);
/* Writes the note into the lock file; 0 on success. */
STUB_INTERNAL int sched_leave_end_note(int lock_fd, const stub_end_note *note);

/* ------------------------------------------------------------ waiting */

/* Waits until any of the jobs reaches a started (want_terminated == 0) or a
 * terminated state; its index in *which. timeout in seconds, or ZERO_TIME or
 * INFINITE_TIME. DRMAA2_TIMEOUT when it expired. */
STUB_INTERNAL drmaa2_error wait_for_jobs(stub_store *s, const long long *ids, long count,
                                         int want_terminated, time_t timeout, long *which);

/* ------------------------------------------------------------ events */

STUB_INTERNAL void events_session_opened(drmaa2_jsession js);
STUB_INTERNAL void events_session_closed(drmaa2_jsession js);

/* ------------------------------------------------------------ reservations */

/* Checks that the reservation exists and is usable by this user. */
STUB_INTERNAL drmaa2_error reservations_check_usable(stub_store *s, const char *reservation_id);
/* Every reservation of the store this user may use (owner or in the ACL). */
STUB_INTERNAL drmaa2_r_list reservations_all(stub_store *s);

#endif /* STUB_JOBS_H */
