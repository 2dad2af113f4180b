/* Run-time quirks: DRMAA2_STUB_QUIRKS=<name>[,...] makes the library behave as
 * some vendors' libraries really do (c-api.md 5.15, 5.16, 8.2), so the binding
 * can be tested against them. An unknown name fails every API call with
 * INVALID_ARGUMENT (a typo must not test the standard behaviour instead). */
#include <stdlib.h>
#include <string.h>

#include "stub.h"

static const char *const quirk_names[STUB_QUIRK_COUNT] = {
    "sticky_lasterror",       /* the last error is never reset on success, and dict_del
                                 of a missing key fails without setting it (OGF mock) */
    "static_lasterror_text",  /* drmaa2_lasterror_text returns the library's buffer (PBS) */
    "list_prepends",          /* drmaa2_list_add inserts at the front (PBS) */
    "null_drms_name",         /* get_drms_name and get_drms_version: NULL, no error (mock) */
    "empty_jarray_null",      /* jarray_get_jobs: NULL, no error, for no jobs (PBS) */
    "noop_waits",             /* waits and event registration do nothing, supports() is
                                 always TRUE (PBS, c-api.md 5.16) */
};

/* The quirk named by name[0..length), or -1. */
static int quirk_named(const char *name, size_t length)
{
    int q;
    for (q = 0; q < STUB_QUIRK_COUNT; q++)
        if (strlen(quirk_names[q]) == length && strncmp(quirk_names[q], name, length) == 0)
            return q;
    return -1;
}

/* Calls visit for each entry of DRMAA2_STUB_QUIRKS; an empty entry is skipped. */
static void each_entry(void (*visit)(const char *name, size_t length, void *arg), void *arg)
{
    const char *spec = getenv("DRMAA2_STUB_QUIRKS");

    while (spec != NULL && *spec != '\0') {
        const char *end = strchr(spec, ',');
        size_t length;
        if (end == NULL)
            end = spec + strlen(spec);
        while (spec < end && *spec == ' ')
            spec++;
        length = (size_t) (end - spec);
        while (length > 0 && spec[length - 1] == ' ')
            length--;
        if (length > 0)
            visit(spec, length, arg);
        spec = *end == ',' ? end + 1 : end;
    }
}

typedef struct quirk_search {
    int wanted;
    int found;
} quirk_search;

static void find_one(const char *name, size_t length, void *arg)
{
    quirk_search *search = arg;
    if (quirk_named(name, length) == search->wanted)
        search->found = 1;
}

int stub_quirk(stub_quirk_id quirk)
{
    quirk_search search = {(int) quirk, 0};
    each_entry(find_one, &search);
    return search.found;
}

typedef struct unknown_search {
    const char *name;
    size_t length;
} unknown_search;

static void find_unknown(const char *name, size_t length, void *arg)
{
    unknown_search *search = arg;
    if (search->name == NULL && quirk_named(name, length) < 0) {
        search->name = name;
        search->length = length;
    }
}

int stub_quirks_invalid(const char *function)
{
    unknown_search search = {NULL, 0};
    each_entry(find_unknown, &search);
    if (search.name == NULL)
        return 0;
    stub_error(DRMAA2_INVALID_ARGUMENT,
               "%s: DRMAA2_STUB_QUIRKS entry '%.*s' names no quirk (known: sticky_lasterror, "
               "static_lasterror_text, list_prepends, null_drms_name, empty_jarray_null, "
               "noop_waits)", function, (int) search.length, search.name);
    return 1;
}
