/*
 * check_core: the core of the stub libdrmaa2 through its public API: the
 * per-thread last error, fault injection, strings, lists, dicts, every
 * struct's create and free, the implementation-specific attributes, names,
 * versions and capabilities, the resource-limit names, and this machine and
 * its queue as the monitoring session reports them.
 *
 * Run by `make stub-check` under valgrind; exits non-zero on the first
 * failed expectation of each test, listing every failure.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "drmaa2.h"

static int failures;

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "check_core.c:%d: %s: expectation failed: %s\n", \
                    __LINE__, __func__, #cond); \
            failures++; \
        } \
    } while (0)

#define CHECK_ERROR(code) \
    do { \
        drmaa2_error actual_ = drmaa2_lasterror(); \
        if (actual_ != (code)) { \
            fprintf(stderr, "check_core.c:%d: %s: last error is %d, expected %s (%d)\n", \
                    __LINE__, __func__, (int) actual_, #code, (int) (code)); \
            failures++; \
        } \
    } while (0)

/* 1 if the current last-error text contains part (the text is freed). */
static int error_text_contains(const char *part)
{
    drmaa2_string text = drmaa2_lasterror_text();
    int found = text != NULL && strstr(text, part) != NULL;

    if (!found)
        fprintf(stderr, "  last error text \"%s\" lacks \"%s\"\n", text ? text : "(null)", part);
    drmaa2_string_free(&text);
    return found;
}

static char *copy(const char *s)
{
    char *c = strdup(s);
    if (c == NULL) {
        perror("strdup");
        exit(2);
    }
    return c;
}

/* ------------------------------------------------------------ last error */

static void test_last_error_lifecycle(void)
{
    drmaa2_string first, second;
    drmaa2_list l;

    CHECK_ERROR(DRMAA2_SUCCESS);
    CHECK(drmaa2_lasterror_text() == NULL);

    CHECK(drmaa2_list_size(NULL) == -1);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    /* Reading the error neither resets it nor hands out the same memory twice. */
    first = drmaa2_lasterror_text();
    second = drmaa2_lasterror_text();
    CHECK(first != NULL && second != NULL && first != second);
    CHECK(first != NULL && second != NULL && strcmp(first, second) == 0);
    CHECK(first != NULL && strstr(first, "drmaa2_list_size") != NULL);
    drmaa2_string_free(&first);
    drmaa2_string_free(&second);
    CHECK(first == NULL && second == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);

    /* Freeing cannot fail and keeps the error for the caller to read. */
    l = NULL;
    drmaa2_list_free(&l);
    drmaa2_string_free(NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);

    /* Any other call starts afresh, whatever it returns. */
    l = drmaa2_list_create(DRMAA2_STRINGLIST, NULL);
    CHECK(l != NULL);
    CHECK_ERROR(DRMAA2_SUCCESS);
    CHECK(drmaa2_lasterror_text() == NULL);
    CHECK(drmaa2_list_size(l) == 0);
    CHECK_ERROR(DRMAA2_SUCCESS);
    drmaa2_list_free(&l);
}

/* ------------------------------------------------------- fault injection */

static void test_fault_injection(void)
{
    drmaa2_list l;
    drmaa2_dict d;
#if DRMAA2_STUB_HAS_GET_DRMAA_NAME
    drmaa2_string name;
#endif
    drmaa2_jinfo ji;

    setenv("DRMAA2_STUB_FAIL", "drmaa2_list_create:DRMAA2_OUT_OF_RESOURCE", 1);
    CHECK(drmaa2_list_create(DRMAA2_STRINGLIST, NULL) == NULL);
    CHECK_ERROR(DRMAA2_OUT_OF_RESOURCE);
    CHECK(error_text_contains("drmaa2_list_create"));
    CHECK(error_text_contains("injected"));
    /* Other functions are untouched. */
    d = drmaa2_dict_create(NULL);
    CHECK(d != NULL);
    CHECK_ERROR(DRMAA2_SUCCESS);

    /* Error names without the prefix; a failed setter stores nothing. */
    setenv("DRMAA2_STUB_FAIL", "drmaa2_dict_set:TIMEOUT", 1);
    CHECK(drmaa2_dict_set(d, "key", "value") == DRMAA2_TIMEOUT);
    CHECK_ERROR(DRMAA2_TIMEOUT);
    unsetenv("DRMAA2_STUB_FAIL");
    CHECK(drmaa2_dict_has(d, "key") == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_SUCCESS);
    drmaa2_dict_free(&d);

    /* Several entries, spaces around them, and each function's own failure value. */
    setenv("DRMAA2_STUB_FAIL",
           " drmaa2_get_drms_name:INTERNAL , drmaa2_supports:DRMAA2_DENIED_BY_DRMS,"
           "drmaa2_list_size:UNSUPPORTED_OPERATION,drmaa2_jinfo_create:9", 1);
    CHECK(drmaa2_get_drms_name() == NULL);
    CHECK_ERROR(DRMAA2_INTERNAL);
    CHECK(drmaa2_supports(DRMAA2_CALLBACK) == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS);
    CHECK(error_text_contains("drmaa2_supports"));
    l = NULL;
    CHECK(drmaa2_list_size(l) == -1);
    CHECK_ERROR(DRMAA2_UNSUPPORTED_OPERATION);
    CHECK(drmaa2_jinfo_create() == NULL);
    CHECK_ERROR(DRMAA2_INVALID_STATE);
#if DRMAA2_STUB_HAS_GET_DRMAA_NAME
    name = drmaa2_get_drmaa_name();
    CHECK(name != NULL);
    CHECK_ERROR(DRMAA2_SUCCESS);
    drmaa2_string_free(&name);
#endif

    /* A name that is only a prefix of the function's does not match. */
    setenv("DRMAA2_STUB_FAIL", "drmaa2_list:INTERNAL,drmaa2_list_create_x:INTERNAL", 1);
    l = drmaa2_list_create(DRMAA2_STRINGLIST, NULL);
    CHECK(l != NULL);
    drmaa2_list_free(&l);

    /* An entry that names no error fails the call and says what is wrong. */
    setenv("DRMAA2_STUB_FAIL", "drmaa2_jinfo_create:NO_SUCH_ERROR", 1);
    CHECK(drmaa2_jinfo_create() == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("NO_SUCH_ERROR"));
    setenv("DRMAA2_STUB_FAIL", "drmaa2_jinfo_create:TIME", 1);   /* not TIMEOUT */
    CHECK(drmaa2_jinfo_create() == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    setenv("DRMAA2_STUB_FAIL", "drmaa2_jinfo_create:SUCCESS", 1);
    CHECK(drmaa2_jinfo_create() == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);

    /* Errors of the job side are injected the same way. */
    setenv("DRMAA2_STUB_FAIL", "drmaa2_create_jsession:DRMAA2_DENIED_BY_DRMS", 1);
    CHECK(drmaa2_create_jsession("check_core_injected", NULL) == NULL);
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS);
    CHECK(error_text_contains("drmaa2_create_jsession"));

    unsetenv("DRMAA2_STUB_FAIL");
    ji = drmaa2_jinfo_create();
    CHECK(ji != NULL);
    drmaa2_jinfo_free(&ji);
}

