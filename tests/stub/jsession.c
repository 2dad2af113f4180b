/* Job sessions: create/open/close/free/destroy, the session's jobs and job
 * arrays, submitting jobs and bulk jobs, and waiting for any of a list. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessions.h"

#define KIND "job"
/* A submission is one transaction, all of the array or none of it, and
 * nothing (not even Ctrl-C in Python) interrupts it inside C: the cap is what
 * takes about a second (100,000 tasks: 0.5 to 1.3 s; 1,000,000 took 8 s). */
#define MAX_BULK_TASKS 100000LL
/* Running jobs of a destroyed session are terminated this many at a time. */
#define TERMINATE_BATCH 4096

static drmaa2_error check_js(const drmaa2_jsession js)
{
    if (js == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the job session handle is NULL");
    return session_check_open(js->store, KIND, js->name, js->closed, js);
}

static drmaa2_jsession jsession_new(stub_store *s, char *name)
{
    drmaa2_jsession js = calloc(1, sizeof *js);
    if (js == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a job session");
        free(name);
        store_release(s);
        return NULL;
    }
    js->name = name;
    js->store = s;
    events_session_opened(js);
    return js;
}

drmaa2_jsession drmaa2_create_jsession(const char *session_name, const char *contact)
{
    stub_store *s;
    char *name;

    if (stub_enter(__func__))
        return NULL;
    if ((s = session_attach(KIND, __func__, session_name, contact, 1, &name)) == NULL)
        return NULL;
    return jsession_new(s, name);
}

drmaa2_jsession drmaa2_open_jsession(const char *session_name)
{
    stub_store *s;
    char *name;

    if (stub_enter(__func__))
        return NULL;
    if ((s = session_attach(KIND, __func__, session_name, NULL, 0, &name)) == NULL)
        return NULL;
    return jsession_new(s, name);
}

drmaa2_error drmaa2_close_jsession(drmaa2_jsession js)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (js == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the job session handle is NULL");
    if (js->closed)
        return stub_error(DRMAA2_INVALID_SESSION, "the job session '%s' is already closed",
                          js->name);
    js->closed = 1;
    events_session_closed(js);
    return DRMAA2_SUCCESS;
}

void drmaa2_jsession_free(drmaa2_jsession *js)
{
    if (js == NULL || *js == NULL)
        return;
    if (!(*js)->closed)
        events_session_closed(*js);
    free((*js)->name);
    store_release((*js)->store);
    free(*js);
    *js = NULL;
}

drmaa2_error drmaa2_destroy_jsession(const char *session_name)
{
    stub_store *s;
    sqlite3_stmt *st;
    drmaa2_error e;
    long long ids[TERMINATE_BATCH];
    int n = 0, i, more = 1;

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (stub_check_session_name(session_name, "drmaa2_destroy_jsession") != DRMAA2_SUCCESS)
        return drmaa2_lasterror();
    if ((s = store_open_current()) == NULL)
        return drmaa2_lasterror();
    if ((e = store_begin(s)) != DRMAA2_SUCCESS) {
        store_release(s);
        return e;
    }
    e = store_exec(s, "DELETE FROM sessions WHERE kind = ?1 AND owner = ?2 AND name = ?3",
                   "tit", KIND, (long long) getuid(), session_name);
    if (e == DRMAA2_SUCCESS && sqlite3_changes(s->db) == 0)
        e = stub_error(DRMAA2_INVALID_ARGUMENT, "there is no job session named '%s' in %s",
                       session_name, s->dir);
    /* Jobs still running are terminated; all records of the session go. */
    while (e == DRMAA2_SUCCESS && more) {
        n = 0;
        st = store_stmt(s, "SELECT id FROM jobs WHERE session = ?1 AND owner = ?2 AND "
                        "phase = " PHASE_SQL(PHASE_ACTIVE) " AND term_requested = 0 LIMIT ?3", "tii",
                        session_name, (long long) getuid(), (long long) STUB_COUNT(ids));
        while (st != NULL && n < (int) STUB_COUNT(ids) && store_step(s, st) == SQLITE_ROW)
            ids[n++] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        more = n == (int) STUB_COUNT(ids);
        for (i = 0; i < n && e == DRMAA2_SUCCESS; i++)
            if (jobs_control_locked(s, ids[i], JOBOP_TERMINATE) < 0)
                e = drmaa2_lasterror();
    }
    if (e == DRMAA2_SUCCESS)
        e = store_exec(s, "DELETE FROM events WHERE session = ?1 AND job_id IN (SELECT id FROM "
                       "jobs WHERE session = ?1 AND owner = ?2)", "ti", session_name,
                       (long long) getuid());
    if (e == DRMAA2_SUCCESS)
        e = store_exec(s, "DELETE FROM jobs WHERE session = ?1 AND owner = ?2", "ti",
                       session_name, (long long) getuid());
    if (e == DRMAA2_SUCCESS)
        e = store_exec(s, "DELETE FROM arrays WHERE session = ?1 AND owner = ?2", "ti",
                       session_name, (long long) getuid());
    if (e != DRMAA2_SUCCESS) {
        store_rollback(s);
        store_release(s);
        return e;
    }
    e = store_commit(s);
    if (e == DRMAA2_SUCCESS) {
        store_notify(s);
        sched_dispatch(s);
    }
    store_release(s);
    return e;
}

drmaa2_string_list drmaa2_get_jsession_names(void)
{
    if (stub_enter(__func__))
        return NULL;
    return session_names(KIND);
}

drmaa2_string drmaa2_jsession_get_contact(const drmaa2_jsession js)
{
    char *contact;
    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS)
        return NULL;
    contact = session_contact(js->store, KIND, js->name);
    if (contact == NULL && drmaa2_lasterror() == DRMAA2_SUCCESS)
        contact = stub_strdup(js->store->dir);
    return contact;
}

