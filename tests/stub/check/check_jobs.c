/*
 * check_jobs: the job side of the stub libdrmaa2, through its C API only:
 * job, reservation and monitoring sessions, jobs and every state
 * transition, job arrays, waits, filters, scheduling over slots,
 * reservations, event notification, a job seen from another process and a
 * supervisor killed hard. Run by `make stub-check` under valgrind with a
 * fresh DRMAA2_STUB_STATE_DIR; exits non-zero on the first failed section.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "drmaa2.h"

static int failures = 0;
static char workdir[64];

#define CHECK(cond, ...)                                                         \
    do {                                                                         \
        if (!(cond)) {                                                           \
            char *text_ = drmaa2_lasterror_text();                               \
            failures++;                                                          \
            fprintf(stderr, "check_jobs.c:%d: FAILED %s: ", __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                        \
            fprintf(stderr, " [last error %d: %s]\n", (int) drmaa2_lasterror(),  \
                    text_ != NULL ? text_ : "");                                 \
            drmaa2_string_free(&text_);                                          \
        }                                                                        \
    } while (0)

/* The call failed with that code and a last error text that says something. */
#define CHECK_ERROR(code, ...)                                                   \
    do {                                                                         \
        char *text_ = drmaa2_lasterror_text();                                   \
        CHECK(drmaa2_lasterror() == (code) && text_ != NULL && text_[0] != '\0', \
              __VA_ARGS__);                                                      \
        drmaa2_string_free(&text_);                                              \
    } while (0)

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static drmaa2_string_list strings(const char *first, ...)
{
    drmaa2_string_list l = drmaa2_list_create(DRMAA2_STRINGLIST,
                                              (drmaa2_list_entryfree) drmaa2_string_free);
    va_list ap;
    const char *s;
    va_start(ap, first);
    for (s = first; s != NULL; s = va_arg(ap, const char *))
        drmaa2_list_add(l, strdup(s));
    va_end(ap);
    return l;
}

/* A template running /bin/sh -c script. */
static drmaa2_jtemplate sh(const char *script)
{
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    jt->remoteCommand = strdup("/bin/sh");
    jt->args = strings("-c", script, NULL);
    return jt;
}

static drmaa2_j run(drmaa2_jsession js, const char *script)
{
    drmaa2_jtemplate jt = sh(script);
    drmaa2_j j = drmaa2_jsession_run_job(js, jt);
    CHECK(j != NULL, "run_job(%s)", script);
    drmaa2_jtemplate_free(&jt);
    return j;
}

static drmaa2_jstate state_of(drmaa2_j j)
{
    drmaa2_string sub = NULL;
    drmaa2_jstate s = drmaa2_j_get_state(j, &sub);
    drmaa2_string_free(&sub);
    return s;
}

/* Waits for the job's end; its info (the caller frees it). */
static drmaa2_jinfo finish(drmaa2_j j)
{
    drmaa2_error e = drmaa2_j_wait_terminated(j, 30);
    CHECK(e == DRMAA2_SUCCESS, "wait_terminated");
    return drmaa2_j_get_info(j);
}

static char *path_in_workdir(const char *name)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", workdir, name) < 0)
        abort();
    return p;
}

static char *slurp(const char *path)
{
    static char buf[4096];
    int fd = open(path, O_RDONLY);
    ssize_t n;
    buf[0] = '\0';
    if (fd < 0)
        return buf;
    n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    close(fd);
    return buf;
}

static int list_has(drmaa2_string_list l, const char *s)
{
    long i;
    for (i = 0; i < drmaa2_list_size(l); i++)
        if (strcmp(drmaa2_list_get(l, i), s) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ sessions */

static void check_sessions(void)
{
    drmaa2_jsession js, js2;
    drmaa2_string name, contact;
    drmaa2_string_list names, cats;
    char longname[300];

    js = drmaa2_create_jsession("sessions", NULL);
    CHECK(js != NULL, "create_jsession");
    CHECK(drmaa2_create_jsession("sessions", NULL) == NULL, "a duplicate name is refused");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "duplicate name");
    CHECK(drmaa2_create_jsession("a/b", NULL) == NULL, "a name with '/'");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "name with /");
    CHECK(drmaa2_create_jsession("a..b", NULL) == NULL, "a name with '..'");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "name with ..");
    CHECK(drmaa2_create_jsession("a\tb", NULL) == NULL, "a name with a control character");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "name with a tab");
    memset(longname, 'x', 256);
    longname[256] = '\0';
    CHECK(drmaa2_create_jsession(longname, NULL) == NULL, "a name of 256 bytes");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "long name");
    longname[255] = '\0';
    js2 = drmaa2_create_jsession(longname, "my contact");
    CHECK(js2 != NULL, "a name of 255 bytes is fine");
    contact = drmaa2_jsession_get_contact(js2);
    CHECK(contact != NULL && strcmp(contact, "my contact") == 0, "contact %s", contact);
    drmaa2_string_free(&contact);
    CHECK(drmaa2_close_jsession(js2) == DRMAA2_SUCCESS, "close");
    drmaa2_jsession_free(&js2);
    CHECK(drmaa2_destroy_jsession(longname) == DRMAA2_SUCCESS, "destroy");

    name = drmaa2_jsession_get_session_name(js);
    CHECK(name != NULL && strcmp(name, "sessions") == 0, "session name %s", name);
    drmaa2_string_free(&name);
    contact = drmaa2_jsession_get_contact(js);
    CHECK(contact != NULL && strstr(contact, "state") != NULL, "default contact is the state "
          "directory: %s", contact);
    drmaa2_string_free(&contact);
    cats = drmaa2_jsession_get_job_categories(js);
    CHECK(cats != NULL && drmaa2_list_size(cats) == 0, "no job categories");
    drmaa2_list_free(&cats);

    js2 = drmaa2_create_jsession(NULL, NULL);
    CHECK(js2 != NULL, "a NULL name generates one");
    name = drmaa2_jsession_get_session_name(js2);
    CHECK(name != NULL && name[0] != '\0', "generated name");
    names = drmaa2_get_jsession_names();
    CHECK(names != NULL && list_has(names, "sessions") && list_has(names, name),
          "get_jsession_names lists both");
    drmaa2_list_free(&names);
    drmaa2_close_jsession(js2);
    drmaa2_jsession_free(&js2);
    CHECK(drmaa2_destroy_jsession(name) == DRMAA2_SUCCESS, "destroy the generated one");
    names = drmaa2_get_jsession_names();
    CHECK(names != NULL && !list_has(names, name), "destroyed name gone");
    drmaa2_list_free(&names);
    drmaa2_string_free(&name);

    js2 = drmaa2_open_jsession("sessions");
    CHECK(js2 != NULL, "open an existing session");
    CHECK(drmaa2_open_jsession("no-such-session") == NULL, "open a missing session");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "open missing");
    CHECK(drmaa2_close_jsession(js2) == DRMAA2_SUCCESS, "close");
    CHECK(drmaa2_close_jsession(js2) == DRMAA2_INVALID_SESSION, "close twice");
    CHECK_ERROR(DRMAA2_INVALID_SESSION, "close twice");
    CHECK(drmaa2_jsession_get_jobs(js2, NULL) == NULL, "a closed session refuses calls");
    CHECK_ERROR(DRMAA2_INVALID_SESSION, "closed session");
    drmaa2_jsession_free(&js2);
    CHECK(js2 == NULL, "free NULLs the handle");

    CHECK(drmaa2_destroy_jsession("sessions") == DRMAA2_SUCCESS, "destroy");
    CHECK(drmaa2_jsession_get_jobs(js, NULL) == NULL, "a destroyed session refuses calls");
    CHECK_ERROR(DRMAA2_INVALID_SESSION, "destroyed session");
    CHECK(drmaa2_destroy_jsession("sessions") == DRMAA2_INVALID_ARGUMENT, "destroy twice");
    drmaa2_close_jsession(js);
    drmaa2_jsession_free(&js);
    /* a failed call's error does not outlive the next successful call */
    CHECK(drmaa2_open_jsession("no-such-session") == NULL, "fails");
    names = drmaa2_get_jsession_names();
    CHECK(names != NULL && drmaa2_lasterror() == DRMAA2_SUCCESS, "last error reset");
    drmaa2_list_free(&names);
}

