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
#define LATENCY_SAMPLES 20

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

static double realtime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* How long after a job's last act (writing the time) its waiter returns:
 * the median and the largest of LATENCY_SAMPLES jobs, in ms. */
static int end_latency(drmaa2_jsession js, double *median, double *largest)
{
    double samples[LATENCY_SAMPLES];
    char path[] = "/tmp/stub_bench.XXXXXX";
    int fd = mkstemp(path), i;
    drmaa2_jtemplate jt;

    if (fd < 0)
        return -1;
    close(fd);
    jt = drmaa2_jtemplate_create();
    jt->remoteCommand = strdup("/bin/sh");
    jt->args = drmaa2_list_create(DRMAA2_STRINGLIST, (drmaa2_list_entryfree) drmaa2_string_free);
    drmaa2_list_add(jt->args, strdup("-c"));
    drmaa2_list_add(jt->args, strdup("sleep 0.05; exec date +%s.%N"));
    jt->outputPath = strdup(path);
    for (i = 0; i < LATENCY_SAMPLES; i++) {
        drmaa2_j j = drmaa2_jsession_run_job(js, jt);
        double seen, ended = 0;
        FILE *f;
        if (j == NULL || drmaa2_j_wait_terminated(j, 60) != DRMAA2_SUCCESS) {
            drmaa2_j_free(&j);
            drmaa2_jtemplate_free(&jt);
            unlink(path);
            return -1;
        }
        seen = realtime();
        f = fopen(path, "r");
        if (f == NULL || fscanf(f, "%lf", &ended) != 1)
            ended = seen;
        if (f != NULL)
            fclose(f);
        samples[i] = (seen - ended) * 1000.0;
        drmaa2_j_free(&j);
    }
    drmaa2_jtemplate_free(&jt);
    unlink(path);
    qsort(samples, LATENCY_SAMPLES, sizeof samples[0], compare_doubles);
    *median = samples[LATENCY_SAMPLES / 2];
    *largest = samples[LATENCY_SAMPLES - 1];
    return 0;
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
    double start, submitted, finished, plain, median = -1, largest = -1;
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
    if (end_latency(js, &median, &largest) != 0)
        return fail("the end-to-waiter latency run");
    printf("stub-bench: %d /bin/true jobs through the DRMAA2 C API: submitted in %.2f s, all "
           "done after %.2f s: %.0f jobs/s (%d not DONE with status 0)\n",
           JOBS, submitted - start, finished - start, JOBS / (finished - start), failed);
    printf("stub-bench: plain fork/exec/wait of /bin/true, %d times: %.0f per second\n", JOBS,
           plain);
    printf("stub-bench: a job's end seen by its waiter after %.1f ms (median of %d), "
           "%.1f ms at most (includes the job's own exit)\n", median, LATENCY_SAMPLES, largest);
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
