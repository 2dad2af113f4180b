/* Persistent named sessions (job and reservation sessions) in the store:
 * names unique per user and kind, checked, generated when not given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessions.h"

drmaa2_error stub_check_session_name(const char *name, const char *what)
{
    const unsigned char *p;
    if (name == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "%s: the session name is NULL", what);
    if (name[0] == '\0')
        return stub_error(DRMAA2_INVALID_ARGUMENT, "%s: the session name is empty", what);
    if (strlen(name) > 255)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "%s: the session name is %zu bytes long; at most 255 are allowed",
                          what, strlen(name));
    if (strchr(name, '/') != NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "%s: the session name '%s' contains '/'", what, name);
    if (strstr(name, "..") != NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "%s: the session name '%s' contains '..'", what, name);
    for (p = (const unsigned char *) name; *p != '\0'; p++)
        if (*p < 0x20 || *p == 0x7f)
            return stub_error(DRMAA2_INVALID_ARGUMENT,
                              "%s: the session name contains the control character 0x%02x",
                              what, *p);
    return DRMAA2_SUCCESS;
}

int session_exists(stub_store *s, const char *kind, const char *name)
{
    sqlite3_stmt *st;
    int found = -1;
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return -1;
    st = store_stmt(s, "SELECT 1 FROM sessions WHERE kind = ?1 AND owner = ?2 AND name = ?3",
                    "tit", kind, (long long) getuid(), name);
    if (st != NULL) {
        int rc = store_step(s, st);
        found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(st);
    store_rollback(s);
    return found;
}

stub_store *session_attach(const char *kind, const char *function, const char *name,
                           const char *contact, int create, char **attached)
{
    stub_store *s;
    int found;

    if ((name != NULL || !create) &&
        stub_check_session_name(name, function) != DRMAA2_SUCCESS)
        return NULL;
    if ((s = store_open_current()) == NULL)
        return NULL;
    if (create) {
        if (session_create(s, kind, name, contact, attached) == DRMAA2_SUCCESS)
            return s;
    } else if ((found = session_exists(s, kind, name)) > 0) {
        if ((*attached = stub_strdup(name)) != NULL)
            return s;
    } else if (found == 0) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "there is no %s session named '%s' in %s",
                   kind, name, s->dir);
    }
    store_release(s);
    return NULL;
}

drmaa2_error session_create(stub_store *s, const char *kind, const char *name,
                            const char *contact, char **created)
{
    static unsigned counter = 0;
    sqlite3_stmt *st;
    drmaa2_error e;
    char *generated = NULL;
    int rc, tries;

    *created = NULL;
    for (tries = 0; tries < 100; tries++) {
        if (name == NULL) {
            free(generated);
            generated = stub_strprintf("%s-%ld-%u-%ld", kind[0] == 'j' ? "js" : "rs",
                                       (long) getpid(),
                                       __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED),
                                       (long) (stub_now() * 1000) % 1000000);
            if (generated == NULL)
                return DRMAA2_OUT_OF_RESOURCE;
        }
        if ((e = store_begin(s)) != DRMAA2_SUCCESS) {
            free(generated);
            return e;
        }
        st = store_stmt(s, "INSERT OR IGNORE INTO sessions (kind, name, owner, contact, "
                        "created) VALUES (?1, ?2, ?3, ?4, ?5)", "ttitd", kind,
                        name != NULL ? name : generated, (long long) getuid(), contact,
                        stub_now());
        rc = st != NULL ? store_step(s, st) : -1;
        sqlite3_finalize(st);
        if (rc < 0) {
            e = drmaa2_lasterror();
            store_rollback(s);
            free(generated);
            return e;
        }
        if (sqlite3_changes(s->db) == 1) {
            if ((e = store_commit(s)) != DRMAA2_SUCCESS) {
                free(generated);
                return e;
            }
            *created = name != NULL ? stub_strdup(name) : generated;
            return *created != NULL ? DRMAA2_SUCCESS : DRMAA2_OUT_OF_RESOURCE;
        }
        store_rollback(s);
        if (name != NULL)
            return stub_error(DRMAA2_INVALID_ARGUMENT,
                              "a %s session named '%s' already exists (open it, or destroy it "
                              "first)", kind, name);
    }
    free(generated);
    return stub_error(DRMAA2_INTERNAL, "could not generate a unique %s session name", kind);
}

char *session_contact(stub_store *s, const char *kind, const char *name)
{
    sqlite3_stmt *st;
    char *contact = NULL;
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(s, "SELECT contact FROM sessions WHERE kind = ?1 AND owner = ?2 AND "
                    "name = ?3", "tit", kind, (long long) getuid(), name);
    if (st != NULL && store_step(s, st) == SQLITE_ROW)
        contact = store_column_text(st, 0);
    sqlite3_finalize(st);
    store_rollback(s);
    return contact;
}

drmaa2_string_list session_names(const char *kind)
{
    stub_store *s = store_open_current();
    drmaa2_string_list l;
    sqlite3_stmt *st;
    int failed = 0;

    if (s == NULL)
        return NULL;
    l = stub_list_new(DRMAA2_STRINGLIST);
    if (l == NULL || store_begin_read(s) != DRMAA2_SUCCESS) {
        drmaa2_list_free(&l);
        store_release(s);
        return NULL;
    }
    st = store_stmt(s, "SELECT name FROM sessions WHERE kind = ?1 AND owner = ?2 "
                    "ORDER BY created, name", "ti", kind, (long long) getuid());
    failed = st == NULL;
    while (!failed) {
        int rc = store_step(s, st);
        char *name;
        if (rc != SQLITE_ROW) {
            failed = rc < 0;
            break;
        }
        name = store_column_text(st, 0);
        if (name == NULL || stub_list_append(l, name) != DRMAA2_SUCCESS) {
            free(name);
            failed = 1;
        }
    }
    sqlite3_finalize(st);
    store_rollback(s);
    store_release(s);
    if (failed)
        drmaa2_list_free(&l);
    return l;
}

drmaa2_error session_check_open(stub_store *s, const char *kind, const char *name, int closed,
                                const void *handle)
{
    int found;
    if (handle == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the %s session handle is NULL", kind);
    if (closed)
        return stub_error(DRMAA2_INVALID_SESSION, "the %s session '%s' is closed", kind, name);
    found = session_exists(s, kind, name);
    if (found < 0)
        return drmaa2_lasterror();
    if (found == 0)
        return stub_error(DRMAA2_INVALID_SESSION,
                          "the %s session '%s' no longer exists (it was destroyed)", kind, name);
    return DRMAA2_SUCCESS;
}