/* ------------------------------------------------------------ one job */

static void check_job_basics(drmaa2_jsession js)
{
    drmaa2_jtemplate jt, back;
    drmaa2_j j;
    drmaa2_jinfo ji;
    drmaa2_string s;
    char *in = path_in_workdir("input.txt"), *expect = NULL, *out;
    int fd;

    fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && write(fd, "from stdin\n", 11) == 11, "input file");
    close(fd);
    jt = sh("read line; echo \"$line|$GREETING|$(pwd)\"; echo oops >&2; exit 7");
    jt->jobEnvironment = drmaa2_dict_create(NULL);
    drmaa2_dict_set(jt->jobEnvironment, "GREETING", "hello");
    jt->workingDirectory = strdup(workdir);
    jt->inputPath = strdup("input.txt");
    jt->outputPath = strdup("$DRMAA2_WORKING_DIR$/out-$DRMAA2_INDEX$.txt");
    jt->errorPath = strdup(":err.txt");   /* DRMAA 1 style "[host]:path" */
    jt->jobName = strdup("basics");
    CHECK(drmaa2_set_instance_value(jt, "stub_nice", "3") == DRMAA2_SUCCESS, "stub_nice");
    j = drmaa2_jsession_run_job(js, jt);
    CHECK(j != NULL, "run_job");
    if (j == NULL) {
        drmaa2_dict_free(&jt->jobEnvironment);
        drmaa2_jtemplate_free(&jt);
        free(in);
        return;
    }
    ji = finish(j);
    CHECK(ji != NULL, "get_info");
    if (ji != NULL) {
        char *rss = drmaa2_get_instance_value(ji, "stub_max_rss_kib");
        CHECK(ji->jobState == DRMAA2_DONE, "DONE, got %d", ji->jobState);
        CHECK(ji->exitStatus == 7, "exit status 7, got %d", ji->exitStatus);
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
        CHECK(ji->jobName != NULL && strcmp(ji->jobName, "basics") == 0, "jobName");
#endif
        CHECK(ji->jobId != NULL && ji->jobOwner != NULL && ji->submissionMachine != NULL,
              "id, owner, submission machine");
        CHECK(ji->queueName != NULL && strcmp(ji->queueName, "local") == 0, "queue local");
        CHECK(ji->slots == 1, "one slot");
        CHECK(ji->allocatedMachines != NULL && drmaa2_list_size(ji->allocatedMachines) == 1 &&
              strcmp(drmaa2_list_get(ji->allocatedMachines, 0), ji->submissionMachine) == 0,
              "allocated on this machine");
        CHECK(ji->submissionTime > 0 && ji->dispatchTime >= ji->submissionTime &&
              ji->finishTime >= ji->dispatchTime, "times in order");
        CHECK(ji->wallclockTime >= 0 && ji->cpuTime >= 0, "wallclock and cpu time");
        CHECK(ji->terminatingSignal == NULL, "no signal");
        CHECK(rss != NULL && atol(rss) > 0, "stub_max_rss_kib %s", rss);
        drmaa2_string_free(&rss);
        drmaa2_jinfo_free(&ji);
    }
    out = path_in_workdir("out-0.txt");
    if (asprintf(&expect, "from stdin|hello|%s\n", workdir) < 0)
        abort();
    CHECK(strcmp(slurp(out), expect) == 0, "output '%s', expected '%s'", slurp(out), expect);
    free(out);
    free(expect);
    out = path_in_workdir("err.txt");
    CHECK(strcmp(slurp(out), "oops\n") == 0, "error file '%s'", slurp(out));
    free(out);

    s = drmaa2_j_get_id(j);
    CHECK(s != NULL && atoll(s) > 0, "job id");
    drmaa2_string_free(&s);
    s = drmaa2_j_get_session_name(j);
    CHECK(s != NULL && strcmp(s, "jobs") == 0, "job's session %s", s);
    drmaa2_string_free(&s);
#if DRMAA2_STUB_NAMES_2016
    back = drmaa2_j_get_jtemplate(j);
#else
    back = drmaa2_j_get_jt(j);
#endif
    CHECK(back != NULL && strcmp(back->remoteCommand, "/bin/sh") == 0 &&
          drmaa2_list_size(back->args) == 2 &&
          strcmp(drmaa2_dict_get(back->jobEnvironment, "GREETING"), "hello") == 0 &&
          strcmp(back->jobName, "basics") == 0, "get_jtemplate gives the template back");
    if (back != NULL) {
        char *nice = drmaa2_get_instance_value(back, "stub_nice");
        CHECK(nice != NULL && strcmp(nice, "3") == 0, "stub_nice kept: %s", nice);
        drmaa2_string_free(&nice);
    }
    drmaa2_jtemplate_free(&back);
    back = drmaa2_j_get_jt(j);
    CHECK(back != NULL && strcmp(back->remoteCommand, "/bin/sh") == 0, "j_get_jt (2012 name)");
    drmaa2_jtemplate_free(&back);
    drmaa2_j_free(&j);
    drmaa2_dict_free(&jt->jobEnvironment);
    drmaa2_jtemplate_free(&jt);
    free(in);

    /* stub_nice is applied; join_files merges the error stream */
    jt = sh("nice; echo err >&2");
    out = path_in_workdir("nice.txt");
    jt->outputPath = strdup(out);
    jt->joinFiles = DRMAA2_TRUE;
    drmaa2_set_instance_value(jt, "stub_nice", "5");
    j = drmaa2_jsession_run_job(js, jt);
    CHECK(j != NULL, "run nice");
    ji = j != NULL ? finish(j) : NULL;
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE, "nice job done");
    CHECK(strcmp(slurp(out), "5\nerr\n") == 0, "nice 5 and joined error: '%s'", slurp(out));
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);
    drmaa2_jtemplate_free(&jt);
    free(out);
}

static void expect_failed_start(drmaa2_jsession js, drmaa2_jtemplate jt, const char *words)
{
    drmaa2_j j = drmaa2_jsession_run_job(js, jt);
    drmaa2_jinfo ji;
    CHECK(j != NULL, "run_job for a start that fails (%s)", words);
    if (j == NULL)
        return;
    ji = finish(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->annotation != NULL &&
          strstr(ji->annotation, words) != NULL, "FAILED with '%s' in the annotation: %s",
          words, ji != NULL && ji->annotation != NULL ? ji->annotation : "(none)");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);
}

