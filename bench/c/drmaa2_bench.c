/*
 * drmaa2_bench: the C side of `make bench`.  Each mode does, through the
 * DRMAA2 C API of the stub library, the same work that bench/run.py times in
 * Python, in a session that run.py has prepared (or creates itself), and prints
 * one line of elapsed seconds per repetition (space-separated) on stdout: for the
 * CPU-bound modes (state, jobs, infos, runjob) "wall,cpu" pairs, the process's
 * wall-clock and CPU seconds.
 *
 *   drmaa2_bench state  SESSION CALLS REPS   drmaa2_j_get_state + free on the session's first job
 *   drmaa2_bench jobs   SESSION REPS         drmaa2_jsession_get_jobs, walk the list, free it
 *   drmaa2_bench infos  SESSION COUNT REPS   drmaa2_j_get_info of COUNT jobs, read every field
 *   drmaa2_bench runjob SESSION COUNT REPS   COUNT run_job of a held job, 100 env + 100 args
 *   drmaa2_bench bulk   SESSION COUNT        COUNT /bin/true as one job array, all waited for
 *   drmaa2_bench wait   SESSION COUNT STAMP  COUNT jobs of STAMP; exit-to-wait-return latencies
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "drmaa2.h"

#define TEMPLATE_ENTRIES 100

static double monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double cputime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double wallclock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
    char *text = drmaa2_lasterror_text();
    fprintf(stderr, "drmaa2_bench: %s failed: %s\n", what, text != NULL ? text : "(no text)");
    drmaa2_string_free(&text);
    exit(1);
}

static long number(const char *text, const char *what)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 1) {
        fprintf(stderr, "drmaa2_bench: %s must be a positive integer, not '%s'\n", what, text);
        exit(2);
    }
    return value;
}

static drmaa2_jsession open_session(const char *name)
{
    drmaa2_jsession js = drmaa2_open_jsession(name);
    if (js == NULL)
        fail("drmaa2_open_jsession");
    return js;
}

static void close_session(drmaa2_jsession js)
{
    if (drmaa2_close_jsession(js) != DRMAA2_SUCCESS)
        fail("drmaa2_close_jsession");
    drmaa2_jsession_free(&js);
}

static void report(double seconds, int last)
{
    printf("%.9f%s", seconds, last ? "\n" : " ");
}

/* A repetition of the CPU-bound modes: its wall-clock and CPU seconds. */
static double started_wall, started_cpu;

static void start_timing(void)
{
    started_wall = monotonic();
    started_cpu = cputime();
}

static void report_timing(int last)
{
    double cpu = cputime() - started_cpu, wall = monotonic() - started_wall;
    printf("%.9f,%.9f%s", wall, cpu, last ? "\n" : " ");
}

/* Item 1: one call and the free of its sub-state, CALLS times. */
static void bench_state(const char *session, long calls, long reps)
{
    drmaa2_jsession js = open_session(session);
    drmaa2_j_list jobs = drmaa2_jsession_get_jobs(js, NULL);
    drmaa2_j job;
    long rep, i;

    if (jobs == NULL || drmaa2_list_size(jobs) < 1)
        fail("drmaa2_jsession_get_jobs (a job to ask)");
    job = (drmaa2_j) drmaa2_list_get(jobs, 0);
    for (rep = 0; rep < reps; rep++) {
        start_timing();
        for (i = 0; i < calls; i++) {
            drmaa2_string substate = NULL;
            if (drmaa2_j_get_state(job, &substate) == DRMAA2_UNSET_JSTATE)
                fail("drmaa2_j_get_state");
            drmaa2_string_free(&substate);
        }
        report_timing(rep == reps - 1);
    }
    drmaa2_list_free(&jobs);
    close_session(js);
}

/* Item 2: the whole job list of a session, each element visited, the list freed. */
static void bench_jobs(const char *session, long reps)
{
    drmaa2_jsession js = open_session(session);
    long rep, i, size, seen = 0;

    for (rep = 0; rep < reps; rep++) {
        start_timing();
        drmaa2_j_list jobs = drmaa2_jsession_get_jobs(js, NULL);
        if (jobs == NULL)
            fail("drmaa2_jsession_get_jobs");
        size = drmaa2_list_size(jobs);
        for (i = 0; i < size; i++)
            if (drmaa2_list_get(jobs, i) != NULL)
                seen++;
        drmaa2_list_free(&jobs);
        report_timing(rep == reps - 1);
    }
    if (seen == 0)
        fail("drmaa2_jsession_get_jobs (no jobs)");
    close_session(js);
}

