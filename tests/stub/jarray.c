/* Job arrays (bulk jobs): id, session, tasks, template, array-wide control. */
#include <stdlib.h>
#include <unistd.h>

#include "jobs.h"

static int check_ja(const drmaa2_jarray ja)
{
    if (ja == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the job array handle is NULL");
        return 0;
    }
    return 1;
}

/* 1 if the array exists, 0 (INVALID_ARGUMENT set) if not, -1 other error;
 * inside a transaction. */
static int array_exists(stub_store *s, long long id)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM arrays WHERE id = ?1", "i", id);
    int rc = st != NULL ? store_step(s, st) : -1;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "job array %lld does not exist (reaped, or its "
                   "session was destroyed)", id);
        return 0;
    }
    return rc == SQLITE_ROW ? 1 : -1;
}

void drmaa2_jarray_free(drmaa2_jarray *ja)
{
    if (ja == NULL || *ja == NULL)
        return;
    free((*ja)->session);
    store_release((*ja)->store);
    free(*ja);
    *ja = NULL;
}

drmaa2_string drmaa2_jarray_get_id(const drmaa2_jarray ja)
{
    if (stub_enter(__func__) || !check_ja(ja))
        return NULL;
    return stub_strprintf("%lld", ja->id);
}

drmaa2_string drmaa2_jarray_get_session_name(const drmaa2_jarray ja)
{
    if (stub_enter(__func__) || !check_ja(ja))
        return NULL;
    return stub_strdup(ja->session);
}

drmaa2_j_list drmaa2_jarray_get_jobs(const drmaa2_jarray ja)
{
    drmaa2_j_list jobs;
    int exists;
    if (stub_enter(__func__) || !check_ja(ja))
        return NULL;
    if (store_begin_read(ja->store) != DRMAA2_SUCCESS)
        return NULL;
    exists = array_exists(ja->store, ja->id);
    store_rollback(ja->store);
    if (exists != 1)
        return NULL;
    jobs = jobs_select(ja->store, "SELECT id, session FROM jobs WHERE array_id = ?1 ORDER BY id",
                       "i", ja->id, NULL, NULL);
    if (jobs != NULL && drmaa2_list_size(jobs) == 0 && stub_quirk(STUB_QUIRK_EMPTY_JARRAY_NULL))
        drmaa2_list_free(&jobs);   /* NULL with no error for no jobs (PBS) */
    return jobs;
}

static drmaa2_jtemplate get_jtemplate(const drmaa2_jarray ja)
{
    sqlite3_stmt *st;
    drmaa2_jtemplate jt = NULL;
    int rc;

    if (!check_ja(ja) || store_begin_read(ja->store) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(ja->store, "SELECT jt FROM arrays WHERE id = ?1", "i", ja->id);
    rc = st != NULL ? store_step(ja->store, st) : -1;
    if (rc == SQLITE_ROW)
        jt = codec_decode_jt(sqlite3_column_blob(st, 0), (size_t) sqlite3_column_bytes(st, 0));
    else if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "job array %lld does not exist (reaped, or its "
                   "session was destroyed)", ja->id);
    sqlite3_finalize(st);
    store_rollback(ja->store);
    return jt;
}

#if DRMAA2_STUB_NAMES_2016
drmaa2_jtemplate drmaa2_jarray_get_jtemplate(const drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return NULL;
    return get_jtemplate(ja);
}
#endif

drmaa2_jtemplate drmaa2_jarray_get_job_template(const drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return NULL;
    return get_jtemplate(ja);
}

/* The queued tasks change in one statement each (an array may have 100,000
 * of them): hold, release, terminate. Their events first, with the same
 * condition. The number changed in *changed. */
static drmaa2_error pending_tasks(stub_store *s, long long aid, enum stub_jobop op, long *changed)
{
    int from, to;
    drmaa2_error e;
    *changed = 0;
    switch (op) {
    case JOBOP_HOLD:
        from = DRMAA2_QUEUED, to = DRMAA2_QUEUED_HELD;
        break;
    case JOBOP_RELEASE:
        from = DRMAA2_QUEUED_HELD, to = DRMAA2_QUEUED;
        break;
    case JOBOP_TERMINATE:
        from = -1, to = DRMAA2_FAILED;
        break;
    default:
        return DRMAA2_SUCCESS;
    }
    e = store_exec(s, "INSERT INTO events (job_id, session, state) SELECT id, session, ?1 "
                   "FROM jobs WHERE array_id = ?2 AND phase = " PHASE_SQL(PHASE_PENDING) " AND "
                   "(?3 < 0 OR state = ?3)", "iii", (long long) to, aid, (long long) from);
    if (e == DRMAA2_SUCCESS)
        e = store_exec(s, "UPDATE jobs SET state = ?1, phase = CASE WHEN ?1 = ?5 THEN "
                       PHASE_SQL(PHASE_ENDED) " ELSE " PHASE_SQL(PHASE_PENDING) " END, "
                       "annotation = CASE WHEN ?1 = ?5 THEN 'terminated before it started' "
                       "ELSE annotation END, finished = CASE WHEN ?1 = ?5 THEN ?4 ELSE finished "
                       "END WHERE array_id = ?2 AND phase = " PHASE_SQL(PHASE_PENDING) " AND "
                       "(?3 < 0 OR state = ?3)", "iiidi", (long long) to, aid, (long long) from,
                       stub_now(), (long long) DRMAA2_FAILED);
    if (e == DRMAA2_SUCCESS)
        *changed = (long) sqlite3_changes(s->db);
    return e;
}

