/* Reservation sessions and reservations: bookkeeping of this machine's slots
 * over time. A request is granted only if, at every moment of its window,
 * the slots of the overlapping reservations leave room for it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessions.h"

#define KIND "reservation"

static drmaa2_error check_rs(const drmaa2_rsession rs)
{
    if (rs == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation session handle is NULL");
    return session_check_open(rs->store, KIND, rs->name, rs->closed, rs);
}

static drmaa2_rsession rsession_new(stub_store *s, char *name)
{
    drmaa2_rsession rs = calloc(1, sizeof *rs);
    if (rs == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a reservation session");
        free(name);
        store_release(s);
        return NULL;
    }
    rs->name = name;
    rs->store = s;
    return rs;
}

drmaa2_rsession drmaa2_create_rsession(const char *session_name, const char *contact)
{
    stub_store *s;
    char *name;

    if (stub_enter(__func__))
        return NULL;
    if ((s = session_attach(KIND, __func__, session_name, contact, 1, &name)) == NULL)
        return NULL;
    return rsession_new(s, name);
}

drmaa2_rsession drmaa2_open_rsession(const char *session_name)
{
    stub_store *s;
    char *name;

    if (stub_enter(__func__))
        return NULL;
    if ((s = session_attach(KIND, __func__, session_name, NULL, 0, &name)) == NULL)
        return NULL;
    return rsession_new(s, name);
}

drmaa2_error drmaa2_close_rsession(drmaa2_rsession rs)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (rs == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation session handle is NULL");
    if (rs->closed)
        return stub_error(DRMAA2_INVALID_SESSION, "the reservation session '%s' is already "
                          "closed", rs->name);
    rs->closed = 1;
    return DRMAA2_SUCCESS;
}

void drmaa2_rsession_free(drmaa2_rsession *rs)
{
    if (rs == NULL || *rs == NULL)
        return;
    free((*rs)->name);
    store_release((*rs)->store);
    free(*rs);
    *rs = NULL;
}

drmaa2_error drmaa2_destroy_rsession(const char *session_name)
{
    stub_store *s;
    drmaa2_error e;

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (stub_check_session_name(session_name, "drmaa2_destroy_rsession") != DRMAA2_SUCCESS)
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
        e = stub_error(DRMAA2_INVALID_ARGUMENT,
                       "there is no reservation session named '%s' in %s", session_name, s->dir);
    if (e == DRMAA2_SUCCESS)
        e = store_exec(s, "DELETE FROM reservations WHERE session = ?1 AND owner = ?2", "ti",
                       session_name, (long long) getuid());
    if (e != DRMAA2_SUCCESS) {
        store_rollback(s);
        store_release(s);
        return e;
    }
    e = store_commit(s);
    if (e == DRMAA2_SUCCESS)
        sched_dispatch(s);   /* queued jobs of those reservations fail, others may start */
    store_release(s);
    return e;
}

drmaa2_string_list drmaa2_get_rsession_names(void)
{
    if (stub_enter(__func__))
        return NULL;
    return session_names(KIND);
}

drmaa2_string drmaa2_rsession_get_contact(const drmaa2_rsession rs)
{
    char *contact;
    if (stub_enter(__func__))
        return NULL;
    if (check_rs(rs) != DRMAA2_SUCCESS)
        return NULL;
    contact = session_contact(rs->store, KIND, rs->name);
    if (contact == NULL && drmaa2_lasterror() == DRMAA2_SUCCESS)
        contact = stub_strdup(rs->store->dir);
    return contact;
}

drmaa2_string drmaa2_rsession_get_session_name(const drmaa2_rsession rs)
{
    if (stub_enter(__func__))
        return NULL;
    if (rs == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation session handle is NULL");
        return NULL;
    }
    return stub_strdup(rs->name);
}

drmaa2_r reservation_handle_new(stub_store *s, long long id, const char *session)
{
    drmaa2_r r = calloc(1, sizeof *r);
    if (r == NULL || (r->session = stub_strdup(session)) == NULL) {
        free(r);
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a reservation handle");
        return NULL;
    }
    r->id = id;
    r->store = s;
    store_retain(s);
    return r;
}

