/* sessions.h: persistent named sessions of one kind ("job", "reservation")
 * in the store (sessions.c). */
#ifndef STUB_SESSIONS_H
#define STUB_SESSIONS_H

#include "jobs.h"

/* 1 if the session exists, 0 if not, -1 with the error set. */
STUB_INTERNAL int session_exists(stub_store *s, const char *kind, const char *name);
/* Creates the session (name NULL: a generated unique name); its name in *created. */
STUB_INTERNAL drmaa2_error session_create(stub_store *s, const char *kind, const char *name,
                                          const char *contact, char **created);
/* For drmaa2_create_*session (create != 0; name NULL: generated) and drmaa2_open_*session
 * (the session must exist): the store of the current state directory, with the session's
 * name copied into *name (the caller owns both); NULL with the error set. */
STUB_INTERNAL stub_store *session_attach(const char *kind, const char *function,
                                         const char *name, const char *contact, int create,
                                         char **attached);
/* The contact stored with the session (malloc'd), or NULL. */
STUB_INTERNAL char *session_contact(stub_store *s, const char *kind, const char *name);
/* The names of this user's sessions of that kind in the current state directory. */
STUB_INTERNAL drmaa2_string_list session_names(const char *kind);
/* Checks a session handle before use: not NULL, not closed, not destroyed. */
STUB_INTERNAL drmaa2_error session_check_open(stub_store *s, const char *kind, const char *name,
                                              int closed, const void *handle);

#endif /* STUB_SESSIONS_H */