/* Applies op to every task that is in a state for it; INVALID_STATE if none
 * is (for reap: unless every task has ended). */
static drmaa2_error control(drmaa2_jarray ja, enum stub_jobop op)
{
    stub_store *s;
    sqlite3_stmt *st;
    long long *ids = NULL, total = 0;
    size_t n = 0, cap = 0, i;
    long done = 0;
    int rc;
    drmaa2_error e;

    if (!check_ja(ja))
        return DRMAA2_INVALID_ARGUMENT;
    s = ja->store;
    if (op != JOBOP_REAP)
        sched_check_all(s);
    if ((e = store_begin(s)) != DRMAA2_SUCCESS)
        return e;
    rc = array_exists(s, ja->id);
    if (rc != 1) {
        e = drmaa2_lasterror();
        store_rollback(s);
        return e;
    }
    st = store_stmt(s, "SELECT COUNT(*), COALESCE(SUM(phase != " PHASE_SQL(PHASE_ENDED) "), 0) FROM jobs "
                    "WHERE array_id = ?1", "i", ja->id);
    rc = st != NULL ? store_step(s, st) : -1;
    if (rc == SQLITE_ROW) {
        total = sqlite3_column_int64(st, 0);
        if (op == JOBOP_REAP && sqlite3_column_int64(st, 1) > 0)
            e = stub_error(DRMAA2_INVALID_STATE, "cannot reap job array %lld: %lld of its "
                           "jobs have not terminated", ja->id, sqlite3_column_int64(st, 1));
    } else {
        e = drmaa2_lasterror();
    }
    sqlite3_finalize(st);
    if (e == DRMAA2_SUCCESS && op == JOBOP_REAP) {
        e = store_exec(s, "DELETE FROM events WHERE job_id IN (SELECT id FROM jobs WHERE "
                       "array_id = ?1)", "i", ja->id);
        if (e == DRMAA2_SUCCESS)
            e = store_exec(s, "DELETE FROM jobs WHERE array_id = ?1", "i", ja->id);
        if (e == DRMAA2_SUCCESS)
            e = store_exec(s, "DELETE FROM arrays WHERE id = ?1", "i", ja->id);
        done = 1;
    }
    /* the tasks with a process: few (at most the slots) */
    if (e == DRMAA2_SUCCESS && op != JOBOP_REAP) {
        st = store_stmt(s, "SELECT id FROM jobs WHERE array_id = ?1 AND phase = "
                        PHASE_SQL(PHASE_ACTIVE) " ORDER BY id",
                        "i", ja->id);
        while (st != NULL && (rc = store_step(s, st)) == SQLITE_ROW) {
            if (n == cap) {
                size_t ncap = cap == 0 ? 16 : cap * 2;
                long long *grown = realloc(ids, ncap * sizeof *ids);
                if (grown == NULL) {
                    stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory controlling job array "
                               "%lld", ja->id);
                    rc = -1;
                    break;
                }
                ids = grown;
                cap = ncap;
            }
            ids[n++] = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
        if (st == NULL || rc < 0)
            e = drmaa2_lasterror();
        for (i = 0; i < n && e == DRMAA2_SUCCESS; i++) {
            rc = jobs_control_locked(s, ids[i], op);
            if (rc < 0)
                e = drmaa2_lasterror();
            else
                done += rc;
        }
        if (e == DRMAA2_SUCCESS) {
            long changed;
            e = pending_tasks(s, ja->id, op, &changed);
            done += changed;
        }
        if (e == DRMAA2_SUCCESS && done == 0)
            e = stub_error(DRMAA2_INVALID_STATE, "cannot %s job array %lld: none of its %lld "
                           "jobs is in a state that allows it", jobop_name(op), ja->id, total);
    }
    free(ids);
    if (e != DRMAA2_SUCCESS) {
        store_rollback(s);
        return e;
    }
    if ((e = store_commit(s)) != DRMAA2_SUCCESS)
        return e;
    store_notify(s);
    if (op == JOBOP_RELEASE || op == JOBOP_TERMINATE)
        sched_dispatch(s);
    stub_clear_error();
    return DRMAA2_SUCCESS;
}

drmaa2_error drmaa2_jarray_suspend(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_SUSPEND);
}

drmaa2_error drmaa2_jarray_resume(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_RESUME);
}

drmaa2_error drmaa2_jarray_hold(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_HOLD);
}

drmaa2_error drmaa2_jarray_release(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_RELEASE);
}

drmaa2_error drmaa2_jarray_terminate(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_TERMINATE);
}

#if DRMAA2_STUB_OPTIONAL
drmaa2_error drmaa2_jarray_reap(drmaa2_jarray ja)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(ja, JOBOP_REAP);
}
#endif
