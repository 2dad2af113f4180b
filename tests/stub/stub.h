/*
 * stub.h: what the parts of the stub library share. Nothing declared here is
 * exported from libdrmaa2.so (STUB_INTERNAL hides it); only the drmaa2_*
 * functions and the DRMAA2_* resource-limit names are.
 *
 * Every API function that returns a value starts with
 *     if (stub_enter(__func__)) return <its failure value>;
 * which resets this thread's last error and applies the fault injection of
 * DRMAA2_STUB_FAIL. The void *_free functions do not call it: they cannot
 * fail and must not hide an error the caller has yet to read.
 */
#ifndef STUB_H
#define STUB_H

#include <stdarg.h>

#include "drmaa2.h"

#define STUB_INTERNAL __attribute__((visibility("hidden")))

/* The number of elements of an array (not a pointer). */
#define STUB_COUNT(array) (sizeof (array) / sizeof (array)[0])

/* ------------------------------------------------------ errors (errors.c) */

/* Resets this thread's last error; returns 1 (with the error set) when
 * DRMAA2_STUB_FAIL asks this function to fail, 0 otherwise. */
STUB_INTERNAL int stub_enter(const char *function);
/* Sets this thread's last error code and text (printf-style); returns code. */
STUB_INTERNAL drmaa2_error stub_error(drmaa2_error code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same, but with sticky_lasterror the application never reads it: the
 * OGF mock's failures that set no error. */
STUB_INTERNAL drmaa2_error stub_error_unreported(drmaa2_error code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* This call's error, as the library's own code reads it: the exported
 * drmaa2_lasterror tells the application's view (see sticky_lasterror). */
STUB_INTERNAL drmaa2_error stub_lasterror(void);
#define drmaa2_lasterror() stub_lasterror()
/* The error of a wait that ended with e: on Grid Engine a wait whose time is
 * up fails with INVALID_STATE, not TIMEOUT (c-api.md 7.2). */
STUB_INTERNAL drmaa2_error stub_wait_result(drmaa2_error e, time_t timeout);
/* The standard name of an error code ("DRMAA2_TIMEOUT"), or "unknown error". */
STUB_INTERNAL const char *stub_error_name(drmaa2_error code);

/* ----------------------------------------------- run-time quirks (quirks.c) */

/* The quirks DRMAA2_STUB_QUIRKS may name, in the order of quirks.c's names. */
typedef enum stub_quirk_id {
    STUB_QUIRK_STICKY_LASTERROR,
    STUB_QUIRK_STATIC_LASTERROR_TEXT,
    STUB_QUIRK_LIST_PREPENDS,
    STUB_QUIRK_NULL_DRMS_NAME,
    STUB_QUIRK_EMPTY_JARRAY_NULL,
    STUB_QUIRK_NOOP_WAITS,
    STUB_QUIRK_COUNT
} stub_quirk_id;

/* 1 if DRMAA2_STUB_QUIRKS names this quirk. */
STUB_INTERNAL int stub_quirk(stub_quirk_id quirk);
/* 1 (with INVALID_ARGUMENT set) if DRMAA2_STUB_QUIRKS names an unknown quirk. */
STUB_INTERNAL int stub_quirks_invalid(const char *function);

/* ---------------------------------------------------- strings (strings.c) */

/* A malloc'd copy; NULL -> NULL (no error); OUT_OF_RESOURCE set on failure. */
STUB_INTERNAL char *stub_strdup(const char *s);
/* A malloc'd formatted string; NULL with OUT_OF_RESOURCE on failure. */
STUB_INTERNAL char *stub_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ------------------------------------------- lists and dicts (list.c, dict.c) */

/* An empty list whose free callback frees entries of that type
 * (drmaa2_string_free, drmaa2_j_free, drmaa2_queueinfo_free, ...). */
STUB_INTERNAL drmaa2_list stub_list_new(drmaa2_listtype type);
/* drmaa2_list_add without touching the last error unless it fails. */
STUB_INTERNAL drmaa2_error stub_list_append(drmaa2_list l, const void *value);
/* An empty dict that frees its keys and values (with free()). */
STUB_INTERNAL drmaa2_dict stub_dict_new(void);
/* Stores copies of key and value in a dict made by stub_dict_new. */
STUB_INTERNAL drmaa2_error stub_dict_put(drmaa2_dict d, const char *key, const char *value);
/* Calls visit for each entry in insertion order until it returns non-zero;
 * returns that value, or 0. */
STUB_INTERNAL int stub_dict_foreach(const drmaa2_dict d,
                                    int (*visit)(const char *key, const char *value, void *arg),
                                    void *arg);

/* ------------------------------------------------ structs (structs.c) */

/* The *_create functions without stub_enter (no reset, no fault injection). */
STUB_INTERNAL drmaa2_jtemplate stub_jtemplate_new(void);
STUB_INTERNAL drmaa2_jinfo stub_jinfo_new(void);
STUB_INTERNAL drmaa2_rtemplate stub_rtemplate_new(void);
STUB_INTERNAL drmaa2_rinfo stub_rinfo_new(void);
STUB_INTERNAL drmaa2_queueinfo stub_queueinfo_new(const char *name);
STUB_INTERNAL drmaa2_slotinfo stub_slotinfo_new(const char *machine, long long slots);
STUB_INTERNAL drmaa2_notification stub_notification_new(drmaa2_event e, const char *job_id,
                                                        const char *session, drmaa2_jstate s);
STUB_INTERNAL drmaa2_version stub_version_new(const char *major, const char *minor);
/* A machine info with every field UNSET, for the caller to fill in. */
STUB_INTERNAL drmaa2_machineinfo stub_machineinfo_new(void);

/* ------------------- implementation-specific attributes (implspec.c)
 * Job templates: "stub_nice" (0..19, the nice increment the job runs with).
 * Job infos: "stub_max_rss_kib" (peak resident memory of the finished job). */

/* The attribute's value (borrowed, valid until it is set again or the struct
 * freed), or NULL if unset or instance is not a struct of this library. */
STUB_INTERNAL const char *stub_impl_get(const void *instance, const char *name);
/* Validates and stores a copy of value (NULL unsets); sets the last error on failure. */
STUB_INTERNAL drmaa2_error stub_impl_set(void *instance, const char *name, const char *value);

/* ------------------------------------------- this machine (machine.c) */

/* This machine as a machine info with real values; NULL with the error set. */
STUB_INTERNAL drmaa2_machineinfo stub_local_machineinfo(void);
/* The number of job slots: DRMAA2_STUB_SLOTS, or the number of online cores;
 * -1 with INVALID_ARGUMENT set if DRMAA2_STUB_SLOTS is not a positive integer. */
STUB_INTERNAL long stub_slots_total(void);

#endif /* STUB_H */
