/* Fault injection: DRMAA2_STUB_FAIL=<function>:<ERROR_NAME>[,...] makes the named
 * API functions fail with the named error, so callers can test their error paths. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "stub.h"

STUB_INTERNAL int stub_fault_injected(const char *function);

/* The error named by name[0..length): "TIMEOUT", "DRMAA2_TIMEOUT" or "5";
 * DRMAA2_UNSET_ERROR if it names none (SUCCESS is no failure either). */
static drmaa2_error parse_error_name(const char *name, size_t length)
{
    static const char prefix[] = "DRMAA2_";
    int code;

    if (length >= sizeof prefix - 1 && strncmp(name, prefix, sizeof prefix - 1) == 0) {
        name += sizeof prefix - 1;
        length -= sizeof prefix - 1;
    }
    for (code = DRMAA2_DENIED_BY_DRMS; code < DRMAA2_LASTERROR; code++) {
        const char *full = stub_error_name((drmaa2_error) code) + sizeof prefix - 1;
        if (strlen(full) == length && strncmp(full, name, length) == 0)
            return (drmaa2_error) code;
    }
    if (length > 0 && length <= 2) {
        size_t i;
        code = 0;
        for (i = 0; i < length; i++) {
            if (!isdigit((unsigned char) name[i]))
                return DRMAA2_UNSET_ERROR;
            code = code * 10 + (name[i] - '0');
        }
        if (code > DRMAA2_SUCCESS && code < DRMAA2_LASTERROR)
            return (drmaa2_error) code;
    }
    return DRMAA2_UNSET_ERROR;
}

int stub_fault_injected(const char *function)
{
    const char *spec = getenv("DRMAA2_STUB_FAIL");
    size_t function_length = strlen(function);

    while (spec != NULL && *spec != '\0') {
        const char *end = strchr(spec, ',');
        const char *colon;
        size_t length;

        if (end == NULL)
            end = spec + strlen(spec);
        while (spec < end && isspace((unsigned char) *spec))
            spec++;
        length = (size_t) (end - spec);
        while (length > 0 && isspace((unsigned char) spec[length - 1]))
            length--;
        colon = memchr(spec, ':', length);
        if (colon != NULL && (size_t) (colon - spec) == function_length
            && strncmp(spec, function, function_length) == 0) {
            const char *name = colon + 1;
            size_t name_length = length - function_length - 1;
            drmaa2_error code = parse_error_name(name, name_length);
            if (code == DRMAA2_UNSET_ERROR) {
                stub_error(DRMAA2_INVALID_ARGUMENT,
                           "%s: DRMAA2_STUB_FAIL entry '%.*s' does not name a DRMAA2 error "
                           "(expected e.g. %s:DRMAA2_TIMEOUT)",
                           function, (int) length, spec, function);
                return 1;
            }
            stub_error(code, "%s: failure injected by DRMAA2_STUB_FAIL (%s)",
                       function, stub_error_name(code));
            return 1;
        }
        spec = *end == ',' ? end + 1 : end;
    }
    return 0;
}