static long long parse_id(const char *text)
{
    char *end;
    long long v;
    if (text == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation id is NULL");
        return -1;
    }
    v = strtoll(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || v <= 0) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "'%s' is not a reservation id of this DRM", text);
        return -1;
    }
    return v;
}

/* 1 if user may use a reservation owned by owner with that encoded ACL. */
static int acl_allows(long long owner, const void *acl, int acl_len, const char *user)
{
    drmaa2_string_list l;
    long i, n;
    int ok = 0;
    if (owner == (long long) getuid())
        return 1;
    if (acl == NULL || user == NULL)
        return 0;
    l = codec_decode_strings(acl, (size_t) acl_len);
    n = l != NULL ? drmaa2_list_size(l) : 0;
    for (i = 0; i < n && !ok; i++)
        ok = strcmp(drmaa2_list_get(l, i), user) == 0 || strcmp(drmaa2_list_get(l, i), "*") == 0;
    drmaa2_list_free(&l);
    return ok;
}

drmaa2_error reservations_check_usable(stub_store *s, const char *reservation_id)
{
    long long id = parse_id(reservation_id);
    sqlite3_stmt *st;
    drmaa2_error e = DRMAA2_SUCCESS;
    char *user;
    int rc;

    if (id < 0)
        return drmaa2_lasterror();
    if ((e = store_begin_read(s)) != DRMAA2_SUCCESS)
        return e;
    st = store_stmt(s, "SELECT owner, acl, end_time, terminated FROM reservations WHERE id = ?1",
                    "i", id);
    rc = st != NULL ? store_step(s, st) : -1;
    if (rc == SQLITE_DONE) {
        e = stub_error(DRMAA2_INVALID_ARGUMENT, "reservationId: there is no reservation %s",
                       reservation_id);
    } else if (rc == SQLITE_ROW) {
        user = stub_username();
        if (sqlite3_column_type(st, 3) != SQLITE_NULL ||
            (sqlite3_column_type(st, 2) != SQLITE_NULL && sqlite3_column_double(st, 2) <= stub_now()))
            e = stub_error(DRMAA2_INVALID_ARGUMENT,
                           "reservationId: reservation %s has ended or was terminated",
                           reservation_id);
        else if (!acl_allows(sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                             sqlite3_column_bytes(st, 1), user))
            e = stub_error(DRMAA2_DENIED_BY_DRMS,
                           "reservationId: reservation %s is not open to user %s",
                           reservation_id, user != NULL ? user : "?");
        free(user);
    } else {
        e = drmaa2_lasterror();
    }
    sqlite3_finalize(st);
    store_rollback(s);
    return e;
}

/* The most slots the reservations overlapping [start, end) use at once;
 * end < 0 means open-ended. Inside a transaction. -1 with the error set. */
static long long peak_use(stub_store *s, double start, double end)
{
    sqlite3_stmt *st;
    double *starts = NULL, *ends = NULL;
    long long *slots = NULL, peak = 0;
    size_t n = 0, cap = 0, i, k;
    int rc;

    st = store_stmt(s, "SELECT start_time, COALESCE(terminated, end_time, -1), slots "
                    "FROM reservations WHERE " RESERVATION_LIVE_UNTIL_SQL " > ?1", "d", start);
    while (st != NULL && (rc = store_step(s, st)) == SQLITE_ROW) {
        double rs = sqlite3_column_double(st, 0), re = sqlite3_column_double(st, 1);
        if (end >= 0 && rs >= end)
            continue;
        if (n == cap) {
            size_t ncap = cap == 0 ? 16 : cap * 2;
            double *ns = realloc(starts, ncap * sizeof *ns);
            double *ne = ns != NULL ? realloc(ends, ncap * sizeof *ne) : NULL;
            long long *nl = ne != NULL ? realloc(slots, ncap * sizeof *nl) : NULL;
            if (ns != NULL)
                starts = ns;
            if (ne != NULL)
                ends = ne;
            if (nl == NULL) {
                stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory checking reservations");
                rc = -1;
                break;
            }
            slots = nl;
            cap = ncap;
        }
        starts[n] = rs;
        ends[n] = re;
        slots[n] = sqlite3_column_int64(st, 2);
        n++;
    }
    sqlite3_finalize(st);
    if (st == NULL || rc < 0)
        peak = -1;
    /* the use is highest at the window's start or where another one starts */
    for (i = 0; i <= n && peak >= 0; i++) {
        double t = i == n ? start : starts[i];
        long long use = 0;
        if (t < start)
            t = start;
        for (k = 0; k < n; k++)
            if (starts[k] <= t && (ends[k] < 0 || ends[k] > t))
                use += slots[k];
        if (use > peak)
            peak = use;
    }
    free(starts);
    free(ends);
    free(slots);
    return peak;
}