static void check_job_failures(drmaa2_jsession js)
{
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    char *noexec = path_in_workdir("not-executable");
    drmaa2_j j;
    drmaa2_jinfo ji;
    int fd;

    jt->remoteCommand = strdup("/no/such/program");
    expect_failed_start(js, jt, "not found");
    free(jt->remoteCommand);
    fd = open(noexec, O_WRONLY | O_CREAT, 0600);
    close(fd);
    jt->remoteCommand = strdup(noexec);
    expect_failed_start(js, jt, "not executable");
    free(jt->remoteCommand);
    jt->remoteCommand = strdup("/bin/true");
    jt->workingDirectory = strdup("/no/such/directory");
    expect_failed_start(js, jt, "working directory");
    free(jt->workingDirectory);
    jt->workingDirectory = NULL;
    jt->inputPath = strdup("/no/such/input");
    expect_failed_start(js, jt, "input path");
    drmaa2_jtemplate_free(&jt);
    free(noexec);

    j = run(js, "kill -9 $$");
    ji = j != NULL ? finish(j) : NULL;
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->terminatingSignal != NULL &&
          strcmp(ji->terminatingSignal, "SIGKILL") == 0 && ji->exitStatus == -1,
          "killed by SIGKILL");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);

    /* templates the DRM refuses */
    jt = sh("true");
    jt->email = strings("someone@example.org", NULL);
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "email");
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE, "email");
    drmaa2_list_free(&jt->email);
    jt->maxSlots = 2;
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "maxSlots");
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE, "maxSlots");
    jt->maxSlots = DRMAA2_UNSET_NUM;
    jt->queueName = strdup("fast");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "unknown queue");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "queue");
    free(jt->queueName);
    jt->queueName = strdup("local");
    jt->candidateMachines = strings("elsewhere.example.org", NULL);
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "candidate machines without this one");
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS, "candidates");
    drmaa2_list_free(&jt->candidateMachines);
    jt->minSlots = 100000;
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "more slots than there are");
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS, "minSlots");
    jt->minSlots = DRMAA2_UNSET_NUM;
    jt->resourceLimits = drmaa2_dict_create(NULL);
    drmaa2_dict_set(jt->resourceLimits, "COFFEE", "1");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "unknown resource limit");
    CHECK_ERROR(DRMAA2_UNSUPPORTED_ATTRIBUTE, "limit");
    drmaa2_dict_del(jt->resourceLimits, "COFFEE");
    drmaa2_dict_set(jt->resourceLimits, "CPU_TIME", "soon");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "a limit that is not a number");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "limit value");
    drmaa2_dict_free(&jt->resourceLimits);
    /* "NAME=value" is all a job gets: "A=B" would reach it as A, "" as nothing */
    jt->jobEnvironment = drmaa2_dict_create(NULL);
    drmaa2_dict_set(jt->jobEnvironment, "A=B", "v");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "an environment name with '='");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "jobEnvironment");
    drmaa2_dict_del(jt->jobEnvironment, "A=B");
    drmaa2_dict_set(jt->jobEnvironment, "", "v");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "an empty environment name");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "jobEnvironment");
    drmaa2_dict_free(&jt->jobEnvironment);
    free(jt->remoteCommand);
    jt->remoteCommand = NULL;
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "no remoteCommand");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "remoteCommand");
    CHECK(drmaa2_jsession_run_job(js, NULL) == NULL, "NULL template");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "NULL template");
    drmaa2_jtemplate_free(&jt);

    /* resource limits are applied: WALLCLOCK_TIME ends a job that runs too long */
    jt = sh("sleep 20");
    jt->resourceLimits = drmaa2_dict_create(NULL);
    drmaa2_dict_set(jt->resourceLimits, "WALLCLOCK_TIME", "1");
    j = drmaa2_jsession_run_job(js, jt);
    ji = j != NULL ? finish(j) : NULL;
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->annotation != NULL &&
          strstr(ji->annotation, "WALLCLOCK_TIME") != NULL, "wallclock limit: %s",
          ji != NULL && ji->annotation != NULL ? ji->annotation : "(none)");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);
    drmaa2_dict_free(&jt->resourceLimits);
    drmaa2_jtemplate_free(&jt);
}

/* ------------------------------------------------------------ states */

static void check_transitions(drmaa2_jsession js)
{
    drmaa2_jtemplate jt;
    drmaa2_j j, blocker, queued;
    drmaa2_jinfo ji;
    drmaa2_string sub = NULL;

    (void) sub;   /* read only where the library has drmaa2_j_reap */
    /* submitAsHold: QUEUED_HELD until released */
    jt = sh("exit 0");
    jt->submitAsHold = DRMAA2_TRUE;
    j = drmaa2_jsession_run_job(js, jt);
    drmaa2_jtemplate_free(&jt);
    CHECK(j != NULL && state_of(j) == DRMAA2_QUEUED_HELD, "QUEUED_HELD");
    CHECK(drmaa2_j_wait_started(j, DRMAA2_ZERO_TIME) == DRMAA2_STUB_WAIT_EXPIRED_ERROR, "not started");
    CHECK_ERROR(DRMAA2_STUB_WAIT_EXPIRED_ERROR, "wait_started ZERO_TIME");
    CHECK(drmaa2_j_wait_terminated(j, 1) == DRMAA2_STUB_WAIT_EXPIRED_ERROR, "a 1 s wait expires");
    CHECK(drmaa2_j_wait_terminated(j, -5) == DRMAA2_INVALID_ARGUMENT, "negative timeout");
    CHECK(drmaa2_j_suspend(j) == DRMAA2_INVALID_STATE, "suspend a held job");
    CHECK_ERROR(DRMAA2_INVALID_STATE, "suspend held");
    CHECK(drmaa2_j_hold(j) == DRMAA2_INVALID_STATE, "hold a held job");
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_j_reap(j) == DRMAA2_INVALID_STATE, "reap a held job");
#endif
    CHECK(drmaa2_j_release(j) == DRMAA2_SUCCESS, "release");
    CHECK(drmaa2_j_wait_started(j, 30) == DRMAA2_SUCCESS, "started after release");
    ji = finish(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE && ji->exitStatus == 0, "DONE 0");
    drmaa2_jinfo_free(&ji);
    CHECK(drmaa2_j_release(j) == DRMAA2_INVALID_STATE, "release a finished job");
    CHECK(drmaa2_j_terminate(j) == DRMAA2_INVALID_STATE, "terminate a finished job");
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_j_reap(j) == DRMAA2_SUCCESS, "reap");
    CHECK(drmaa2_j_get_state(j, &sub) == DRMAA2_UNSET_JSTATE && sub == NULL, "reaped is gone");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "reaped");
    CHECK(drmaa2_j_get_info(j) == NULL, "no info after reap");
