/*
 * stub_bench: jobs per second of the stub DRM for 1,000 /bin/true jobs
 * submitted and waited for through the C API, beside the rate of plain
 * fork/exec/wait of /bin/true on the same machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "drmaa2.h"

#define JOBS 1000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
    char *text = drmaa2_lasterror_text();
    fprintf(stderr, "stub_bench: %s failed: %s\n", what, text != NULL ? text : "(no text)");
    drmaa2_string_free(&text);
    return 1;
}

static double plain_rate(void)
{
    double start = now();
    int i, status;
    for (i = 0; i < JOBS; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            execl("/bin/true", "true", (char *) NULL);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
            return -1;
    }
    return JOBS / (now() - start);
}

int main(void)
{
    drmaa2_jsession js;
    drmaa2_jtemplate jt;
    drmaa2_j jobs[JOBS];
    double start, submitted, finished, plain;
    int i, failed = 0;

    js = drmaa2_create_jsession("stub-bench", NULL);
    if (js == NULL)
        return fail("drmaa2_create_jsession");
    jt = drmaa2_jtemplate_create();
    jt->remoteCommand = strdup("/bin/true");
    start = now();
    for (i = 0; i < JOBS; i++) {
        jobs[i] = drmaa2_jsession_run_job(js, jt);
        if (jobs[i] == NULL)
            return fail("drmaa2_jsession_run_job");
    }
    submitted = now();
    for (i = 0; i < JOBS; i++) {
        drmaa2_jinfo ji;
        if (drmaa2_j_wait_terminated(jobs[i], 120) != DRMAA2_SUCCESS)
            return fail("drmaa2_j_wait_terminated");
        ji = drmaa2_j_get_info(jobs[i]);
        if (ji == NULL)
            return fail("drmaa2_j_get_info");
        if (ji->jobState != DRMAA2_DONE || ji->exitStatus != 0)
            failed++;
        drmaa2_jinfo_free(&ji);
    }
    finished = now();
    plain = plain_rate();
    printf("stub-bench: %d /bin/true jobs through the DRMAA2 C API: submitted in %.2f s, all "
           "done after %.2f s: %.0f jobs/s (%d not DONE with status 0)\n",
           JOBS, submitted - start, finished - start, JOBS / (finished - start), failed);
    printf("stub-bench: plain fork/exec/wait of /bin/true, %d times: %.0f per second\n", JOBS,
           plain);
    printf("stub-bench: slots: %s\n", getenv("DRMAA2_STUB_SLOTS") != NULL
                                          ? getenv("DRMAA2_STUB_SLOTS") : "(number of cores)");
    for (i = 0; i < JOBS; i++)
        drmaa2_j_free(&jobs[i]);
    drmaa2_jtemplate_free(&jt);
    drmaa2_close_jsession(js);
    drmaa2_jsession_free(&js);
    drmaa2_destroy_jsession("stub-bench");
    return failed != 0;
}