static drmaa2_error check_rtemplate(const drmaa2_rtemplate rt, double *start, double *end,
                                    long long *min_slots, long long *max_slots)
{
    double now = stub_now();
    if (rt == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation template is NULL");
    if (rt->jobCategory != NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "jobCategory '%s' is unknown: this DRM has no job categories",
                          rt->jobCategory);
    if (rt->startTime == DRMAA2_UNSET_TIME || rt->startTime == DRMAA2_NOW)
        *start = now;
    else if (rt->startTime < 0)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "startTime must be an absolute time, DRMAA2_NOW or unset, got %ld",
                          (long) rt->startTime);
    else
        *start = (double) rt->startTime < now ? now : (double) rt->startTime;
    if (rt->duration != DRMAA2_UNSET_TIME && rt->duration <= 0)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "duration must be positive, got %ld",
                          (long) rt->duration);
    if (rt->endTime != DRMAA2_UNSET_TIME && rt->endTime < 0)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "endTime must be an absolute time or unset, "
                          "got %ld", (long) rt->endTime);
    *end = -1;
    if (rt->duration != DRMAA2_UNSET_TIME)
        *end = *start + (double) rt->duration;
    if (rt->endTime != DRMAA2_UNSET_TIME) {
        if (*end >= 0 && *end > (double) rt->endTime)
            return stub_error(DRMAA2_DENIED_BY_DRMS,
                              "a duration of %ld s from the start does not fit before endTime",
                              (long) rt->duration);
        if (*end < 0)
            *end = (double) rt->endTime;
    }
    if (*end >= 0 && *end <= *start)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation ends before it starts");
    *min_slots = rt->minSlots == DRMAA2_UNSET_NUM ? 1 : rt->minSlots;
    if (*min_slots < 1)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "minSlots must be at least 1, got %lld",
                          rt->minSlots);
    *max_slots = rt->maxSlots == DRMAA2_UNSET_NUM ? *min_slots : rt->maxSlots;
    if (*max_slots < *min_slots)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "maxSlots (%lld) is less than minSlots (%lld)",
                          *max_slots, *min_slots);
    if (rt->candidateMachines != NULL && drmaa2_list_size(rt->candidateMachines) > 0) {
        long i, n = drmaa2_list_size(rt->candidateMachines);
        for (i = 0; i < n; i++)
            if (strcmp(drmaa2_list_get(rt->candidateMachines, i), stub_hostname()) == 0)
                break;
        if (i == n)
            return stub_error(DRMAA2_DENIED_BY_DRMS, "candidateMachines does not include this "
                              "DRM's only machine '%s'", stub_hostname());
    }
    if (rt->machineOS != DRMAA2_UNSET_OS || rt->machineArch != DRMAA2_UNSET_CPU ||
        rt->minPhysMemory != DRMAA2_UNSET_NUM) {
        drmaa2_machineinfo mi = stub_local_machineinfo();
        drmaa2_error e = DRMAA2_SUCCESS;
        if (mi == NULL)
            return drmaa2_lasterror();
        if (rt->machineOS != DRMAA2_UNSET_OS && rt->machineOS != mi->machineOS)
            e = stub_error(DRMAA2_DENIED_BY_DRMS, "machineOS %d is not this machine's "
                           "operating system (%d)", (int) rt->machineOS, (int) mi->machineOS);
        else if (rt->machineArch != DRMAA2_UNSET_CPU && rt->machineArch != mi->machineArch)
            e = stub_error(DRMAA2_DENIED_BY_DRMS, "machineArch %d is not this machine's "
                           "architecture (%d)", (int) rt->machineArch, (int) mi->machineArch);
        else if (rt->minPhysMemory != DRMAA2_UNSET_NUM && rt->minPhysMemory > mi->physMemory)
            e = stub_error(DRMAA2_DENIED_BY_DRMS, "minPhysMemory %lld KiB is more than this "
                           "machine has (%lld KiB)", rt->minPhysMemory, mi->physMemory);
        drmaa2_machineinfo_free(&mi);
        return e;
    }
    return DRMAA2_SUCCESS;
}