#endif
    drmaa2_j_free(&j);

    /* suspend and resume a running job */
    j = run(js, "sleep 30");
    CHECK(j != NULL && drmaa2_j_wait_started(j, 30) == DRMAA2_SUCCESS, "started");
    CHECK(state_of(j) == DRMAA2_RUNNING, "RUNNING");
    ji = drmaa2_j_get_info(j);
    if (ji != NULL) {
        char *rss = drmaa2_get_instance_value(ji, "stub_max_rss_kib");
        CHECK(ji->jobState == DRMAA2_RUNNING && ji->dispatchTime > 0 &&
              ji->finishTime == DRMAA2_UNSET_TIME && ji->wallclockTime >= 0 &&
              ji->cpuTime >= 0 && ji->exitStatus == -1, "the info of a running job");
        CHECK(rss != NULL && atol(rss) > 0, "peak memory of a running job: %s", rss);
        drmaa2_string_free(&rss);
    }
    drmaa2_jinfo_free(&ji);
    CHECK(drmaa2_j_resume(j) == DRMAA2_INVALID_STATE, "resume a running job");
    CHECK(drmaa2_j_hold(j) == DRMAA2_INVALID_STATE, "hold a running job");
    CHECK(drmaa2_j_release(j) == DRMAA2_INVALID_STATE, "release a running job");
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_j_reap(j) == DRMAA2_INVALID_STATE, "reap a running job");
#endif
    CHECK(drmaa2_j_suspend(j) == DRMAA2_SUCCESS, "suspend");
    CHECK(state_of(j) == DRMAA2_SUSPENDED, "SUSPENDED");
    CHECK(drmaa2_j_suspend(j) == DRMAA2_INVALID_STATE, "suspend twice");
    CHECK(drmaa2_j_resume(j) == DRMAA2_SUCCESS, "resume");
    CHECK(state_of(j) == DRMAA2_RUNNING, "RUNNING again");
    CHECK(drmaa2_j_suspend(j) == DRMAA2_SUCCESS, "suspend again");
    /* terminate: SIGTERM (a suspended job is continued to receive it): FAILED */
    CHECK(drmaa2_j_terminate(j) == DRMAA2_SUCCESS, "terminate");
    ji = finish(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->terminatingSignal != NULL &&
          strcmp(ji->terminatingSignal, "SIGTERM") == 0, "FAILED by SIGTERM");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);

    /* a job that ignores SIGTERM gets SIGKILL after the grace period */
    setenv("DRMAA2_STUB_KILL_GRACE", "0.3", 1);
    j = run(js, "trap '' TERM; sleep 30");
    CHECK(j != NULL && drmaa2_j_wait_started(j, 30) == DRMAA2_SUCCESS, "started");
    pause_ms(200);   /* the shell has set its trap */
    CHECK(drmaa2_j_terminate(j) == DRMAA2_SUCCESS, "terminate");
    ji = finish(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->terminatingSignal != NULL &&
          strcmp(ji->terminatingSignal, "SIGKILL") == 0, "FAILED by SIGKILL: %s",
          ji != NULL && ji->terminatingSignal != NULL ? ji->terminatingSignal : "(none)");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);
    unsetenv("DRMAA2_STUB_KILL_GRACE");

    /* with one slot a second job is QUEUED while the first runs; hold and
     * release and terminate of a queued job */
    setenv("DRMAA2_STUB_SLOTS", "1", 1);
    blocker = run(js, "sleep 1");
    CHECK(blocker != NULL && drmaa2_j_wait_started(blocker, 30) == DRMAA2_SUCCESS, "started");
    queued = run(js, "exit 3");
    j = run(js, "exit 4");
    CHECK(queued != NULL && state_of(queued) == DRMAA2_QUEUED, "QUEUED behind the first job");
    CHECK(drmaa2_j_hold(queued) == DRMAA2_SUCCESS, "hold a queued job");
    CHECK(state_of(queued) == DRMAA2_QUEUED_HELD, "QUEUED_HELD");
    CHECK(drmaa2_j_release(queued) == DRMAA2_SUCCESS, "release");
    CHECK(state_of(queued) == DRMAA2_QUEUED, "QUEUED again");
    CHECK(drmaa2_j_terminate(j) == DRMAA2_SUCCESS, "terminate a queued job");
    ji = drmaa2_j_get_info(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->dispatchTime == DRMAA2_UNSET_TIME,
          "FAILED without running");
    drmaa2_jinfo_free(&ji);
    ji = finish(queued);
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE && ji->exitStatus == 3,
          "the queued job ran when the slot freed");
    drmaa2_jinfo_free(&ji);
    ji = drmaa2_j_get_info(blocker);
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE, "the first job ended first");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&blocker);
    drmaa2_j_free(&queued);
    drmaa2_j_free(&j);
    unsetenv("DRMAA2_STUB_SLOTS");
}

/* ------------------------------------------------------------ waits, filters */

static void check_waits_and_filters(drmaa2_jsession js)
{
    drmaa2_j slow = run(js, "sleep 1; exit 1"), fast = run(js, "exit 2"), got;
    drmaa2_j_list l = drmaa2_list_create(DRMAA2_JOBLIST, NULL), found;
    drmaa2_jinfo filter;
    drmaa2_string id;

    drmaa2_list_add(l, slow);
    drmaa2_list_add(l, fast);
    got = drmaa2_jsession_wait_any_terminated(js, l, 30);
    CHECK(got != NULL, "wait_any_terminated");
    if (got != NULL) {
        drmaa2_string a = drmaa2_j_get_id(got), b = drmaa2_j_get_id(fast);
        CHECK(strcmp(a, b) == 0, "the fast job ends first");
        drmaa2_string_free(&a);
        drmaa2_string_free(&b);
    }
    drmaa2_j_free(&got);
    got = drmaa2_jsession_wait_any_started(js, l, 30);
    CHECK(got != NULL, "wait_any_started");
    drmaa2_j_free(&got);
    CHECK(drmaa2_jsession_wait_any_terminated(js, NULL, 1) == NULL, "NULL list");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "NULL list");
    CHECK(drmaa2_j_wait_terminated(slow, 30) == DRMAA2_SUCCESS, "slow job ends");

    filter = drmaa2_jinfo_create();
    filter->exitStatus = 2;
    found = drmaa2_jsession_get_jobs(js, filter);
    CHECK(found != NULL && drmaa2_list_size(found) >= 1, "exit status filter");
    if (found != NULL) {
        long i;
        for (i = 0; i < drmaa2_list_size(found); i++) {
            drmaa2_jinfo ji = drmaa2_j_get_info((drmaa2_j) drmaa2_list_get(found, i));
            CHECK(ji != NULL && ji->exitStatus == 2, "only exit status 2");
            drmaa2_jinfo_free(&ji);
        }
    }
    drmaa2_list_free(&found);
    filter->exitStatus = DRMAA2_UNSET_NUM;
    id = drmaa2_j_get_id(slow);
    filter->jobId = id;
    found = drmaa2_jsession_get_jobs(js, filter);
    CHECK(found != NULL && drmaa2_list_size(found) == 1, "job id filter");
    drmaa2_list_free(&found);
    filter->jobState = DRMAA2_RUNNING;
    found = drmaa2_jsession_get_jobs(js, filter);
    CHECK(found != NULL && drmaa2_list_size(found) == 0, "id and state must both match");
    drmaa2_list_free(&found);
    drmaa2_jinfo_free(&filter);
    found = drmaa2_jsession_get_jobs(js, NULL);
    CHECK(found != NULL && drmaa2_list_size(found) >= 2, "no filter: all jobs");
    drmaa2_list_free(&found);
    drmaa2_list_free(&l);
    drmaa2_j_free(&slow);
    drmaa2_j_free(&fast);
}

/* ------------------------------------------------------------ arrays */

static long count_in_state(drmaa2_j_list l, drmaa2_jstate s)
{
    long i, n = 0;
    for (i = 0; i < drmaa2_list_size(l); i++)
        if (state_of((drmaa2_j) drmaa2_list_get(l, i)) == s)
            n++;
    return n;
}