static long visit_string(const char *text)
{
    return text != NULL ? (long) strlen(text) : 0;
}

/* Item 2: the job info of COUNT jobs, every field read, each info freed. */
static void bench_infos(const char *session, long count, long reps)
{
    drmaa2_jsession js = open_session(session);
    drmaa2_j_list jobs = drmaa2_jsession_get_jobs(js, NULL);
    long rep, i, checksum = 0;

    if (jobs == NULL || drmaa2_list_size(jobs) < count)
        fail("drmaa2_jsession_get_jobs (enough jobs)");
    for (rep = 0; rep < reps; rep++) {
        start_timing();
        for (i = 0; i < count; i++) {
            drmaa2_jinfo ji = drmaa2_j_get_info((drmaa2_j) drmaa2_list_get(jobs, i));
            long m, machines;
            if (ji == NULL)
                fail("drmaa2_j_get_info");
            checksum += visit_string(ji->jobId) + visit_string(ji->jobName) + ji->exitStatus +
                        visit_string(ji->terminatingSignal) + visit_string(ji->annotation) +
                        ji->jobState + visit_string(ji->jobSubState) +
                        visit_string(ji->submissionMachine) + visit_string(ji->jobOwner) +
                        (long) ji->slots + visit_string(ji->queueName) +
                        (long) ji->wallclockTime + (long) ji->cpuTime +
                        (long) ji->submissionTime + (long) ji->dispatchTime +
                        (long) ji->finishTime;
            machines = ji->allocatedMachines != NULL ? drmaa2_list_size(ji->allocatedMachines) : 0;
            for (m = 0; m < machines; m++)
                checksum += visit_string(drmaa2_list_get(ji->allocatedMachines, m));
            drmaa2_jinfo_free(&ji);
        }
        report_timing(rep == reps - 1);
    }
    if (checksum == 0)
        fail("drmaa2_j_get_info (empty infos)");
    drmaa2_list_free(&jobs);
    close_session(js);
}

static void free_entry(char **key, char **value)
{
    free(*key);
    *key = NULL;
    free(*value);
    *value = NULL;
}

/* The template of item 3: /bin/true with 100 args and 100 environment entries, held. */
static drmaa2_jtemplate big_template(void)
{
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    char text[64];
    int i;

    if (jt == NULL)
        fail("drmaa2_jtemplate_create");
    jt->remoteCommand = strdup("/bin/true");
    jt->submitAsHold = DRMAA2_TRUE;
    jt->args = drmaa2_list_create(DRMAA2_STRINGLIST, (drmaa2_list_entryfree) drmaa2_string_free);
    jt->jobEnvironment = drmaa2_dict_create(free_entry);
    if (jt->remoteCommand == NULL || jt->args == NULL || jt->jobEnvironment == NULL)
        fail("building the template");
    for (i = 0; i < TEMPLATE_ENTRIES; i++) {
        char key[32];
        snprintf(text, sizeof text, "argument-%03d", i);
        if (drmaa2_list_add(jt->args, strdup(text)) != DRMAA2_SUCCESS)
            fail("drmaa2_list_add");
        snprintf(key, sizeof key, "BENCH_VAR_%03d", i);
        snprintf(text, sizeof text, "value-%03d", i);
        if (drmaa2_dict_set(jt->jobEnvironment, strdup(key), strdup(text)) != DRMAA2_SUCCESS)
            fail("drmaa2_dict_set");
    }
    return jt;
}

/* Item 3: COUNT submissions of the big template, each job handle freed. */
static void bench_runjob(const char *session, long count, long reps)
{
    drmaa2_jsession js = open_session(session);
    drmaa2_jtemplate jt = big_template();
    long rep, i;

    for (rep = 0; rep < reps; rep++) {
        start_timing();
        for (i = 0; i < count; i++) {
            drmaa2_j job = drmaa2_jsession_run_job(js, jt);
            if (job == NULL)
                fail("drmaa2_jsession_run_job");
            drmaa2_j_free(&job);
        }
        report_timing(rep == reps - 1);
    }
    drmaa2_jtemplate_free(&jt);
    close_session(js);
}