drmaa2_r drmaa2_rsession_request_reservation(const drmaa2_rsession rs, const drmaa2_rtemplate rt)
{
    double start = 0, end = -1;
    long long min_slots = 1, max_slots = 1, peak, granted, id;
    long total;
    stub_buf enc, acl;
    char *owner;
    drmaa2_error e;

    if (stub_enter(__func__))
        return NULL;
    if (check_rs(rs) != DRMAA2_SUCCESS ||
        check_rtemplate(rt, &start, &end, &min_slots, &max_slots) != DRMAA2_SUCCESS)
        return NULL;
    if ((total = stub_slots_total()) < 0)
        return NULL;
    if (codec_encode_rt(rt, &enc) != DRMAA2_SUCCESS)
        return NULL;
    if (codec_encode_strings(rt->usersACL, &acl) != DRMAA2_SUCCESS) {
        buf_free(&enc);
        return NULL;
    }
    owner = stub_username();
    if (owner == NULL || store_begin(rs->store) != DRMAA2_SUCCESS) {
        free(owner);
        buf_free(&enc);
        buf_free(&acl);
        return NULL;
    }
    e = store_exec(rs->store, "INSERT OR REPLACE INTO config (key, value) VALUES ('slots', ?1)",
                   "i", (long long) total);
    peak = e == DRMAA2_SUCCESS ? peak_use(rs->store, start, end) : -1;
    if (e == DRMAA2_SUCCESS && peak < 0)
        e = drmaa2_lasterror();
    granted = total - peak;
    if (e == DRMAA2_SUCCESS && granted < min_slots)
        e = stub_error(DRMAA2_DENIED_BY_DRMS,
                       "the reservation does not fit: it needs %lld slots, but other "
                       "reservations leave only %lld of this machine's %ld free in that time",
                       min_slots, granted < 0 ? 0 : granted, total);
    if (granted > max_slots)
        granted = max_slots;
    if (e == DRMAA2_SUCCESS) {
        sqlite3_stmt *st = store_stmt(rs->store, "INSERT INTO reservations (session, owner, "
                                      "owner_name, name, rt, acl, start_time, end_time, slots) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", "tittbbddi",
                                      rs->name, (long long) getuid(), owner, rt->reservationName,
                                      enc.data, (int) enc.len, acl.data, (int) acl.len, start,
                                      end, granted);
        if (st == NULL) {
            e = drmaa2_lasterror();
        } else {
            if (end < 0)
                sqlite3_bind_null(st, 8);
            if (store_step(rs->store, st) != SQLITE_DONE)
                e = drmaa2_lasterror();
            sqlite3_finalize(st);
        }
    }
    id = sqlite3_last_insert_rowid(rs->store->db);
    free(owner);
    buf_free(&enc);
    buf_free(&acl);
    if (e != DRMAA2_SUCCESS) {
        store_rollback(rs->store);
        return NULL;
    }
    if (store_commit(rs->store) != DRMAA2_SUCCESS)
        return NULL;
    return reservation_handle_new(rs->store, id, rs->name);
}

drmaa2_r drmaa2_rsession_get_reservation(const drmaa2_rsession rs,
                                         const drmaa2_string reservationId)
{
    sqlite3_stmt *st;
    long long id;
    int rc;

    if (stub_enter(__func__))
        return NULL;
    if (check_rs(rs) != DRMAA2_SUCCESS || (id = parse_id(reservationId)) < 0)
        return NULL;
    if (store_begin_read(rs->store) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(rs->store, "SELECT 1 FROM reservations WHERE id = ?1 AND session = ?2 AND "
                    "owner = ?3", "iti", id, rs->name, (long long) getuid());
    rc = st != NULL ? store_step(rs->store, st) : -1;
    sqlite3_finalize(st);
    store_rollback(rs->store);
    if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "there is no reservation %s in the reservation "
                   "session '%s'", reservationId, rs->name);
    if (rc != SQLITE_ROW)
        return NULL;
    return reservation_handle_new(rs->store, id, rs->name);
}