drmaa2_string drmaa2_jsession_get_session_name(const drmaa2_jsession js)
{
    if (stub_enter(__func__))
        return NULL;
    if (js == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the job session handle is NULL");
        return NULL;
    }
    return stub_strdup(js->name);
}

drmaa2_string_list drmaa2_jsession_get_job_categories(const drmaa2_jsession js)
{
    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS)
        return NULL;
    return stub_list_new(DRMAA2_STRINGLIST);
}

drmaa2_j_list drmaa2_jsession_get_jobs(const drmaa2_jsession js, const drmaa2_jinfo filter)
{
    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS)
        return NULL;
    return jobs_select(js->store, "SELECT id, session FROM jobs WHERE session = ?1 AND "
                       "owner = ?2 ORDER BY id", "ti", (long long) getuid(), js->name, filter);
}

static drmaa2_jarray jarray_handle_new(stub_store *s, long long id, const char *session)
{
    drmaa2_jarray ja = calloc(1, sizeof *ja);
    if (ja == NULL || (ja->session = stub_strdup(session)) == NULL) {
        free(ja);
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a job array handle");
        return NULL;
    }
    ja->id = id;
    ja->store = s;
    store_retain(s);
    return ja;
}

/* Parses a decimal id; -1 with INVALID_ARGUMENT set when it is not one. */
static long long parse_id(const char *text, const char *what)
{
    char *end;
    long long v;
    if (text == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the %s id is NULL", what);
        return -1;
    }
    v = strtoll(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || v <= 0) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "'%s' is not a %s id of this DRM", text, what);
        return -1;
    }
    return v;
}

drmaa2_jarray drmaa2_jsession_get_job_array(const drmaa2_jsession js,
                                            const drmaa2_string jobarrayId)
{
    sqlite3_stmt *st;
    long long id;
    int rc;

    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS || (id = parse_id(jobarrayId, "job array")) < 0)
        return NULL;
    if (store_begin_read(js->store) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(js->store, "SELECT 1 FROM arrays WHERE id = ?1 AND session = ?2 AND "
                    "owner = ?3", "iti", id, js->name, (long long) getuid());
    rc = st != NULL ? store_step(js->store, st) : -1;
    sqlite3_finalize(st);
    store_rollback(js->store);
    if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "there is no job array %s in the job session '%s'",
                   jobarrayId, js->name);
    if (rc != SQLITE_ROW)
        return NULL;
    return jarray_handle_new(js->store, id, js->name);
}

drmaa2_j drmaa2_jsession_run_job(const drmaa2_jsession js, const drmaa2_jtemplate jt)
{
    stub_buf enc;
    long long id;
    drmaa2_error e;

    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS || jobs_check_template(js->store, jt) != DRMAA2_SUCCESS)
        return NULL;
    if (codec_encode_jt(jt, &enc) != DRMAA2_SUCCESS)
        return NULL;
    if (store_begin(js->store) != DRMAA2_SUCCESS) {
        buf_free(&enc);
        return NULL;
    }
    e = jobs_insert(js->store, js->name, jt, enc.data, enc.len, -1, 0, 0, 1, &id);
    buf_free(&enc);
    if (e != DRMAA2_SUCCESS) {
        store_rollback(js->store);
        return NULL;
    }
    if (store_commit(js->store) != DRMAA2_SUCCESS)
        return NULL;
    store_notify(js->store);
    sched_dispatch(js->store);
    return job_handle_new(js->store, id, js->name);
}