static void check_arrays(drmaa2_jsession js)
{
    drmaa2_jtemplate jt = sh("echo task");
    char *pattern = path_in_workdir("task-$DRMAA2_INDEX$.txt");
    drmaa2_jarray ja, again;
    drmaa2_j_list jobs;
    drmaa2_string id;
    long i, most_running = 0;

    jt->outputPath = strdup(pattern);
    ja = drmaa2_jsession_run_bulk_jobs(js, jt, 1, 5, 2, DRMAA2_UNSET_NUM);
    CHECK(ja != NULL, "run_bulk_jobs 1..5 step 2");
    jobs = ja != NULL ? drmaa2_jarray_get_jobs(ja) : NULL;
    CHECK(jobs != NULL && drmaa2_list_size(jobs) == 3, "three tasks");
    for (i = 0; jobs != NULL && i < drmaa2_list_size(jobs); i++)
        CHECK(drmaa2_j_wait_terminated((drmaa2_j) drmaa2_list_get(jobs, i), 30) ==
              DRMAA2_SUCCESS, "task ends");
    for (i = 1; i <= 5; i++) {
        char *file = NULL;
        if (asprintf(&file, "%s/task-%ld.txt", workdir, i) < 0)
            abort();
        CHECK(strcmp(slurp(file), i % 2 ? "task\n" : "") == 0, "task %ld output '%s'", i,
              slurp(file));
        free(file);
    }
    drmaa2_list_free(&jobs);
    id = drmaa2_jarray_get_id(ja);
    again = drmaa2_jsession_get_job_array(js, id);
    CHECK(again != NULL, "get_job_array(%s)", id);
    if (again != NULL) {
#if DRMAA2_STUB_NAMES_2016
        drmaa2_jtemplate back = drmaa2_jarray_get_jtemplate(again);
#else
        drmaa2_jtemplate back = drmaa2_jarray_get_job_template(again);
#endif
        drmaa2_string sn = drmaa2_jarray_get_session_name(again);
        CHECK(back != NULL && strcmp(back->outputPath, pattern) == 0, "jarray_get_jtemplate");
        drmaa2_jtemplate_free(&back);
        back = drmaa2_jarray_get_job_template(again);
        CHECK(back != NULL, "jarray_get_job_template (2012 name)");
        drmaa2_jtemplate_free(&back);
        CHECK(sn != NULL && strcmp(sn, "jobs") == 0, "array session name");
        drmaa2_string_free(&sn);
        CHECK(drmaa2_jarray_suspend(again) == DRMAA2_INVALID_STATE, "suspend a finished array");
#if DRMAA2_STUB_OPTIONAL
        CHECK(drmaa2_jarray_reap(again) == DRMAA2_SUCCESS, "reap the array");
        CHECK(drmaa2_jarray_get_jobs(again) == NULL, "reaped array is gone");
        CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "reaped array");
#endif
    }
    CHECK(drmaa2_jsession_get_job_array(js, "999999") == NULL, "unknown array");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "unknown array");
    drmaa2_string_free(&id);
    drmaa2_jarray_free(&again);
    drmaa2_jarray_free(&ja);
    CHECK(drmaa2_jsession_run_bulk_jobs(js, jt, 0, 5, 1, DRMAA2_UNSET_NUM) == NULL, "begin 0");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "begin 0");
    CHECK(drmaa2_jsession_run_bulk_jobs(js, jt, 5, 1, 1, DRMAA2_UNSET_NUM) == NULL, "end < begin");
    CHECK(drmaa2_jsession_run_bulk_jobs(js, jt, 1, 5, 0, DRMAA2_UNSET_NUM) == NULL, "step 0");
    drmaa2_jtemplate_free(&jt);
    free(pattern);

    /* max_parallel 1: never more than one task at a time */
    setenv("DRMAA2_STUB_SLOTS", "4", 1);
    jt = sh("sleep 0.3");
    ja = drmaa2_jsession_run_bulk_jobs(js, jt, 1, 3, 1, 1);
    CHECK(ja != NULL, "bulk with max_parallel 1");
    jobs = ja != NULL ? drmaa2_jarray_get_jobs(ja) : NULL;
    for (i = 0; jobs != NULL && i < 40; i++) {
        long running = count_in_state(jobs, DRMAA2_RUNNING);
        if (running > most_running)
            most_running = running;
        if (count_in_state(jobs, DRMAA2_DONE) == 3)
            break;
        pause_ms(50);
    }
    CHECK(most_running == 1, "at most one task running, saw %ld", most_running);
    for (i = 0; jobs != NULL && i < drmaa2_list_size(jobs); i++)
        drmaa2_j_wait_terminated((drmaa2_j) drmaa2_list_get(jobs, i), 30);
    drmaa2_list_free(&jobs);
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_jarray_reap(ja) == DRMAA2_SUCCESS, "reap");
#endif
    drmaa2_jarray_free(&ja);
    drmaa2_jtemplate_free(&jt);

    /* array-wide hold, release, suspend, resume, terminate */
    jt = sh("sleep 30");
    jt->submitAsHold = DRMAA2_TRUE;
    ja = drmaa2_jsession_run_bulk_jobs(js, jt, 1, 2, 1, DRMAA2_UNSET_NUM);
    jobs = ja != NULL ? drmaa2_jarray_get_jobs(ja) : NULL;
    CHECK(jobs != NULL && count_in_state(jobs, DRMAA2_QUEUED_HELD) == 2, "held array");
    CHECK(drmaa2_jarray_resume(ja) == DRMAA2_INVALID_STATE, "resume a held array");
    CHECK(drmaa2_jarray_release(ja) == DRMAA2_SUCCESS, "release the array");
    for (i = 0; jobs != NULL && i < drmaa2_list_size(jobs); i++)
        drmaa2_j_wait_started((drmaa2_j) drmaa2_list_get(jobs, i), 30);
    CHECK(jobs != NULL && count_in_state(jobs, DRMAA2_RUNNING) == 2, "both running");
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_jarray_reap(ja) == DRMAA2_INVALID_STATE, "reap a running array");
#endif
    CHECK(drmaa2_jarray_suspend(ja) == DRMAA2_SUCCESS, "suspend the array");
    CHECK(jobs != NULL && count_in_state(jobs, DRMAA2_SUSPENDED) == 2, "both suspended");
    CHECK(drmaa2_jarray_resume(ja) == DRMAA2_SUCCESS, "resume the array");
    CHECK(jobs != NULL && count_in_state(jobs, DRMAA2_RUNNING) == 2, "both running again");
    CHECK(drmaa2_jarray_hold(ja) == DRMAA2_INVALID_STATE, "hold a running array");
    CHECK(drmaa2_jarray_terminate(ja) == DRMAA2_SUCCESS, "terminate the array");
    for (i = 0; jobs != NULL && i < drmaa2_list_size(jobs); i++)
        drmaa2_j_wait_terminated((drmaa2_j) drmaa2_list_get(jobs, i), 30);
    CHECK(jobs != NULL && count_in_state(jobs, DRMAA2_FAILED) == 2, "both FAILED");
#if DRMAA2_STUB_OPTIONAL
    CHECK(drmaa2_jarray_reap(ja) == DRMAA2_SUCCESS, "reap");
#endif
    drmaa2_list_free(&jobs);
    drmaa2_jarray_free(&ja);
    drmaa2_jtemplate_free(&jt);
    unsetenv("DRMAA2_STUB_SLOTS");
}

/* ------------------------------------------------------------ reservations */

static void check_reservations(drmaa2_jsession js)
{
    drmaa2_rsession rs = drmaa2_create_rsession("reservations", NULL), rs2;
    drmaa2_rtemplate rt = drmaa2_rtemplate_create(), back;
    drmaa2_r r, later, got;
    drmaa2_rinfo ri;
    drmaa2_r_list rl;
    drmaa2_string id, s;
    drmaa2_string_list names;
    drmaa2_jtemplate jt;
    drmaa2_j inres, outside;
    drmaa2_jinfo ji;
    drmaa2_msession ms;
    time_t now = time(NULL);

    setenv("DRMAA2_STUB_SLOTS", "2", 1);
    CHECK(rs != NULL, "create_rsession");
    rt->reservationName = strdup("both slots");
    rt->startTime = DRMAA2_NOW;
    rt->duration = 600;
    rt->minSlots = 2;
    rt->usersACL = strings("nobody-else", NULL);
    r = drmaa2_rsession_request_reservation(rs, rt);
    CHECK(r != NULL, "reserve both slots now");
    rt->minSlots = 1;
    CHECK(drmaa2_rsession_request_reservation(rs, rt) == NULL, "an overlapping request");
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS, "does not fit");
    rt->startTime = now + 1000;
    rt->maxSlots = 5;
    later = drmaa2_rsession_request_reservation(rs, rt);
    CHECK(later != NULL, "a later request fits");
    ri = later != NULL ? drmaa2_r_get_info(later) : NULL;
    CHECK(ri != NULL && ri->reservedSlots == 2 && ri->reservedStartTime == now + 1000 &&
          ri->reservedEndTime == now + 1600, "later: up to maxSlots, as many as are free");
    drmaa2_rinfo_free(&ri);
    rt->startTime = DRMAA2_NOW;
    rt->maxSlots = DRMAA2_UNSET_NUM;
    rt->minSlots = 0;
    CHECK(drmaa2_rsession_request_reservation(rs, rt) == NULL, "minSlots 0");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "minSlots 0");

    ri = r != NULL ? drmaa2_r_get_info(r) : NULL;
    CHECK(ri != NULL && ri->reservedSlots == 2 && ri->reservationName != NULL &&
          strcmp(ri->reservationName, "both slots") == 0 && ri->reservedMachines != NULL &&
          drmaa2_list_size(ri->reservedMachines) == 1 &&
          ((drmaa2_slotinfo) drmaa2_list_get(ri->reservedMachines, 0))->slots == 2 &&
          ri->usersACL != NULL && list_has(ri->usersACL, "nobody-else") &&
          ri->reservedEndTime - ri->reservedStartTime == 600, "reservation info");
    drmaa2_rinfo_free(&ri);
    back = r != NULL ? drmaa2_r_get_reservation_template(r) : NULL;
    CHECK(back != NULL && back->minSlots == 2 && back->duration == 600, "template back");
    drmaa2_rtemplate_free(&back);