/* Reservation handles of the rows the query selects (id, session), which
 * this user may see. */
static drmaa2_r_list select_reservations(stub_store *s, const char *sql, const char *session)
{
    drmaa2_r_list l = stub_list_new(DRMAA2_RESERVATIONLIST);
    sqlite3_stmt *st;
    char *user = stub_username();
    int failed = l == NULL || user == NULL;

    if (!failed && store_begin_read(s) != DRMAA2_SUCCESS)
        failed = 1;
    else if (!failed) {
        st = session != NULL ? store_stmt(s, sql, "ti", session, (long long) getuid())
                             : store_stmt(s, sql, "");
        failed = st == NULL;
        while (!failed) {
            int rc = store_step(s, st);
            drmaa2_r r;
            if (rc != SQLITE_ROW) {
                failed = rc < 0;
                break;
            }
            if (!acl_allows(sqlite3_column_int64(st, 2), sqlite3_column_blob(st, 3),
                            sqlite3_column_bytes(st, 3), user))
                continue;
            r = reservation_handle_new(s, sqlite3_column_int64(st, 0),
                                       (const char *) sqlite3_column_text(st, 1));
            if (r == NULL || stub_list_append(l, r) != DRMAA2_SUCCESS) {
                drmaa2_r_free(&r);
                failed = 1;
            }
        }
        sqlite3_finalize(st);
        store_rollback(s);
    }
    free(user);
    if (failed)
        drmaa2_list_free(&l);
    return l;
}

drmaa2_r_list drmaa2_rsession_get_reservations(const drmaa2_rsession rs)
{
    if (stub_enter(__func__))
        return NULL;
    if (check_rs(rs) != DRMAA2_SUCCESS)
        return NULL;
    return select_reservations(rs->store, "SELECT id, session, owner, acl FROM reservations "
                               "WHERE session = ?1 AND owner = ?2 ORDER BY id", rs->name);
}

drmaa2_r_list reservations_all(stub_store *s)
{
    return select_reservations(s, "SELECT id, session, owner, acl FROM reservations ORDER BY id",
                               NULL);
}

/* ------------------------------------------------------------ reservation */

static int check_r(const drmaa2_r r)
{
    if (r == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "the reservation handle is NULL");
        return 0;
    }
    return 1;
}

void drmaa2_r_free(drmaa2_r *r)
{
    if (r == NULL || *r == NULL)
        return;
    free((*r)->session);
    store_release((*r)->store);
    free(*r);
    *r = NULL;
}

drmaa2_string drmaa2_r_get_id(const drmaa2_r r)
{
    if (stub_enter(__func__) || !check_r(r))
        return NULL;
    return stub_strprintf("%lld", r->id);
}

drmaa2_string drmaa2_r_get_session_name(const drmaa2_r r)
{
    if (stub_enter(__func__) || !check_r(r))
        return NULL;
    return stub_strdup(r->session);
}

/* Steps the reservation's row; SQLITE_ROW, or an error set. */
static sqlite3_stmt *reservation_row(const drmaa2_r r, const char *columns)
{
    char *sql = stub_strprintf("SELECT %s FROM reservations WHERE id = ?1", columns);
    sqlite3_stmt *st;
    int rc;
    if (sql == NULL)
        return NULL;
    st = store_stmt(r->store, sql, "i", r->id);
    free(sql);
    if (st == NULL)
        return NULL;
    rc = store_step(r->store, st);
    if (rc == SQLITE_ROW)
        return st;
    if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "reservation %lld does not exist (its session was "
                   "destroyed)", r->id);
    sqlite3_finalize(st);
    return NULL;
}