/* ----------------------------------------------- per-thread last errors */

static pthread_barrier_t barrier;

static void *thread_with_argument_error(void *unused)
{
    drmaa2_list l;
    (void) unused;

    CHECK(drmaa2_list_get(NULL, 0) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    pthread_barrier_wait(&barrier);      /* both threads have failed */
    pthread_barrier_wait(&barrier);      /* the other one has checked its error */
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("drmaa2_list_get"));
    /* Succeeding here leaves the other thread's error alone. */
    l = drmaa2_list_create(DRMAA2_JOBLIST, NULL);
    CHECK(l != NULL);
    CHECK_ERROR(DRMAA2_SUCCESS);
    drmaa2_list_free(&l);
    pthread_barrier_wait(&barrier);
    return NULL;
}

static void *thread_with_injected_error(void *unused)
{
    (void) unused;

    CHECK_ERROR(DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_create(NULL) == NULL);
    CHECK_ERROR(DRMAA2_TRY_LATER);
    pthread_barrier_wait(&barrier);
    CHECK_ERROR(DRMAA2_TRY_LATER);
    CHECK(error_text_contains("drmaa2_dict_create"));
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);      /* the other thread has succeeded */
    CHECK_ERROR(DRMAA2_TRY_LATER);
    return NULL;
}

static void test_last_error_is_per_thread(void)
{
    pthread_t a, b;

    setenv("DRMAA2_STUB_FAIL", "drmaa2_dict_create:TRY_LATER", 1);
    CHECK(drmaa2_list_size(NULL) == -1);   /* this thread's own error */
    pthread_barrier_init(&barrier, NULL, 2);
    CHECK(pthread_create(&a, NULL, thread_with_argument_error, NULL) == 0);
    CHECK(pthread_create(&b, NULL, thread_with_injected_error, NULL) == 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&barrier);
    unsetenv("DRMAA2_STUB_FAIL");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("drmaa2_list_size"));
}

/* --------------------------------------------------------------- strings */

static void test_string_free(void)
{
    drmaa2_string s = copy("text");
    drmaa2_string none = NULL;

    drmaa2_string_free(&s);
    CHECK(s == NULL);
    drmaa2_string_free(&s);
    drmaa2_string_free(&none);
    drmaa2_string_free(NULL);
}

/* ----------------------------------------------------------------- lists */

static int entries_released;

/* Releases a malloc'd string, checking it was handed the entry's address. */
static void release_string_entry(void **entry)
{
    char *s = *entry;
    if (s != NULL && s[0] >= 'a' && s[0] <= 'z')
        entries_released++;
    free(s);
    *entry = NULL;
}