/* Item 4: COUNT /bin/true jobs as one job array, each job waited for. */
static void bench_bulk(const char *session, long count)
{
    drmaa2_jsession js = open_session(session);
    drmaa2_jtemplate jt = drmaa2_jtemplate_create();
    drmaa2_jarray array;
    drmaa2_j_list jobs;
    double start;
    long i, size;

    if (jt == NULL)
        fail("drmaa2_jtemplate_create");
    jt->remoteCommand = strdup("/bin/true");
    start = monotonic();
    array = drmaa2_jsession_run_bulk_jobs(js, jt, 1, count, 1, DRMAA2_UNSET_NUM);
    if (array == NULL)
        fail("drmaa2_jsession_run_bulk_jobs");
    jobs = drmaa2_jarray_get_jobs(array);
    size = drmaa2_list_size(jobs);
    if (size != count)
        fail("drmaa2_jarray_get_jobs (every job)");
    for (i = 0; i < size; i++)
        if (drmaa2_j_wait_terminated((drmaa2_j) drmaa2_list_get(jobs, i), 300) != DRMAA2_SUCCESS)
            fail("drmaa2_j_wait_terminated");
    report(monotonic() - start, 1);
    drmaa2_list_free(&jobs);
    drmaa2_jarray_free(&array);
    drmaa2_jtemplate_free(&jt);
    close_session(js);
}

static double read_stamp(const char *path)
{
    FILE *file = fopen(path, "r");
    double stamp = -1;
    if (file == NULL || fscanf(file, "%lf", &stamp) != 1) {
        fprintf(stderr, "drmaa2_bench: no exit stamp in %s\n", path);
        exit(1);
    }
    fclose(file);
    return stamp;
}

/* Item 5: COUNT jobs of bench_exit_stamp, each waited for with an infinite timeout;
 * prints the time from each job's exit (its stamp) to the return of the wait. */
static void bench_wait(const char *session, long count, const char *stamp_program)
{
    drmaa2_jsession js = open_session(session);
    char directory[] = "/tmp/drmaa2-bench-XXXXXX", path[64];
    long i;

    if (mkdtemp(directory) == NULL) {
        perror("drmaa2_bench: mkdtemp");
        exit(1);
    }
    snprintf(path, sizeof path, "%s/stamp", directory);
    for (i = 0; i < count; i++) {
        drmaa2_jtemplate jt = drmaa2_jtemplate_create();
        drmaa2_j job;
        double returned;
        if (jt == NULL)
            fail("drmaa2_jtemplate_create");
        jt->remoteCommand = strdup(stamp_program);
        jt->outputPath = strdup(path);
        jt->args = drmaa2_list_create(DRMAA2_STRINGLIST,
                                      (drmaa2_list_entryfree) drmaa2_string_free);
        drmaa2_list_add(jt->args, strdup("0.05"));
        job = drmaa2_jsession_run_job(js, jt);
        if (job == NULL)
            fail("drmaa2_jsession_run_job");
        if (drmaa2_j_wait_terminated(job, DRMAA2_INFINITE_TIME) != DRMAA2_SUCCESS)
            fail("drmaa2_j_wait_terminated");
        returned = wallclock();
        report(returned - read_stamp(path), i == count - 1);
        unlink(path);
        drmaa2_j_free(&job);
        drmaa2_jtemplate_free(&jt);
    }
    rmdir(directory);
    close_session(js);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";

    if (strcmp(mode, "state") == 0 && argc == 5)
        bench_state(argv[2], number(argv[3], "CALLS"), number(argv[4], "REPS"));
    else if (strcmp(mode, "jobs") == 0 && argc == 4)
        bench_jobs(argv[2], number(argv[3], "REPS"));
    else if (strcmp(mode, "infos") == 0 && argc == 5)
        bench_infos(argv[2], number(argv[3], "COUNT"), number(argv[4], "REPS"));
    else if (strcmp(mode, "runjob") == 0 && argc == 5)
        bench_runjob(argv[2], number(argv[3], "COUNT"), number(argv[4], "REPS"));
    else if (strcmp(mode, "bulk") == 0 && argc == 4)
        bench_bulk(argv[2], number(argv[3], "COUNT"));
    else if (strcmp(mode, "wait") == 0 && argc == 5)
        bench_wait(argv[2], number(argv[3], "COUNT"), argv[4]);
    else {
        fprintf(stderr, "usage: drmaa2_bench state SESSION CALLS REPS | jobs SESSION REPS | "
                        "infos SESSION COUNT REPS | runjob SESSION COUNT REPS | "
                        "bulk SESSION COUNT | wait SESSION COUNT STAMP_PROGRAM\n");
        return 2;
    }
    return 0;
}