drmaa2_jarray drmaa2_jsession_run_bulk_jobs(const drmaa2_jsession js, const drmaa2_jtemplate jt,
                                            const long long begin_index,
                                            const long long end_index, const long long step,
                                            const long long max_parallel)
{
    stub_buf enc;
    long long aid, id;
    drmaa2_error e;

    if (stub_enter(__func__))
        return NULL;
    if (check_js(js) != DRMAA2_SUCCESS)
        return NULL;
    if (begin_index < 1 || end_index < begin_index || step < 1) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "bulk job indices: need 1 <= begin_index <= end_index and step >= 1, got "
                   "begin_index %lld, end_index %lld, step %lld", begin_index, end_index, step);
        return NULL;
    }
    if ((end_index - begin_index) / step + 1 > MAX_BULK_TASKS) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "a job array may have at most %lld tasks in "
                   "this DRM (the stub's cap), this one would have %lld", MAX_BULK_TASKS,
                   (end_index - begin_index) / step + 1);
        return NULL;
    }
    if (max_parallel != DRMAA2_UNSET_NUM && max_parallel < 1) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "max_parallel must be at least 1 or DRMAA2_UNSET_NUM, got %lld", max_parallel);
        return NULL;
    }
    if (jobs_check_template(js->store, jt) != DRMAA2_SUCCESS)
        return NULL;
    if (codec_encode_jt(jt, &enc) != DRMAA2_SUCCESS)
        return NULL;
    if (store_begin(js->store) != DRMAA2_SUCCESS) {
        buf_free(&enc);
        return NULL;
    }
    e = store_exec(js->store, "INSERT INTO arrays (session, owner, jt, begin_index, end_index, "
                   "step, max_parallel, submitted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   "tibiiiid", js->name, (long long) getuid(), enc.data, (int) enc.len,
                   begin_index, end_index, step, max_parallel, stub_now());
    aid = sqlite3_last_insert_rowid(js->store->db);
    if (e == DRMAA2_SUCCESS)
        e = jobs_insert(js->store, js->name, jt, enc.data, enc.len, aid, begin_index, end_index,
                        step, &id);
    buf_free(&enc);
    if (e != DRMAA2_SUCCESS) {
        store_rollback(js->store);
        return NULL;
    }
    if (store_commit(js->store) != DRMAA2_SUCCESS)
        return NULL;
    store_notify(js->store);
    sched_dispatch(js->store);
    return jarray_handle_new(js->store, aid, js->name);
}

static drmaa2_j wait_any(const drmaa2_jsession js, const drmaa2_j_list l, time_t timeout,
                         int want_terminated)
{
    long n, i, which = -1;
    long long *ids;
    const struct drmaa2_j_s *found;
    drmaa2_error e;

    if (check_js(js) != DRMAA2_SUCCESS)
        return NULL;
    n = l != NULL ? drmaa2_list_size(l) : -1;
    stub_clear_error();
    if (n <= 0) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the job list is %s", l == NULL ? "NULL" : "empty");
        return NULL;
    }
    ids = calloc((size_t) n, sizeof *ids);
    if (ids == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory waiting for %ld jobs", n);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        const struct drmaa2_j_s *j = drmaa2_list_get(l, i);
        if (j == NULL || j->store != js->store) {
            free(ids);
            stub_error(DRMAA2_INVALID_ARGUMENT, "entry %ld of the job list is %s", i,
                       j == NULL ? "NULL" : "a job of another state directory");
            return NULL;
        }
        ids[i] = j->id;
    }
    stub_clear_error();
    e = wait_for_jobs(js->store, ids, n, want_terminated, timeout, &which);
    free(ids);
    if (e != DRMAA2_SUCCESS)
        return NULL;
    found = drmaa2_list_get(l, which);
    stub_clear_error();
    return job_handle_new(found->store, found->id, found->session);
}

drmaa2_j drmaa2_jsession_wait_any_started(const drmaa2_jsession js, const drmaa2_j_list l,
                                          const time_t timeout)
{
    drmaa2_j found;
    if (stub_enter(__func__) || stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return NULL;   /* PBS: NULL at once, with no error */
    found = wait_any(js, l, timeout, 0);
    if (found == NULL)
        stub_wait_result(drmaa2_lasterror(), timeout);
    return found;
}

drmaa2_j drmaa2_jsession_wait_any_terminated(const drmaa2_jsession js, const drmaa2_j_list l,
                                             const time_t timeout)
{
    drmaa2_j found;
    if (stub_enter(__func__) || stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return NULL;   /* PBS: NULL at once, with no error */
    found = wait_any(js, l, timeout, 1);
    if (found == NULL)
        stub_wait_result(drmaa2_lasterror(), timeout);
    return found;
}
