/* The last error of each thread: code and text, reset when an API call starts. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub.h"

/* Returns 1 (with the error set) when DRMAA2_STUB_FAIL names this function (fault.c). */
STUB_INTERNAL int stub_fault_injected(const char *function);

typedef struct stub_errstate {
    drmaa2_error code;
    char *text;        /* "" when there is no error */
    size_t capacity;
    int registered;    /* the thread-exit destructor knows this state */
    /* The last error reported, never reset: what drmaa2_lasterror and
     * drmaa2_lasterror_text tell with the quirk sticky_lasterror, while the
     * library itself goes on reading the error of the current call. */
    drmaa2_error sticky_code;
    char *sticky_text;
} stub_errstate;

static __thread stub_errstate errstate = {DRMAA2_SUCCESS, NULL, 0, 0, DRMAA2_SUCCESS, NULL};
static pthread_key_t errstate_key;
static pthread_once_t errstate_once = PTHREAD_ONCE_INIT;

static const char *const error_names[] = {
    "DRMAA2_SUCCESS", "DRMAA2_DENIED_BY_DRMS", "DRMAA2_DRM_COMMUNICATION", "DRMAA2_TRY_LATER",
    "DRMAA2_SESSION_MANAGEMENT", "DRMAA2_TIMEOUT", "DRMAA2_INTERNAL", "DRMAA2_INVALID_ARGUMENT",
    "DRMAA2_INVALID_SESSION", "DRMAA2_INVALID_STATE", "DRMAA2_OUT_OF_RESOURCE",
    "DRMAA2_UNSUPPORTED_ATTRIBUTE", "DRMAA2_UNSUPPORTED_OPERATION",
    "DRMAA2_IMPLEMENTATION_SPECIFIC",
#if DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE
    "DRMAA2_AUTHORIZATION",
#endif
};

const char *stub_error_name(drmaa2_error code)
{
    if (code >= DRMAA2_SUCCESS && code < DRMAA2_LASTERROR)
        return error_names[code];
    return "unknown error";
}

static void errstate_release(void *state)
{
    stub_errstate *s = state;
    free(s->text);
    s->text = NULL;
    s->capacity = 0;
    free(s->sticky_text);
    s->sticky_text = NULL;
}

static void errstate_key_create(void)
{
    (void) pthread_key_create(&errstate_key, errstate_release);
}

/* The main thread's text is not released by a thread-exit destructor. */
__attribute__((destructor)) static void errstate_release_at_unload(void)
{
    errstate_release(&errstate);
}

static void errstate_reset(void)
{
    errstate.code = DRMAA2_SUCCESS;
    if (errstate.text != NULL)
        errstate.text[0] = '\0';
}

int stub_enter(const char *function)
{
    errstate_reset();
    return stub_quirks_invalid(function) || stub_fault_injected(function);
}

/* Makes room for a text of length bytes; 0 if memory ran out. */
static int errstate_reserve(size_t length)
{
    char *grown;
    size_t capacity;

    if (length < errstate.capacity)
        return 1;
    capacity = length + 1 < 256 ? 256 : length + 1;
    grown = realloc(errstate.text, capacity);
    if (grown == NULL)
        return 0;
    errstate.text = grown;
    errstate.capacity = capacity;
    if (!errstate.registered) {
        pthread_once(&errstate_once, errstate_key_create);
        errstate.registered = pthread_setspecific(errstate_key, &errstate) == 0;
    }
    return 1;
}

/* With sticky_lasterror: what the application reads from now on. */
static void errstate_report(void)
{
    char *copy;

    if (!stub_quirk(STUB_QUIRK_STICKY_LASTERROR))
        return;
    copy = errstate.text != NULL ? strdup(errstate.text) : NULL;
    if (!errstate.registered) {
        pthread_once(&errstate_once, errstate_key_create);
        errstate.registered = pthread_setspecific(errstate_key, &errstate) == 0;
    }
    free(errstate.sticky_text);
    errstate.sticky_text = copy;
    errstate.sticky_code = errstate.code;
}

/* Sets this call's error from a format and its arguments (twice: one pass to
 * measure, one to write). */
static void errstate_set(drmaa2_error code, const char *fmt, va_list measure, va_list write)
{
    int length = vsnprintf(NULL, 0, fmt, measure);

    errstate.code = code;
    if (length < 0 || !errstate_reserve((size_t) length)) {
        /* Keep the code; an old text must not describe the new error. */
        if (errstate.text != NULL)
            errstate.text[0] = '\0';
        return;
    }
    vsnprintf(errstate.text, errstate.capacity, fmt, write);
}

drmaa2_error stub_error_unreported(drmaa2_error code, const char *fmt, ...)
{
    va_list measure, write;

    va_start(measure, fmt);
    va_start(write, fmt);
    errstate_set(code, fmt, measure, write);
    va_end(write);
    va_end(measure);
    return code;
}

drmaa2_error stub_error(drmaa2_error code, const char *fmt, ...)
{
    va_list measure, write;

    va_start(measure, fmt);
    va_start(write, fmt);
    errstate_set(code, fmt, measure, write);
    va_end(write);
    va_end(measure);
    errstate_report();
    return code;
}

drmaa2_error stub_wait_result(drmaa2_error e, time_t timeout)
{
    if (e == DRMAA2_TIMEOUT && DRMAA2_STUB_WAIT_EXPIRED_ERROR != e)
        return stub_error(DRMAA2_STUB_WAIT_EXPIRED_ERROR,
                          "the job is not in the state waited for within %ld s", (long) timeout);
    return e;
}

drmaa2_error stub_lasterror(void)
{
    return errstate.code;
}

#undef drmaa2_lasterror
drmaa2_error drmaa2_lasterror(void)
{
    if (stub_quirk(STUB_QUIRK_STICKY_LASTERROR))
        return errstate.sticky_code;
    return errstate.code;
}

drmaa2_string drmaa2_lasterror_text(void)
{
    const char *text;
    drmaa2_error code = errstate.code;
    const char *own = errstate.text;

    if (stub_quirk(STUB_QUIRK_STICKY_LASTERROR)) {
        code = errstate.sticky_code;
        own = errstate.sticky_text;
    }
    if (code == DRMAA2_SUCCESS)
        return NULL;
    text = own != NULL && own[0] != '\0' ? own : stub_error_name(code);
    /* The library's own text, which the caller must not free (PBS). */
    if (stub_quirk(STUB_QUIRK_STATIC_LASTERROR_TEXT))
        return (drmaa2_string) text;
    /* strdup, not stub_strdup: reading the error must not change it. */
    return strdup(text);
}
