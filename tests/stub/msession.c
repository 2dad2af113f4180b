/* The monitoring session: every job of this user across sessions, the one
 * queue `local`, this machine, and the reservations this user may use. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"

static int check_ms(const drmaa2_msession ms)
{
    if (ms == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the monitoring session handle is NULL");
        return 0;
    }
    if (ms->closed) {
        stub_error(DRMAA2_INVALID_SESSION, "the monitoring session is closed");
        return 0;
    }
    return 1;
}

drmaa2_msession drmaa2_open_msession(const char *session_name)
{
    drmaa2_msession ms;
    stub_store *s;

    if (stub_enter(__func__))
        return NULL;
    if (session_name != NULL &&
        stub_check_session_name(session_name, "drmaa2_open_msession") != DRMAA2_SUCCESS)
        return NULL;
    if ((s = store_open_current()) == NULL)
        return NULL;
    ms = calloc(1, sizeof *ms);
    if (ms == NULL || (session_name != NULL && (ms->name = stub_strdup(session_name)) == NULL)) {
        free(ms);
        store_release(s);
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a monitoring session");
        return NULL;
    }
    ms->store = s;
    return ms;
}

drmaa2_error drmaa2_close_msession(drmaa2_msession ms)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (!check_ms(ms))
        return drmaa2_lasterror();
    ms->closed = 1;
    return DRMAA2_SUCCESS;
}

void drmaa2_msession_free(drmaa2_msession *ms)
{
    if (ms == NULL || *ms == NULL)
        return;
    free((*ms)->name);
    store_release((*ms)->store);
    free(*ms);
    *ms = NULL;
}

drmaa2_r_list drmaa2_msession_get_all_reservations(const drmaa2_msession ms)
{
    if (stub_enter(__func__) || !check_ms(ms))
        return NULL;
    return reservations_all(ms->store);
}

drmaa2_j_list drmaa2_msession_get_all_jobs(const drmaa2_msession ms, const drmaa2_jinfo filter)
{
    if (stub_enter(__func__) || !check_ms(ms))
        return NULL;
    return jobs_select(ms->store, "SELECT id, session FROM jobs WHERE owner = ?1 ORDER BY id",
                       "i", (long long) getuid(), NULL, filter);
}

/* 1 if names is NULL or holds name. */
static int wanted(const drmaa2_string_list names, const char *name)
{
    long i, n;
    if (names == NULL)
        return 1;
    n = drmaa2_list_size(names);
    for (i = 0; i < n; i++) {
        const char *entry = drmaa2_list_get(names, i);
        if (entry != NULL && strcmp(entry, name) == 0)
            return 1;
    }
    return 0;
}

drmaa2_queueinfo_list drmaa2_msession_get_all_queues(const drmaa2_msession ms,
                                                     const drmaa2_string_list names)
{
    drmaa2_queueinfo_list l;
    int want;

    if (stub_enter(__func__) || !check_ms(ms))
        return NULL;
    want = wanted(names, "local");
    stub_clear_error();
    l = stub_list_new(DRMAA2_QUEUEINFOLIST);
    if (l != NULL && want) {
        drmaa2_queueinfo qi = stub_queueinfo_new("local");
        if (qi == NULL || stub_list_append(l, qi) != DRMAA2_SUCCESS) {
            drmaa2_queueinfo_free(&qi);
            drmaa2_list_free(&l);
        }
    }
    return l;
}

drmaa2_machineinfo_list drmaa2_msession_get_all_machines(const drmaa2_msession ms,
                                                         const drmaa2_string_list names)
{
    drmaa2_machineinfo_list l;
    drmaa2_machineinfo mi;

    if (stub_enter(__func__) || !check_ms(ms))
        return NULL;
    mi = stub_local_machineinfo();
    if (mi == NULL)
        return NULL;
    l = stub_list_new(DRMAA2_MACHINEINFOLIST);
    if (l != NULL && wanted(names, mi->name)) {
        stub_clear_error();
        if (stub_list_append(l, mi) != DRMAA2_SUCCESS)
            drmaa2_list_free(&l);
        else
            mi = NULL;
    }
    stub_clear_error();
    drmaa2_machineinfo_free(&mi);
    return l;
}