#if DRMAA2_STUB_NAMES_2016
    back = r != NULL ? drmaa2_r_get_rtemplate(r) : NULL;
    CHECK(back != NULL && strcmp(back->reservationName, "both slots") == 0, "r_get_rtemplate");
    drmaa2_rtemplate_free(&back);
#endif
    id = drmaa2_r_get_id(r);
    s = drmaa2_r_get_session_name(r);
    CHECK(id != NULL && s != NULL && strcmp(s, "reservations") == 0, "id and session");
    drmaa2_string_free(&s);
    got = drmaa2_rsession_get_reservation(rs, id);
    CHECK(got != NULL, "get_reservation");
    drmaa2_r_free(&got);
    rl = drmaa2_rsession_get_reservations(rs);
    CHECK(rl != NULL && drmaa2_list_size(rl) == 2, "two reservations");
    drmaa2_list_free(&rl);
    CHECK(drmaa2_rsession_get_reservation(rs, "77777") == NULL, "unknown reservation");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "unknown reservation");

    /* a job in the reservation runs; one outside it waits for free slots */
    jt = sh("exit 5");
    jt->reservationId = strdup(id);
    inres = drmaa2_jsession_run_job(js, jt);
    CHECK(inres != NULL, "a job in the reservation");
    ji = inres != NULL ? finish(inres) : NULL;
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE && ji->exitStatus == 5, "ran in it");
    drmaa2_jinfo_free(&ji);
    free(jt->reservationId);
    jt->reservationId = strdup("424242");
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "an unknown reservation id");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "unknown reservation id");
    free(jt->reservationId);
    jt->reservationId = NULL;
    outside = drmaa2_jsession_run_job(js, jt);
    CHECK(outside != NULL && drmaa2_j_wait_started(outside, 1) == DRMAA2_STUB_WAIT_EXPIRED_ERROR,
          "no slot outside the reservation");
    CHECK(state_of(outside) == DRMAA2_QUEUED, "QUEUED");

    ms = drmaa2_open_msession(NULL);
    rl = drmaa2_msession_get_all_reservations(ms);
    CHECK(rl != NULL && drmaa2_list_size(rl) == 2, "monitoring sees both reservations");
    drmaa2_list_free(&rl);
    drmaa2_close_msession(ms);
    drmaa2_msession_free(&ms);

    CHECK(drmaa2_r_terminate(r) == DRMAA2_SUCCESS, "terminate the reservation");
    CHECK(drmaa2_r_terminate(r) == DRMAA2_INVALID_STATE, "terminate twice");
    ji = outside != NULL ? finish(outside) : NULL;
    CHECK(ji != NULL && ji->jobState == DRMAA2_DONE, "runs once the slots are free");
    drmaa2_jinfo_free(&ji);
    jt->reservationId = strdup(id);
    CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "a terminated reservation");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "terminated reservation");
    drmaa2_jtemplate_free(&jt);
    drmaa2_j_free(&inres);
    drmaa2_j_free(&outside);
    drmaa2_string_free(&id);

    names = drmaa2_get_rsession_names();
    CHECK(names != NULL && list_has(names, "reservations"), "rsession names");
    drmaa2_list_free(&names);
    rs2 = drmaa2_open_rsession("reservations");
    CHECK(rs2 != NULL, "open_rsession");
    s = drmaa2_rsession_get_session_name(rs2);
    CHECK(s != NULL && strcmp(s, "reservations") == 0, "rsession name");
    drmaa2_string_free(&s);
    s = drmaa2_rsession_get_contact(rs2);
    CHECK(s != NULL, "rsession contact");
    drmaa2_string_free(&s);
    CHECK(drmaa2_close_rsession(rs2) == DRMAA2_SUCCESS, "close");
    CHECK(drmaa2_close_rsession(rs2) == DRMAA2_INVALID_SESSION, "close twice");
    CHECK(drmaa2_rsession_get_reservations(rs2) == NULL, "closed");
    CHECK_ERROR(DRMAA2_INVALID_SESSION, "closed rsession");
    drmaa2_rsession_free(&rs2);
    CHECK(drmaa2_create_rsession("reservations", NULL) == NULL, "duplicate rsession name");
    CHECK(drmaa2_open_rsession("x/y") == NULL, "bad rsession name");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "bad name");
    drmaa2_close_rsession(rs);
    drmaa2_rsession_free(&rs);
    CHECK(drmaa2_destroy_rsession("reservations") == DRMAA2_SUCCESS, "destroy_rsession");
    CHECK(drmaa2_r_get_info(later) == NULL, "reservations go with their session");
    drmaa2_r_free(&r);
    drmaa2_r_free(&later);
    drmaa2_rtemplate_free(&rt);
    unsetenv("DRMAA2_STUB_SLOTS");
}

/* ------------------------------------------------------------ monitoring */

static void check_monitoring(void)
{
    drmaa2_msession ms = drmaa2_open_msession("monitor");
    drmaa2_jsession other = drmaa2_create_jsession("other", NULL);
    drmaa2_j j = run(other, "exit 0");
    drmaa2_j_list all;
    drmaa2_queueinfo_list qs;
    drmaa2_machineinfo_list machines;
    drmaa2_string_list names;
    drmaa2_jinfo filter;

    CHECK(ms != NULL, "open_msession");
    drmaa2_j_wait_terminated(j, 30);
    all = drmaa2_msession_get_all_jobs(ms, NULL);
    CHECK(all != NULL && drmaa2_list_size(all) >= 10, "all jobs of this user, got %ld",
          drmaa2_list_size(all));
    if (all != NULL) {
        long i, in_other = 0, in_jobs = 0;
        for (i = 0; i < drmaa2_list_size(all); i++) {
            drmaa2_string sn = drmaa2_j_get_session_name((drmaa2_j) drmaa2_list_get(all, i));
            in_other += strcmp(sn, "other") == 0;
            in_jobs += strcmp(sn, "jobs") == 0;
            drmaa2_string_free(&sn);
        }
        CHECK(in_other == 1 && in_jobs > 1, "jobs of both sessions");
    }
    drmaa2_list_free(&all);
    filter = drmaa2_jinfo_create();
    filter->jobState = DRMAA2_FAILED;
    all = drmaa2_msession_get_all_jobs(ms, filter);
    CHECK(all != NULL && drmaa2_list_size(all) >= 1 &&
          count_in_state(all, DRMAA2_FAILED) == drmaa2_list_size(all), "state filter");
    drmaa2_list_free(&all);
    drmaa2_jinfo_free(&filter);

    qs = drmaa2_msession_get_all_queues(ms, NULL);
    CHECK(qs != NULL && drmaa2_list_size(qs) == 1 &&
          strcmp(((drmaa2_queueinfo) drmaa2_list_get(qs, 0))->name, "local") == 0, "queue local");
    drmaa2_list_free(&qs);
    names = strings("batch", NULL);
    qs = drmaa2_msession_get_all_queues(ms, names);
    CHECK(qs != NULL && drmaa2_list_size(qs) == 0, "no queue 'batch'");
    drmaa2_list_free(&qs);
    drmaa2_list_free(&names);
    machines = drmaa2_msession_get_all_machines(ms, NULL);
    CHECK(machines != NULL && drmaa2_list_size(machines) == 1, "one machine");
    if (machines != NULL && drmaa2_list_size(machines) == 1) {
        drmaa2_machineinfo mi = (drmaa2_machineinfo) drmaa2_list_get(machines, 0);
        CHECK(mi->name != NULL && mi->sockets >= 1 && mi->physMemory > 0, "machine info");
    }
    drmaa2_list_free(&machines);
    CHECK(drmaa2_close_msession(ms) == DRMAA2_SUCCESS, "close_msession");
    CHECK(drmaa2_close_msession(ms) == DRMAA2_INVALID_SESSION, "close twice");
    CHECK(drmaa2_msession_get_all_jobs(ms, NULL) == NULL, "closed msession");
    CHECK_ERROR(DRMAA2_INVALID_SESSION, "closed msession");
    drmaa2_msession_free(&ms);
    drmaa2_j_free(&j);
    drmaa2_close_jsession(other);
    drmaa2_jsession_free(&other);
    CHECK(drmaa2_destroy_jsession("other") == DRMAA2_SUCCESS, "destroy other");
}