static drmaa2_rtemplate get_rtemplate(const drmaa2_r r)
{
    sqlite3_stmt *st;
    drmaa2_rtemplate rt = NULL;
    if (!check_r(r) || store_begin_read(r->store) != DRMAA2_SUCCESS)
        return NULL;
    st = reservation_row(r, "rt");
    if (st != NULL)
        rt = codec_decode_rt(sqlite3_column_blob(st, 0), (size_t) sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
    store_rollback(r->store);
    return rt;
}

drmaa2_rtemplate drmaa2_r_get_reservation_template(const drmaa2_r r)
{
    if (stub_enter(__func__))
        return NULL;
    return get_rtemplate(r);
}

#if DRMAA2_STUB_NAMES_2016
drmaa2_rtemplate drmaa2_r_get_rtemplate(const drmaa2_r r)
{
    if (stub_enter(__func__))
        return NULL;
    return get_rtemplate(r);
}
#endif

drmaa2_rinfo drmaa2_r_get_info(const drmaa2_r r)
{
    sqlite3_stmt *st;
    drmaa2_rinfo ri = NULL;

    if (stub_enter(__func__) || !check_r(r))
        return NULL;
    if (store_begin_read(r->store) != DRMAA2_SUCCESS)
        return NULL;
    st = reservation_row(r, "name, start_time, COALESCE(terminated, end_time), slots, acl");
    if (st != NULL && (ri = stub_rinfo_new()) != NULL) {
        drmaa2_slotinfo si;
        int failed = 0;
        ri->reservationId = stub_strprintf("%lld", r->id);
        ri->reservationName = store_column_text(st, 0);
        ri->reservedStartTime = (time_t) sqlite3_column_double(st, 1);
        ri->reservedEndTime = sqlite3_column_type(st, 2) == SQLITE_NULL
                                  ? DRMAA2_INFINITE_TIME : (time_t) sqlite3_column_double(st, 2);
        ri->reservedSlots = sqlite3_column_int64(st, 3);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
            ri->usersACL = codec_decode_strings(sqlite3_column_blob(st, 4),
                                                (size_t) sqlite3_column_bytes(st, 4));
            failed = drmaa2_lasterror() != DRMAA2_SUCCESS;
        }
        ri->reservedMachines = stub_list_new(DRMAA2_SLOTINFOLIST);
        si = stub_slotinfo_new(stub_hostname(), ri->reservedSlots);
        if (ri->reservedMachines == NULL || si == NULL ||
            stub_list_append(ri->reservedMachines, si) != DRMAA2_SUCCESS) {
            drmaa2_slotinfo_free(&si);
            failed = 1;
        }
        if (failed || ri->reservationId == NULL) {
            drmaa2_rinfo_free(&ri);
            if (drmaa2_lasterror() == DRMAA2_SUCCESS)
                stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory building a reservation info");
        }
    }
    sqlite3_finalize(st);
    store_rollback(r->store);
    return ri;
}

drmaa2_error drmaa2_r_terminate(drmaa2_r r)
{
    sqlite3_stmt *st;
    drmaa2_error e = DRMAA2_SUCCESS;
    double now = stub_now();

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (!check_r(r))
        return DRMAA2_INVALID_ARGUMENT;
    if ((e = store_begin(r->store)) != DRMAA2_SUCCESS)
        return e;
    st = reservation_row(r, "terminated, end_time");
    if (st == NULL) {
        e = drmaa2_lasterror();
    } else if (sqlite3_column_type(st, 0) != SQLITE_NULL ||
               (sqlite3_column_type(st, 1) != SQLITE_NULL &&
                sqlite3_column_double(st, 1) <= now)) {
        e = stub_error(DRMAA2_INVALID_STATE, "reservation %lld has already ended", r->id);
    }
    sqlite3_finalize(st);
    if (e == DRMAA2_SUCCESS)
        e = store_exec(r->store, "UPDATE reservations SET terminated = ?1 WHERE id = ?2", "di",
                       now, r->id);
    if (e != DRMAA2_SUCCESS) {
        store_rollback(r->store);
        return e;
    }
    if ((e = store_commit(r->store)) != DRMAA2_SUCCESS)
        return e;
    sched_dispatch(r->store);   /* its queued jobs fail; its slots are free again */
    store_notify(r->store);
    return DRMAA2_SUCCESS;
}
