/* The job handle: id, session, template, state, info, control and waits. */
#include <stdlib.h>

#include "jobs.h"

static int check_j(const drmaa2_j j)
{
    if (j == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the job handle is NULL");
        return 0;
    }
    return 1;
}

void drmaa2_j_free(drmaa2_j *j)
{
    if (j == NULL || *j == NULL)
        return;
    free((*j)->session);
    store_release((*j)->store);
    free(*j);
    *j = NULL;
}

drmaa2_string drmaa2_j_get_id(const drmaa2_j j)
{
    if (stub_enter(__func__) || !check_j(j))
        return NULL;
    return stub_strprintf("%lld", j->id);
}

drmaa2_string drmaa2_j_get_session_name(const drmaa2_j j)
{
    if (stub_enter(__func__) || !check_j(j))
        return NULL;
    return stub_strdup(j->session);
}

static drmaa2_jtemplate get_jtemplate(const drmaa2_j j)
{
    sqlite3_stmt *st;
    drmaa2_jtemplate jt = NULL;
    int rc;

    if (!check_j(j) || store_begin_read(j->store) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(j->store, "SELECT " JOBS_JT_SQL " FROM jobs WHERE id = ?1", "i",
                    j->id);
    rc = st != NULL ? store_step(j->store, st) : -1;
    if (rc == SQLITE_ROW)
        jt = codec_decode_jt(sqlite3_column_blob(st, 0), (size_t) sqlite3_column_bytes(st, 0));
    else if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "job %lld does not exist (reaped, or its session "
                   "was destroyed)", j->id);
    sqlite3_finalize(st);
    store_rollback(j->store);
    return jt;
}

#if DRMAA2_STUB_NAMES_2016
drmaa2_jtemplate drmaa2_j_get_jtemplate(const drmaa2_j j)
{
    if (stub_enter(__func__))
        return NULL;
    return get_jtemplate(j);
}
#endif

drmaa2_jtemplate drmaa2_j_get_jt(const drmaa2_j j)
{
    if (stub_enter(__func__))
        return NULL;
    return get_jtemplate(j);
}

static drmaa2_error control(drmaa2_j j, enum stub_jobop op)
{
    if (!check_j(j))
        return DRMAA2_INVALID_ARGUMENT;
    return jobs_control(j->store, j->id, op);
}

drmaa2_error drmaa2_j_suspend(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_SUSPEND);
}

drmaa2_error drmaa2_j_resume(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_RESUME);
}

drmaa2_error drmaa2_j_hold(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_HOLD);
}

drmaa2_error drmaa2_j_release(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_RELEASE);
}

drmaa2_error drmaa2_j_terminate(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_TERMINATE);
}

#if DRMAA2_STUB_OPTIONAL
drmaa2_error drmaa2_j_reap(drmaa2_j j)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return control(j, JOBOP_REAP);
}
#endif

drmaa2_jstate drmaa2_j_get_state(const drmaa2_j j, drmaa2_string *substate)
{
    char *sub = NULL;
    int state;

    if (substate != NULL)
        *substate = NULL;
    if (stub_enter(__func__) || !check_j(j))
        return DRMAA2_UNSET_JSTATE;
    state = jobs_state(j->store, j->id, &sub);
    if (substate != NULL)
        *substate = sub;
    else
        free(sub);
    return (drmaa2_jstate) state;
}

drmaa2_jinfo drmaa2_j_get_info(const drmaa2_j j)
{
    if (stub_enter(__func__) || !check_j(j))
        return NULL;
    return jobs_info(j->store, j->id);
}

drmaa2_error drmaa2_j_wait_started(const drmaa2_j j, const time_t timeout)
{
    long which;
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (!check_j(j))
        return DRMAA2_INVALID_ARGUMENT;
    if (stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return DRMAA2_SUCCESS;   /* PBS: returns at once, having waited for nothing */
    return stub_wait_result(wait_for_jobs(j->store, &j->id, 1, 0, timeout, &which), timeout);
}

drmaa2_error drmaa2_j_wait_terminated(const drmaa2_j j, const time_t timeout)
{
    long which;
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (!check_j(j))
        return DRMAA2_INVALID_ARGUMENT;
    if (stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return DRMAA2_SUCCESS;   /* PBS: returns at once, having waited for nothing */
    return stub_wait_result(wait_for_jobs(j->store, &j->id, 1, 1, timeout, &which), timeout);
}