/* ------------------------------------------------------------ events */

static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;
static char seen_jobs[64][32];
static int seen_states[64], seen_count = 0, seen_foreign_thread = 0;
static pthread_t main_thread;

static void on_event(drmaa2_notification *n)
{
    pthread_mutex_lock(&seen_lock);
    if ((*n)->event == DRMAA2_NEW_STATE && strcmp((*n)->sessionName, "jobs") == 0 &&
        seen_count < 64) {
        snprintf(seen_jobs[seen_count], sizeof seen_jobs[0], "%s", (*n)->jobId);
        seen_states[seen_count++] = (*n)->jobState;
    }
    if (!pthread_equal(pthread_self(), main_thread))
        seen_foreign_thread = 1;
    pthread_mutex_unlock(&seen_lock);
    drmaa2_notification_free(n);
}

static void check_events(drmaa2_jsession js)
{
    drmaa2_j j;
    drmaa2_string id;
    int i, done = 0, running = 0, queued = 0;

    main_thread = pthread_self();
    CHECK(drmaa2_register_event_notification(on_event) == DRMAA2_SUCCESS, "register");
    j = run(js, "sleep 0.2");
    id = drmaa2_j_get_id(j);
    drmaa2_j_wait_terminated(j, 30);
    for (i = 0; i < 100 && !done; i++) {
        int k;
        pthread_mutex_lock(&seen_lock);
        for (k = 0; k < seen_count; k++) {
            if (strcmp(seen_jobs[k], id) != 0)
                continue;
            queued |= seen_states[k] == DRMAA2_QUEUED;
            running |= seen_states[k] == DRMAA2_RUNNING;
            done |= seen_states[k] == DRMAA2_DONE;
        }
        pthread_mutex_unlock(&seen_lock);
        if (!done)
            pause_ms(50);
    }
    CHECK(queued && running && done, "NEW_STATE events QUEUED, RUNNING and DONE (saw %d "
          "events)", seen_count);
    CHECK(seen_foreign_thread, "delivered from a library thread");
    CHECK(drmaa2_register_event_notification(NULL) == DRMAA2_SUCCESS, "unregister");
    drmaa2_string_free(&id);
    drmaa2_j_free(&j);
}

/* ------------------------------------------------------------ processes */

static void check_other_process(drmaa2_jsession js)
{
    pid_t pid;
    int status = -1;
    drmaa2_j j;
    drmaa2_jsession again;
    drmaa2_j_list l;
    drmaa2_jinfo ji;
    drmaa2_string id;

    /* submitted here, waited for and read over there */
    j = run(js, "sleep 0.3; exit 42");
    id = drmaa2_j_get_id(j);
    pid = fork();
    if (pid == 0) {
        /* everything is freed: the child runs under valgrind too */
        drmaa2_jsession mine = drmaa2_open_jsession("jobs");
        drmaa2_jinfo filter = drmaa2_jinfo_create();
        drmaa2_j_list found;
        int code = 1;
        filter->jobId = strdup(id);
        found = mine != NULL ? drmaa2_jsession_get_jobs(mine, filter) : NULL;
        if (found != NULL && drmaa2_list_size(found) == 1) {
            drmaa2_j other = (drmaa2_j) drmaa2_list_get(found, 0);
            drmaa2_jinfo info = NULL;
            if (drmaa2_j_wait_terminated(other, 30) == DRMAA2_SUCCESS &&
                (info = drmaa2_j_get_info(other)) != NULL)
                code = info->exitStatus == 42 ? 0 : 2;
            drmaa2_jinfo_free(&info);
        }
        if (code != 0) {
            char *text = drmaa2_lasterror_text();
            fprintf(stderr, "check_jobs: the other process: %s\n", text != NULL ? text : "");
            drmaa2_string_free(&text);
        }
        drmaa2_list_free(&found);
        drmaa2_jinfo_free(&filter);
        drmaa2_close_jsession(mine);
        drmaa2_jsession_free(&mine);
        drmaa2_string_free(&id);
        drmaa2_j_free(&j);
        exit(code);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0, "another process waited and read exit status 42 (%d)",
          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    drmaa2_j_free(&j);
    drmaa2_string_free(&id);

    /* submitted by a process that then exits at once: nothing is lost */
    pid = fork();
    if (pid == 0) {
        drmaa2_jsession theirs = drmaa2_create_jsession("from-child", NULL);
        drmaa2_jtemplate jt = sh("sleep 0.3; exit 9");
        drmaa2_j submitted = theirs != NULL ? drmaa2_jsession_run_job(theirs, jt) : NULL;
        int code = submitted != NULL ? 0 : 1;
        if (code != 0) {
            char *text = drmaa2_lasterror_text();
            fprintf(stderr, "check_jobs: the submitting child: %s\n", text != NULL ? text : "");
            drmaa2_string_free(&text);
        }
        /* exits without closing its session: what it was told must survive */
        drmaa2_j_free(&submitted);
        drmaa2_jtemplate_free(&jt);
        drmaa2_jsession_free(&theirs);
        exit(code);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0, "the child submitted");
    again = drmaa2_open_jsession("from-child");
    CHECK(again != NULL, "open the child's session");
    l = again != NULL ? drmaa2_jsession_get_jobs(again, NULL) : NULL;
    CHECK(l != NULL && drmaa2_list_size(l) == 1, "its job is there");
    if (l != NULL && drmaa2_list_size(l) == 1) {
        drmaa2_j theirs = (drmaa2_j) drmaa2_list_get(l, 0);
        ji = finish(theirs);
        CHECK(ji != NULL && ji->jobState == DRMAA2_DONE && ji->exitStatus == 9, "and ran");
        drmaa2_jinfo_free(&ji);
    }
    drmaa2_list_free(&l);
    drmaa2_close_jsession(again);
    drmaa2_jsession_free(&again);
    CHECK(drmaa2_destroy_jsession("from-child") == DRMAA2_SUCCESS, "destroy");
}

static void check_supervisor_killed(drmaa2_jsession js)
{
    char *pidfile = path_in_workdir("supervisor.pid"), *script = NULL;
    drmaa2_j j;
    drmaa2_jinfo ji;
    long sup = 0;
    int i;

    if (asprintf(&script, "echo $PPID > %s; sleep 30", pidfile) < 0)
        abort();
    j = run(js, script);
    CHECK(j != NULL && drmaa2_j_wait_started(j, 30) == DRMAA2_SUCCESS, "started");
    for (i = 0; i < 100 && (sup = atol(slurp(pidfile))) <= 0; i++)
        pause_ms(20);
    CHECK(sup > 1 && kill((pid_t) sup, SIGKILL) == 0, "kill the supervisor %ld", sup);
    ji = finish(j);
    CHECK(ji != NULL && ji->jobState == DRMAA2_FAILED && ji->annotation != NULL &&
          strstr(ji->annotation, "supervising process died") != NULL,
          "FAILED, not stuck RUNNING: %s", ji != NULL && ji->annotation ? ji->annotation : "");
    drmaa2_jinfo_free(&ji);
    drmaa2_j_free(&j);
    free(script);
    free(pidfile);
}

/* A job with a startTime starts then even if no one looks (a timer). */
static void check_start_time(drmaa2_jsession js)
{
    drmaa2_jtemplate jt = sh("exit 0");
    drmaa2_j j;
    int i;

    jt->startTime = time(NULL) + 2;
    j = drmaa2_jsession_run_job(js, jt);
    CHECK(j != NULL && state_of(j) == DRMAA2_QUEUED, "QUEUED until its start time");
    CHECK(drmaa2_j_wait_started(j, DRMAA2_ZERO_TIME) == DRMAA2_STUB_WAIT_EXPIRED_ERROR, "not started yet");
    /* get_state does not start queued jobs: only the timer can */
    for (i = 0; i < 100 && j != NULL && state_of(j) != DRMAA2_DONE; i++)
        pause_ms(100);
    CHECK(j != NULL && state_of(j) == DRMAA2_DONE, "ran at its start time");
    drmaa2_j_free(&j);
    drmaa2_jtemplate_free(&jt);
}

/* ------------------------------------------------------------ odds and ends */

static void check_state_dir_and_faults(void)
{
    char dir[128], *saved = strdup(getenv("DRMAA2_STUB_STATE_DIR"));
    drmaa2_jsession js;

    snprintf(dir, sizeof dir, "%s/open-to-all", workdir);
    mkdir(dir, 0777);
    chmod(dir, 0777);
    setenv("DRMAA2_STUB_STATE_DIR", dir, 1);
    CHECK(drmaa2_create_jsession("x", NULL) == NULL, "a state directory others can write");
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS, "world-writable state directory");
    snprintf(dir, sizeof dir, "%s/fresh/state", workdir);
    setenv("DRMAA2_STUB_STATE_DIR", dir, 1);
    js = drmaa2_create_jsession("x", NULL);
    CHECK(js != NULL, "a new state directory is created");
    if (js != NULL) {
        struct stat st;
        drmaa2_jtemplate jt = sh("true");
        CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "mode 0700");
        setenv("DRMAA2_STUB_SLOTS", "none", 1);
        CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "DRMAA2_STUB_SLOTS is not a number");
        CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "bad DRMAA2_STUB_SLOTS");
        unsetenv("DRMAA2_STUB_SLOTS");
        drmaa2_jtemplate_free(&jt);
        drmaa2_close_jsession(js);
        drmaa2_jsession_free(&js);
    }
    setenv("DRMAA2_STUB_STATE_DIR", saved, 1);
    free(saved);

    setenv("DRMAA2_STUB_FAIL", "drmaa2_j_get_info:DRMAA2_TRY_LATER", 1);
    CHECK(drmaa2_j_get_info(NULL) == NULL, "fault injected");
    CHECK_ERROR(DRMAA2_TRY_LATER, "fault injection");
    unsetenv("DRMAA2_STUB_FAIL");
    CHECK(drmaa2_j_get_info(NULL) == NULL, "NULL job");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "NULL job");
    CHECK(drmaa2_j_wait_terminated(NULL, 0) == DRMAA2_INVALID_ARGUMENT, "NULL job wait");
    CHECK(drmaa2_jsession_run_job(NULL, NULL) == NULL, "NULL session");
    CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "NULL session");
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void) st;
    (void) flag;
    (void) ftw;
    remove(path);
    return 0;
}