static void test_list_appends_gets_deletes(void)
{
    drmaa2_list l = drmaa2_list_create(DRMAA2_STRINGLIST, release_string_entry);
    const char *entry;

    CHECK(l != NULL);
    if (l == NULL)
        return;
    CHECK(drmaa2_list_add(l, copy("a")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_add(l, copy("b")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_add(l, copy("c")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_size(l) == 3);
    entry = drmaa2_list_get(l, 0);
    CHECK(entry != NULL && strcmp(entry, "a") == 0);
    entry = drmaa2_list_get(l, 2);
    CHECK(entry != NULL && strcmp(entry, "c") == 0);

    entries_released = 0;
    CHECK(drmaa2_list_del(l, 1) == DRMAA2_SUCCESS);
    CHECK(entries_released == 1);
    CHECK(drmaa2_list_size(l) == 2);
    entry = drmaa2_list_get(l, 1);
    CHECK(entry != NULL && strcmp(entry, "c") == 0);
    CHECK(drmaa2_list_del(l, 0) == DRMAA2_SUCCESS);
    entry = drmaa2_list_get(l, 0);
    CHECK(entry != NULL && strcmp(entry, "c") == 0);
    CHECK(drmaa2_list_add(l, copy("d")) == DRMAA2_SUCCESS);

    entries_released = 0;
    drmaa2_list_free(&l);
    CHECK(l == NULL);
    CHECK(entries_released == 2);
}

static void test_list_errors(void)
{
    static const char fixed[] = "fixed";
    drmaa2_list l = drmaa2_list_create(DRMAA2_STRINGLIST, NULL);

    CHECK(drmaa2_list_create((drmaa2_listtype) 6, NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_create(DRMAA2_UNSET_LISTTYPE, NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(l != NULL);
    if (l == NULL)
        return;
    CHECK(drmaa2_list_get(l, 0) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("position 0"));
    CHECK(drmaa2_list_add(l, fixed) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_get(l, -1) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_get(l, 1) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_get(NULL, 0) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_add(NULL, fixed) == DRMAA2_INVALID_ARGUMENT);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_add(l, NULL) == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_size(l) == 1);
    CHECK(drmaa2_list_del(l, 1) == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_del(l, -1) == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_del(NULL, 0) == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_list_size(NULL) == -1);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    /* Without a callback the entries stay the caller's. */
    CHECK(drmaa2_list_del(l, 0) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_size(l) == 0);
    CHECK_ERROR(DRMAA2_SUCCESS);
    drmaa2_list_free(&l);
    drmaa2_list_free(NULL);
}

static void test_list_grows_and_accepts_every_type(void)
{
    static const char fixed[] = "x";
    drmaa2_list l = drmaa2_list_create(DRMAA2_STRINGLIST, NULL);
    long i, in_order = 1;
    int t;

    CHECK(l != NULL);
    if (l == NULL)
        return;
    for (i = 0; i < 10000; i++)
        CHECK(drmaa2_list_add(l, fixed + (i % 2)) == DRMAA2_SUCCESS);
    CHECK(drmaa2_list_size(l) == 10000);
    for (i = 0; i < 10000; i++)
        in_order &= drmaa2_list_get(l, i) == (const void *) (fixed + (i % 2));
    CHECK(in_order);
    drmaa2_list_free(&l);

    for (t = DRMAA2_STRINGLIST; t <= DRMAA2_RESERVATIONLIST; t++) {
        l = drmaa2_list_create((drmaa2_listtype) t, NULL);
        CHECK(l != NULL);
        CHECK(drmaa2_list_size(l) == 0);
        drmaa2_list_free(&l);
    }
}

/* ----------------------------------------------------------------- dicts */

static int dict_calls, dict_null_key_calls;

static void release_dict_entry(char **key, char **value)
{
    dict_calls++;
    if (key == NULL)
        dict_null_key_calls++;
    else {
        free(*key);
        *key = NULL;
    }
    free(*value);
    *value = NULL;
}

static void test_dict_set_get_has_del(void)
{
    drmaa2_dict d = drmaa2_dict_create(release_dict_entry);
    drmaa2_string_list keys;
    const char *value;

    CHECK(d != NULL);
    if (d == NULL)
        return;
    CHECK(drmaa2_dict_set(d, copy("HOME"), copy("/home/a")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_set(d, copy("PATH"), copy("/bin")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_set(d, copy("LANG"), copy("C")) == DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_has(d, "PATH") == DRMAA2_TRUE);
    CHECK(drmaa2_dict_has(d, "SHELL") == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_SUCCESS);
    value = drmaa2_dict_get(d, "HOME");
    CHECK(value != NULL && strcmp(value, "/home/a") == 0);

    keys = drmaa2_dict_list(d);
    CHECK(keys != NULL && drmaa2_list_size(keys) == 3);
    if (keys != NULL && drmaa2_list_size(keys) == 3) {
        CHECK(strcmp(drmaa2_list_get(keys, 0), "HOME") == 0);
        CHECK(strcmp(drmaa2_list_get(keys, 1), "PATH") == 0);
        CHECK(strcmp(drmaa2_list_get(keys, 2), "LANG") == 0);
    }
    drmaa2_list_free(&keys);

    dict_calls = 0;
    CHECK(drmaa2_dict_del(d, "PATH") == DRMAA2_SUCCESS);
    CHECK(dict_calls == 1);
    CHECK(drmaa2_dict_has(d, "PATH") == DRMAA2_FALSE);
    CHECK(drmaa2_dict_del(d, "PATH") == DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("PATH"));
    CHECK(drmaa2_dict_get(d, "PATH") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);

    dict_calls = 0;
    drmaa2_dict_free(&d);
    CHECK(d == NULL);
    CHECK(dict_calls == 2);
}

static void test_dict_replace_releases_what_it_drops(void)
{
    drmaa2_dict d = drmaa2_dict_create(release_dict_entry);
    char *key = copy("K");
    char *value = copy("v1");
    char *other_key;
    drmaa2_string_list keys;
    const char *got;

    CHECK(d != NULL);
    if (d == NULL)
        return;
    CHECK(drmaa2_dict_set(d, key, value) == DRMAA2_SUCCESS);

    /* Same key pointer: only the old value is released, with a NULL key. */
    dict_calls = dict_null_key_calls = 0;
    CHECK(drmaa2_dict_set(d, key, copy("v2")) == DRMAA2_SUCCESS);
    CHECK(dict_calls == 1 && dict_null_key_calls == 1);
    got = drmaa2_dict_get(d, "K");
    CHECK(got != NULL && strcmp(got, "v2") == 0);

    /* Another key pointer: the dict keeps the new one, releases the old pair. */
    other_key = copy("K");
    dict_calls = dict_null_key_calls = 0;
    CHECK(drmaa2_dict_set(d, other_key, copy("v3")) == DRMAA2_SUCCESS);
    CHECK(dict_calls == 1 && dict_null_key_calls == 0);
    got = drmaa2_dict_get(d, "K");
    CHECK(got != NULL && strcmp(got, "v3") == 0);
    /* (Had the dict kept the old key, valgrind would see it freed twice and other_key leak.) */
    keys = drmaa2_dict_list(d);
    CHECK(drmaa2_list_size(keys) == 1);
    drmaa2_list_free(&keys);

    /* The very same pair again: nothing to release. */
    got = drmaa2_dict_get(d, "K");
    dict_calls = 0;
    CHECK(drmaa2_dict_set(d, other_key, got) == DRMAA2_SUCCESS);
    CHECK(dict_calls == 0);

    dict_calls = 0;
    drmaa2_dict_free(&d);
    CHECK(dict_calls == 1);
}

static void test_dict_errors_and_borrowed_entries(void)
{
    drmaa2_dict d = drmaa2_dict_create(NULL);
    drmaa2_string_list keys;

    CHECK(d != NULL);
    if (d == NULL)
        return;
    keys = drmaa2_dict_list(d);
    CHECK(keys != NULL && drmaa2_list_size(keys) == 0);
    drmaa2_list_free(&keys);
    CHECK(drmaa2_dict_set(d, "a", "1") == DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_set(d, "a", "2") == DRMAA2_SUCCESS);
    CHECK(strcmp(drmaa2_dict_get(d, "a"), "2") == 0);
    CHECK(drmaa2_dict_set(NULL, "a", "1") == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_set(d, NULL, "1") == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_set(d, "b", NULL) == DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("value"));
    CHECK(drmaa2_dict_get(NULL, "a") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_get(d, NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_has(NULL, "a") == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_has(d, NULL) == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_del(NULL, "a") == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_del(d, NULL) == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_list(NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_dict_del(d, "a") == DRMAA2_SUCCESS);
    CHECK(drmaa2_dict_has(d, "a") == DRMAA2_FALSE);
    drmaa2_dict_free(&d);
    drmaa2_dict_free(NULL);
}

/* --------------------------------------------------------------- structs */

static void release_list_string(void **entry)
{
    free(*entry);
    *entry = NULL;
}

static drmaa2_string_list string_list(const char *a, const char *b)
{
    drmaa2_string_list l = drmaa2_list_create(DRMAA2_STRINGLIST, release_list_string);
    drmaa2_list_add(l, copy(a));
    drmaa2_list_add(l, copy(b));
    return l;
}

static drmaa2_dict owning_dict(const char *key, const char *value)
{
    drmaa2_dict d = drmaa2_dict_create(release_dict_entry);
    drmaa2_dict_set(d, copy(key), copy(value));
    return d;
}

static void test_jtemplate_unset_and_freed_with_everything(void)
{
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();

    CHECK(jt != NULL);
    if (jt == NULL)
        return;
    CHECK(jt->remoteCommand == NULL && jt->args == NULL && jt->jobEnvironment == NULL);
    CHECK(jt->submitAsHold == DRMAA2_FALSE && jt->rerunnable == DRMAA2_FALSE);
    CHECK(jt->emailOnStarted == DRMAA2_FALSE && jt->emailOnTerminated == DRMAA2_FALSE);
    CHECK(jt->joinFiles == DRMAA2_FALSE);
    CHECK(jt->workingDirectory == NULL && jt->jobCategory == NULL && jt->email == NULL);
    CHECK(jt->jobName == NULL && jt->inputPath == NULL && jt->outputPath == NULL);
    CHECK(jt->errorPath == NULL && jt->reservationId == NULL && jt->queueName == NULL);
    CHECK(jt->minSlots == -1 && jt->maxSlots == -1 && jt->priority == DRMAA2_STUB_UNSET_PRIORITY);
    CHECK(jt->candidateMachines == NULL && jt->minPhysMemory == -1);
    CHECK(jt->machineOS == DRMAA2_UNSET_OS && jt->machineArch == DRMAA2_UNSET_CPU);
    CHECK(jt->startTime == DRMAA2_UNSET_TIME && jt->deadlineTime == DRMAA2_UNSET_TIME);
    CHECK(jt->stageInFiles == NULL && jt->stageOutFiles == NULL);
    CHECK(jt->resourceLimits == NULL && jt->accountingId == NULL);
#if DRMAA2_STUB_IMPL_SPEC_SIX
    CHECK(jt->implementationSpecific != NULL);
#endif

    jt->remoteCommand = copy("/bin/echo");
    jt->args = string_list("a", "b");
    jt->jobEnvironment = owning_dict("A", "1");
    jt->workingDirectory = copy("/tmp");
    jt->jobCategory = copy("cat");
    jt->email = string_list("x@y", "z@y");
    jt->jobName = copy("name");
    jt->inputPath = copy("/dev/null");
    jt->outputPath = copy("/tmp/out");
    jt->errorPath = copy("/tmp/err");
    jt->reservationId = copy("r1");
    jt->queueName = copy("local");
    jt->candidateMachines = string_list("m1", "m2");
    jt->stageInFiles = owning_dict("in", "in");
    jt->stageOutFiles = owning_dict("out", "out");
    jt->resourceLimits = owning_dict(DRMAA2_CPU_TIME, "10");
    jt->accountingId = copy("acct");
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "3") == DRMAA2_SUCCESS);
    drmaa2_jtemplate_free(&jt);
    CHECK(jt == NULL);
    drmaa2_jtemplate_free(&jt);
    drmaa2_jtemplate_free(NULL);
}

static void test_jinfo_unset_and_freed_with_everything(void)
{
    drmaa2_jinfo ji = drmaa2_jinfo_create();

    CHECK(ji != NULL);
    if (ji == NULL)
        return;
    CHECK(ji->jobId == NULL && ji->exitStatus == -1);
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
    CHECK(ji->jobName == NULL);
#endif
    CHECK(ji->terminatingSignal == NULL && ji->annotation == NULL);
    CHECK(ji->jobState == DRMAA2_UNSET_JSTATE && ji->jobSubState == NULL);
    CHECK(ji->allocatedMachines == NULL && ji->submissionMachine == NULL);
    CHECK(ji->jobOwner == NULL && ji->slots == -1 && ji->queueName == NULL);
    CHECK(ji->wallclockTime == DRMAA2_UNSET_TIME && ji->cpuTime == -1);
    CHECK(ji->submissionTime == DRMAA2_UNSET_TIME && ji->dispatchTime == DRMAA2_UNSET_TIME);
    CHECK(ji->finishTime == DRMAA2_UNSET_TIME);
#if DRMAA2_STUB_IMPL_SPEC_SIX
    CHECK(ji->implementationSpecific != NULL);
#endif

    ji->jobId = copy("1");
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
    ji->jobName = copy("n");
#endif
    ji->terminatingSignal = copy("SIGTERM");
    ji->annotation = copy("note");
    ji->jobSubState = copy("sub");
    ji->allocatedMachines = string_list("m1", "m2");
    ji->submissionMachine = copy("m1");
    ji->jobOwner = copy("me");
    ji->queueName = copy("local");
    CHECK(drmaa2_set_instance_value(ji, "stub_max_rss_kib", "2048") == DRMAA2_SUCCESS);
    drmaa2_jinfo_free(&ji);
    CHECK(ji == NULL);
    drmaa2_jinfo_free(NULL);
}

static void test_rtemplate_and_rinfo_unset_and_freed(void)
{
    drmaa2_rtemplate rt = drmaa2_rtemplate_create();
    drmaa2_rinfo ri = drmaa2_rinfo_create();

    CHECK(rt != NULL && ri != NULL);
    if (rt == NULL || ri == NULL)
        return;
    CHECK(rt->reservationName == NULL && rt->startTime == DRMAA2_UNSET_TIME);
    CHECK(rt->endTime == DRMAA2_UNSET_TIME && rt->duration == DRMAA2_UNSET_TIME);
    CHECK(rt->minSlots == -1 && rt->maxSlots == -1 && rt->jobCategory == NULL);
    CHECK(rt->usersACL == NULL && rt->candidateMachines == NULL && rt->minPhysMemory == -1);
    CHECK(rt->machineOS == DRMAA2_UNSET_OS && rt->machineArch == DRMAA2_UNSET_CPU);
#if DRMAA2_STUB_IMPL_SPEC_SIX
    CHECK(rt->implementationSpecific != NULL);
#endif
    rt->reservationName = copy("r");
    rt->jobCategory = copy("c");
    rt->usersACL = string_list("me", "you");
    rt->candidateMachines = string_list("m1", "m2");
    drmaa2_rtemplate_free(&rt);
    CHECK(rt == NULL);

    CHECK(ri->reservationId == NULL && ri->reservationName == NULL);
    CHECK(ri->reservedStartTime == DRMAA2_UNSET_TIME && ri->reservedEndTime == DRMAA2_UNSET_TIME);
    CHECK(ri->usersACL == NULL && ri->reservedSlots == -1 && ri->reservedMachines == NULL);
#if DRMAA2_STUB_IMPL_SPEC_SIX
    CHECK(ri->implementationSpecific != NULL);
#endif
    ri->reservationId = copy("1");
    ri->reservationName = copy("r");
    ri->usersACL = string_list("me", "you");
    ri->reservedMachines = drmaa2_list_create(DRMAA2_SLOTINFOLIST, NULL);
    drmaa2_rinfo_free(&ri);
    CHECK(ri == NULL);
    drmaa2_rtemplate_free(NULL);
    drmaa2_rinfo_free(NULL);
    drmaa2_slotinfo_free(NULL);
    drmaa2_queueinfo_free(NULL);
    drmaa2_machineinfo_free(NULL);
    drmaa2_notification_free(NULL);
    drmaa2_version_free(NULL);
}

/* ------------------------------------- implementation-specific attributes */

/* 1 if the list holds exactly the one string expected (or nothing, for NULL); frees it. */
static int names_are(drmaa2_string_list names, const char *expected)
{
    int ok = names != NULL
        && drmaa2_list_size(names) == (expected == NULL ? 0 : 1)
        && (expected == NULL || strcmp(drmaa2_list_get(names, 0), expected) == 0);
    drmaa2_list_free(&names);
    return ok;
}

static void test_impl_spec_names(void)
{
    CHECK(names_are(drmaa2_jtemplate_impl_spec(), "stub_nice"));
    CHECK(names_are(drmaa2_jinfo_impl_spec(), "stub_max_rss_kib"));
    CHECK(names_are(drmaa2_rtemplate_impl_spec(), NULL));
    CHECK(names_are(drmaa2_rinfo_impl_spec(), NULL));
    CHECK(names_are(drmaa2_queueinfo_impl_spec(), NULL));
    CHECK(names_are(drmaa2_machineinfo_impl_spec(), NULL));
    CHECK(names_are(drmaa2_notification_impl_spec(), NULL));
    CHECK_ERROR(DRMAA2_SUCCESS);
}

/* 1 if the attribute's value is expected (NULL: unset, with no error). */
static int value_is(const void *instance, const char *name, const char *expected)
{
    drmaa2_string value = drmaa2_get_instance_value(instance, name);
    int ok = expected == NULL
        ? value == NULL && drmaa2_lasterror() == DRMAA2_SUCCESS
        : value != NULL && strcmp(value, expected) == 0;

    if (!ok)
        fprintf(stderr, "  %s is \"%s\", expected \"%s\"\n", name, value ? value : "(null)",
                expected ? expected : "(null)");
    drmaa2_string_free(&value);
    return ok;
}

static void test_instance_values(void)
{
    static const char *const bad_nice[] = {"20", "-1", "abc", "", "5x", " 5", "99999999999999999999"};
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    drmaa2_jinfo ji = drmaa2_jinfo_create();
    size_t i;

    CHECK(jt != NULL && ji != NULL);
    if (jt == NULL || ji == NULL)
        return;
    CHECK(value_is(jt, "stub_nice", NULL));
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "5") == DRMAA2_SUCCESS);
    CHECK(value_is(jt, "stub_nice", "5"));
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "019") == DRMAA2_SUCCESS);
    CHECK(value_is(jt, "stub_nice", "19"));
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "0") == DRMAA2_SUCCESS);
    CHECK(value_is(jt, "stub_nice", "0"));
    for (i = 0; i < sizeof bad_nice / sizeof bad_nice[0]; i++) {
        CHECK(drmaa2_set_instance_value(jt, "stub_nice", bad_nice[i]) == DRMAA2_INVALID_ARGUMENT);
        CHECK(error_text_contains("stub_nice"));
        CHECK(value_is(jt, "stub_nice", "0"));
    }
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", NULL) == DRMAA2_SUCCESS);
    CHECK(value_is(jt, "stub_nice", NULL));

    CHECK(value_is(ji, "stub_max_rss_kib", NULL));
    CHECK(drmaa2_set_instance_value(ji, "stub_max_rss_kib", "123456") == DRMAA2_SUCCESS);
    CHECK(value_is(ji, "stub_max_rss_kib", "123456"));
    CHECK(drmaa2_set_instance_value(ji, "stub_max_rss_kib", "-5") == DRMAA2_INVALID_ARGUMENT);

    /* Attributes belong to one kind of struct. */
    CHECK(drmaa2_get_instance_value(ji, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE);
    CHECK(error_text_contains("drmaa2_jinfo"));
    CHECK(drmaa2_set_instance_value(jt, "stub_max_rss_kib", "1") == DRMAA2_UNSUPPORTED_ATTRIBUTE);
    CHECK(drmaa2_get_instance_value(jt, "no_such_attribute") == NULL);
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE);
    CHECK(drmaa2_get_instance_value(jt, NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_set_instance_value(jt, NULL, "1") == DRMAA2_INVALID_ARGUMENT);

    drmaa2_jtemplate_free(&jt);
    drmaa2_jinfo_free(&ji);
}

static void test_describe_attribute(void)
{
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    drmaa2_jinfo ji = drmaa2_jinfo_create();
    drmaa2_string text;

    CHECK(jt != NULL && ji != NULL);
    if (jt == NULL || ji == NULL)
        return;
    text = drmaa2_describe_attribute(jt, "stub_nice");
    CHECK(text != NULL && strstr(text, "nice") != NULL && strstr(text, "0..19") != NULL);
    drmaa2_string_free(&text);
    text = drmaa2_describe_attribute(ji, "stub_max_rss_kib");
    CHECK(text != NULL && strstr(text, "KiB") != NULL);
    drmaa2_string_free(&text);
    CHECK(drmaa2_describe_attribute(jt, "stub_max_rss_kib") == NULL);
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE);
    CHECK(drmaa2_describe_attribute(NULL, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_describe_attribute(jt, NULL) == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    drmaa2_jtemplate_free(&jt);
    drmaa2_jinfo_free(&ji);
}

static void test_reflection_refuses_foreign_pointers(void)
{
    drmaa2_jtemplate_s on_the_stack;
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
#ifdef DRMAA2_STUB_DRMS_MAJOR
    drmaa2_version v = drmaa2_get_drms_version();
#else
    drmaa2_version v = drmaa2_get_drmaa_version();   /* the OGF mock has no DRMS version */
#endif
    void *saved;

    memset(&on_the_stack, 0, sizeof on_the_stack);
    CHECK(drmaa2_get_instance_value(&on_the_stack, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("not a DRMAA2 struct"));
    CHECK(drmaa2_set_instance_value(&on_the_stack, "stub_nice", "1") == DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_describe_attribute(&on_the_stack, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_get_instance_value(NULL, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_set_instance_value(NULL, "stub_nice", "1") == DRMAA2_INVALID_ARGUMENT);

    CHECK(jt != NULL && v != NULL);
    if (jt == NULL || v == NULL)
        return;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    /* A struct whose implementationSpecific member was overwritten is refused. */
    saved = jt->implementationSpecific;
    jt->implementationSpecific = &on_the_stack;
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "1") == DRMAA2_INVALID_ARGUMENT);
    CHECK(error_text_contains("overwritten"));
    jt->implementationSpecific = saved;
#else
    (void) saved;
    (void) on_the_stack;
#endif
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "1") == DRMAA2_SUCCESS);

    /* Structs the library returns are known too, even without attributes. */
    CHECK(drmaa2_get_instance_value(v, "stub_nice") == NULL);
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE);
    drmaa2_version_free(&v);
    drmaa2_jtemplate_free(&jt);
}

enum { MANY = 5000 };

/* Enough live structs to make the registry grow, each keeping its own value. */
static void test_many_live_structs_keep_their_values(void)
{
    static drmaa2_jinfo infos[MANY];
    char text[32];
    int i, all_set = 1, all_read = 1;

    for (i = 0; i < MANY; i++) {
        infos[i] = drmaa2_jinfo_create();
        snprintf(text, sizeof text, "%d", i);
        all_set &= infos[i] != NULL
            && drmaa2_set_instance_value(infos[i], "stub_max_rss_kib", text) == DRMAA2_SUCCESS;
    }
    CHECK(all_set);
    for (i = MANY - 1; i >= 0; i--) {
        drmaa2_string value = drmaa2_get_instance_value(infos[i], "stub_max_rss_kib");
        all_read &= value != NULL && atoi(value) == i;
        drmaa2_string_free(&value);
        drmaa2_jinfo_free(&infos[i]);
    }
    CHECK(all_read);
}

static void *create_and_free_templates(void *nice)
{
    int i, ok = 1;

    for (i = 0; i < 500; i++) {
        drmaa2_jtemplate jt = drmaa2_jtemplate_create();
        drmaa2_string value;
        ok &= jt != NULL && drmaa2_set_instance_value(jt, "stub_nice", nice) == DRMAA2_SUCCESS;
        value = drmaa2_get_instance_value(jt, "stub_nice");
        ok &= value != NULL && strcmp(value, nice) == 0;
        drmaa2_string_free(&value);
        drmaa2_jtemplate_free(&jt);
    }
    CHECK(ok);
    return NULL;
}

static void test_structs_from_several_threads(void)
{
    static const char *const nice[] = {"1", "2", "3", "4"};
    pthread_t threads[4];
    int i;

    for (i = 0; i < 4; i++)
        CHECK(pthread_create(&threads[i], NULL, create_and_free_templates, (void *) nice[i]) == 0);
    for (i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

/* ---------------------------------------- names, versions, capabilities */

static void test_names_and_versions(void)
{
    drmaa2_string name;
    drmaa2_version v;

    /* Each profile's names: those its real library reports (drmaa2.h). */
    name = drmaa2_get_drms_name();
#ifdef DRMAA2_STUB_DRMS_NAME
    CHECK(name != NULL && strcmp(name, DRMAA2_STUB_DRMS_NAME) == 0);
#else
    CHECK(name == NULL);
#endif
    drmaa2_string_free(&name);
#if DRMAA2_STUB_HAS_GET_DRMAA_NAME
    name = drmaa2_get_drmaa_name();
    CHECK(name != NULL && strcmp(name, DRMAA2_STUB_DRMAA_NAME_TEXT) == 0);
    drmaa2_string_free(&name);
#endif

    v = drmaa2_get_drms_version();
#ifdef DRMAA2_STUB_DRMS_MAJOR
    CHECK(v != NULL && strcmp(v->major, DRMAA2_STUB_DRMS_MAJOR) == 0
          && strcmp(v->minor, DRMAA2_STUB_DRMS_MINOR) == 0);
#else
    CHECK(v == NULL);
#endif
    drmaa2_version_free(&v);
    CHECK(v == NULL);
#if DRMAA2_STUB_HAS_GET_DRMAA_VERSION
    v = drmaa2_get_drmaa_version();
    CHECK(v != NULL && strcmp(v->major, DRMAA2_STUB_DRMAA_MAJOR) == 0
          && strcmp(v->minor, DRMAA2_STUB_DRMAA_MINOR) == 0);
#if DRMAA2_STUB_IMPL_SPEC_ALL
    CHECK(v != NULL && v->implementationSpecific != NULL);
#endif
    drmaa2_version_free(&v);
#endif
    CHECK_ERROR(DRMAA2_SUCCESS);
}

static void test_supports(void)
{
    static const drmaa2_capability supported[] = {
        DRMAA2_ADVANCE_RESERVATION, DRMAA2_RESERVE_SLOTS, DRMAA2_CALLBACK,
        DRMAA2_BULK_JOBS_MAXPARALLEL, DRMAA2_RT_STARTNOW, DRMAA2_RT_DURATION,
        DRMAA2_RT_MACHINEOS, DRMAA2_RT_MACHINEARCH,
    };
    static const drmaa2_capability unsupported[] = {
        DRMAA2_JT_EMAIL, DRMAA2_JT_STAGING, DRMAA2_JT_DEADLINE, DRMAA2_JT_MAXSLOTS,
        DRMAA2_JT_ACCOUNTINGID,
    };
    size_t i;

    for (i = 0; i < sizeof supported / sizeof supported[0]; i++)
        CHECK(drmaa2_supports(supported[i]) == DRMAA2_TRUE);
    for (i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
        CHECK(drmaa2_supports(unsupported[i]) == DRMAA2_FALSE);
        CHECK_ERROR(DRMAA2_SUCCESS);
    }
    CHECK(drmaa2_supports(DRMAA2_UNSET_CAPABILITY) == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
    CHECK(drmaa2_supports((drmaa2_capability) 13) == DRMAA2_FALSE);
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT);
}

static void test_resource_limit_names(void)
{
    CHECK(strcmp(DRMAA2_CORE_FILE_SIZE, "CORE_FILE_SIZE") == 0);
    CHECK(strcmp(DRMAA2_CPU_TIME, "CPU_TIME") == 0);
    CHECK(strcmp(DRMAA2_DATA_SIZE, "DATA_SIZE") == 0);
    CHECK(strcmp(DRMAA2_FILE_SIZE, "FILE_SIZE") == 0);
    CHECK(strcmp(DRMAA2_OPEN_FILES, "OPEN_FILES") == 0);
    CHECK(strcmp(DRMAA2_STACK_SIZE, "STACK_SIZE") == 0);
    CHECK(strcmp(DRMAA2_VIRTUAL_MEMORY, "VIRTUAL_MEMORY") == 0);
    CHECK(strcmp(DRMAA2_WALLCLOCK_TIME, "WALLCLOCK_TIME") == 0);
}

/* ------------------------------------------------ this machine, its queue */

static drmaa2_cpu expected_architecture(const char *machine)
{
    if (strcmp(machine, "x86_64") == 0)
        return DRMAA2_X64;
    if (strcmp(machine, "aarch64") == 0)
        return DRMAA2_ARM64;
    if (strcmp(machine, "ppc64le") == 0)
        return DRMAA2_PPC64LE;
    return DRMAA2_UNSET_CPU;
}

static void test_machine_info(void)
{
    drmaa2_msession ms = drmaa2_open_msession(NULL);
    drmaa2_machineinfo_list machines;
    drmaa2_machineinfo mi;
    struct utsname uts;
    struct sysinfo si;
    char host[256] = "";
    char *release;

    CHECK(ms != NULL);
    if (ms == NULL)
        return;
    machines = drmaa2_msession_get_all_machines(ms, NULL);
    CHECK(machines != NULL && drmaa2_list_size(machines) == 1);
    mi = machines != NULL ? (drmaa2_machineinfo) drmaa2_list_get(machines, 0) : NULL;
    CHECK(mi != NULL);
    if (mi != NULL) {
        gethostname(host, sizeof host - 1);
        uname(&uts);
        sysinfo(&si);
        CHECK(mi->name != NULL && strcmp(mi->name, host) == 0);
        CHECK(mi->available == DRMAA2_TRUE);
        CHECK(mi->sockets >= 1 && mi->coresPerSocket >= 1 && mi->threadsPerCore >= 1);
        CHECK(mi->sockets * mi->coresPerSocket * mi->threadsPerCore
              <= sysconf(_SC_NPROCESSORS_CONF) * 2);
        CHECK(mi->load >= 0.0f);
        CHECK(mi->physMemory == (long long) ((unsigned long long) si.totalram * si.mem_unit / 1024));
        CHECK(mi->virtMemory >= mi->physMemory);
        CHECK(mi->machineOS == DRMAA2_LINUX);
        CHECK(mi->machineOSVersion != NULL);
        if (mi->machineOSVersion != NULL) {
            release = malloc(strlen(mi->machineOSVersion->major)
                             + strlen(mi->machineOSVersion->minor) + 2);
            if (release != NULL) {
                sprintf(release, "%s.%s", mi->machineOSVersion->major, mi->machineOSVersion->minor);
                CHECK(strcmp(release, uts.release) == 0);
                free(release);
            }
        }
        if (expected_architecture(uts.machine) != DRMAA2_UNSET_CPU)
            CHECK(mi->machineArch == expected_architecture(uts.machine));
#if DRMAA2_STUB_IMPL_SPEC_SIX
        CHECK(mi->implementationSpecific != NULL);
#endif
        CHECK(drmaa2_get_instance_value(mi, "stub_nice") == NULL);
        CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE);
    }
    drmaa2_list_free(&machines);
    CHECK(drmaa2_close_msession(ms) == DRMAA2_SUCCESS);
    drmaa2_msession_free(&ms);
}

static void test_local_queue(void)
{
    drmaa2_msession ms = drmaa2_open_msession(NULL);
    drmaa2_queueinfo_list queues;
    drmaa2_queueinfo qi;

    CHECK(ms != NULL);
    if (ms == NULL)
        return;
    queues = drmaa2_msession_get_all_queues(ms, NULL);
    CHECK(queues != NULL && drmaa2_list_size(queues) == 1);
    qi = queues != NULL ? (drmaa2_queueinfo) drmaa2_list_get(queues, 0) : NULL;
    CHECK(qi != NULL && qi->name != NULL && strcmp(qi->name, "local") == 0);
#if DRMAA2_STUB_IMPL_SPEC_SIX
    CHECK(qi != NULL && qi->implementationSpecific != NULL);
#endif
    drmaa2_list_free(&queues);
    CHECK(drmaa2_close_msession(ms) == DRMAA2_SUCCESS);
    drmaa2_msession_free(&ms);
}

int main(void)
{
    test_last_error_lifecycle();
    test_fault_injection();
    test_last_error_is_per_thread();
    test_string_free();
    test_list_appends_gets_deletes();
    test_list_errors();
    test_list_grows_and_accepts_every_type();
    test_dict_set_get_has_del();
    test_dict_replace_releases_what_it_drops();
    test_dict_errors_and_borrowed_entries();
    test_jtemplate_unset_and_freed_with_everything();
    test_jinfo_unset_and_freed_with_everything();
    test_rtemplate_and_rinfo_unset_and_freed();
    test_impl_spec_names();
    test_instance_values();
    test_describe_attribute();
    test_reflection_refuses_foreign_pointers();
    test_many_live_structs_keep_their_values();
    test_structs_from_several_threads();
    test_names_and_versions();
    test_supports();
    test_resource_limit_names();
    test_machine_info();
    test_local_queue();
    if (failures != 0) {
        fprintf(stderr, "check_core: %d expectation(s) failed\n", failures);
        return 1;
    }
    printf("check_core: all expectations met\n");
    return 0;
}
