/* Strings handed across the API: copies made here, freed by drmaa2_string_free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub.h"

void drmaa2_string_free(drmaa2_string *string)
{
    if (string == NULL)
        return;
    free(*string);
    *string = NULL;
}

char *stub_strdup(const char *s)
{
    char *copy;

    if (s == NULL)
        return NULL;
    copy = strdup(s);
    if (copy == NULL)
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory copying a string of %zu bytes",
                   strlen(s));
    return copy;
}

char *stub_strprintf(const char *fmt, ...)
{
    va_list args;
    char *result = NULL;
    int length;

    va_start(args, fmt);
    length = vasprintf(&result, fmt, args);
    va_end(args);
    if (length < 0) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory formatting a string");
        return NULL;
    }
    return result;
}