/* The last error's text contains words. */
static int error_says(const char *words)
{
    char *text = drmaa2_lasterror_text();
    int found = text != NULL && strstr(text, words) != NULL;
    drmaa2_string_free(&text);
    return found;
}

/* A bad DRMAA2_STUB_KILL_GRACE, a zero-length store, a store removed under
 * an open session: refused, with the error set and nothing leaked. */
static void check_refusals(void)
{
    char dir[128], db[160], *saved = strdup(getenv("DRMAA2_STUB_STATE_DIR"));
    drmaa2_jsession js;
    drmaa2_jtemplate jt = sh("true");
    int fd;

    snprintf(dir, sizeof dir, "%s/empty-store", workdir);
    mkdir(dir, 0700);
    snprintf(db, sizeof db, "%s/jobs.db", dir);
    fd = open(db, O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0, "an empty jobs.db");
    close(fd);
    setenv("DRMAA2_STUB_STATE_DIR", dir, 1);
    CHECK(drmaa2_create_jsession("x", NULL) == NULL, "a zero-length store is refused");
    CHECK_ERROR(DRMAA2_DENIED_BY_DRMS, "zero-length store");
    CHECK(error_says(db), "the error names the store");

    snprintf(dir, sizeof dir, "%s/removed", workdir);
    setenv("DRMAA2_STUB_STATE_DIR", dir, 1);
    js = drmaa2_create_jsession("x", NULL);
    CHECK(js != NULL, "a session in a new state directory");
    if (js != NULL) {
        drmaa2_j j;
        jt->submitAsHold = DRMAA2_TRUE;
        j = drmaa2_jsession_run_job(js, jt);
        CHECK(j != NULL, "a held job");
        setenv("DRMAA2_STUB_KILL_GRACE", "-5", 1);
        CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "a negative kill grace is refused");
        CHECK_ERROR(DRMAA2_INVALID_ARGUMENT, "bad DRMAA2_STUB_KILL_GRACE");
        CHECK(error_says("DRMAA2_STUB_KILL_GRACE"), "the error names the variable");
        unsetenv("DRMAA2_STUB_KILL_GRACE");
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        CHECK(drmaa2_jsession_run_job(js, jt) == NULL, "no job accepted into a removed store");
        CHECK_ERROR(DRMAA2_INTERNAL, "removed store");
        CHECK(error_says(dir) && error_says("removed or replaced"), "the error names it");
        CHECK(drmaa2_j_release(j) == DRMAA2_INTERNAL, "no release in a removed store");
        CHECK(drmaa2_jsession_get_jobs(js, NULL) == NULL, "no job list of a removed store");
        CHECK_ERROR(DRMAA2_INTERNAL, "removed store");
        drmaa2_j_free(&j);
        drmaa2_close_jsession(js);
        drmaa2_jsession_free(&js);
    }
    drmaa2_jtemplate_free(&jt);
    setenv("DRMAA2_STUB_STATE_DIR", saved, 1);
    free(saved);
}

int main(void)
{
    drmaa2_jsession js;

    if (getenv("DRMAA2_STUB_STATE_DIR") == NULL) {
        fprintf(stderr, "check_jobs: set DRMAA2_STUB_STATE_DIR to a fresh directory\n");
        return 2;
    }
    snprintf(workdir, sizeof workdir, "/tmp/check_jobs.XXXXXX");
    if (mkdtemp(workdir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
#define SECTION(call)                                 \
    do {                                              \
        int before_ = failures;                       \
        call;                                         \
        printf("check_jobs: %-40s %s\n", #call,       \
               failures == before_ ? "ok" : "FAILED"); \
        fflush(stdout);                               \
    } while (0)
    SECTION(check_sessions());
    js = drmaa2_create_jsession("jobs", NULL);
    CHECK(js != NULL, "create the session 'jobs'");
    if (js != NULL) {
        SECTION(check_job_basics(js));
        SECTION(check_job_failures(js));
        SECTION(check_transitions(js));
        SECTION(check_waits_and_filters(js));
        SECTION(check_arrays(js));
        SECTION(check_reservations(js));
        SECTION(check_monitoring());
        SECTION(check_events(js));
        SECTION(check_other_process(js));
        SECTION(check_supervisor_killed(js));
        SECTION(check_start_time(js));
        drmaa2_close_jsession(js);
        drmaa2_jsession_free(&js);
        CHECK(drmaa2_destroy_jsession("jobs") == DRMAA2_SUCCESS, "destroy 'jobs'");
    }
    SECTION(check_state_dir_and_faults());
    SECTION(check_refusals());
    nftw(workdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    printf("check_jobs: %s (%d failed checks)\n", failures == 0 ? "passed" : "FAILED", failures);
    return failures == 0 ? 0 : 1;
}
