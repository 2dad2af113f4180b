/* Job records in the store: checking a template, inserting jobs, reading
 * their state and info, matching filters, and the control operations. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"

static const char *const kept_env[] = {
    "HOME", "USER", "LOGNAME", "SHELL", "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE",
    "LC_MESSAGES", "TZ", "TMPDIR", "TERM", "LD_LIBRARY_PATH", "PYTHONPATH", "VIRTUAL_ENV",
};

static const char *const limit_names[] = {
    "CORE_FILE_SIZE", "CPU_TIME", "DATA_SIZE", "FILE_SIZE", "OPEN_FILES", "STACK_SIZE",
    "VIRTUAL_MEMORY", "WALLCLOCK_TIME",
};

drmaa2_j job_handle_new(stub_store *s, long long id, const char *session)
{
    drmaa2_j j = calloc(1, sizeof *j);
    if (j == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory for a job handle");
        return NULL;
    }
    j->id = id;
    j->session = stub_strdup(session);
    if (session != NULL && j->session == NULL) {
        free(j);
        return NULL;
    }
    j->store = s;
    store_retain(s);
    return j;
}

/* "NAME=value" is all a job gets: a name with '=' (or none) would be another variable. */
static int check_env_name(const char *key, const char *value, void *arg)
{
    (void) value;
    (void) arg;
    if (key[0] != '\0' && strchr(key, '=') == NULL)
        return 0;
    stub_error(DRMAA2_INVALID_ARGUMENT,
               "jobEnvironment: '%s' is no environment variable name (it must not be empty "
               "or contain '=')", key);
    return 1;
}

static int check_limit(const char *key, const char *value, void *arg)
{
    size_t i;
    char *end;
    long long v;
    (void) arg;
    for (i = 0; i < sizeof limit_names / sizeof limit_names[0]; i++)
        if (strcmp(key, limit_names[i]) == 0)
            break;
    if (i == sizeof limit_names / sizeof limit_names[0]) {
        stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                   "resourceLimits: unknown limit '%s' (known: CORE_FILE_SIZE, CPU_TIME, "
                   "DATA_SIZE, FILE_SIZE, OPEN_FILES, STACK_SIZE, VIRTUAL_MEMORY, "
                   "WALLCLOCK_TIME)", key);
        return 1;
    }
    errno = 0;
    v = value != NULL ? strtoll(value, &end, 10) : -1;
    if (value == NULL || value[0] == '\0' || *end != '\0' || errno != 0 || v < 0 ||
        v > LLONG_MAX / 1024) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "resourceLimits: %s must be a non-negative integer (KiB for sizes, "
                   "seconds for times), got '%s'", key, value != NULL ? value : "(null)");
        return 1;
    }
    return 0;
}

static int count_entries(const char *k, const char *v, void *arg)
{
    (void) k;
    (void) v;
    ++*(long *) arg;
    return 0;
}

static long dict_entries(const drmaa2_dict d)
{
    long n = 0;
    if (d != NULL)
        stub_dict_foreach(d, count_entries, &n);
    return n;
}

drmaa2_error jobs_check_template(stub_store *s, const drmaa2_jtemplate jt)
{
    long total = stub_slots_total();
    if (total < 0 || sched_kill_grace_ms() < 0)
        return drmaa2_lasterror();
    if (jt == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "the job template is NULL");
    if (jt->remoteCommand == NULL || jt->remoteCommand[0] == '\0')
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "the job template has no remoteCommand (the program to run)");
    if ((jt->email != NULL && drmaa2_list_size(jt->email) > 0) ||
        jt->emailOnStarted == DRMAA2_TRUE || jt->emailOnTerminated == DRMAA2_TRUE)
        return stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                          "email, emailOnStarted and emailOnTerminated are not supported by "
                          "this DRM (capability JT_EMAIL)");
    if (dict_entries(jt->stageInFiles) > 0 || dict_entries(jt->stageOutFiles) > 0)
        return stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                          "stageInFiles and stageOutFiles are not supported by this DRM "
                          "(capability JT_STAGING)");
    if (jt->deadlineTime != DRMAA2_UNSET_TIME)
        return stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                          "deadlineTime is not supported by this DRM (capability JT_DEADLINE)");
    if (jt->maxSlots != DRMAA2_UNSET_NUM)
        return stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                          "maxSlots is not supported by this DRM (capability JT_MAXSLOTS)");
    if (jt->accountingId != NULL)
        return stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                          "accountingId is not supported by this DRM (capability "
                          "JT_ACCOUNTINGID)");
    if (jt->jobCategory != NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "jobCategory '%s' is unknown: this DRM has no job categories",
                          jt->jobCategory);
    if (jt->queueName != NULL && strcmp(jt->queueName, "local") != 0)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "queueName '%s' is unknown: the only queue is 'local'", jt->queueName);
    if (jt->minSlots != DRMAA2_UNSET_NUM && jt->minSlots < 1)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "minSlots must be at least 1 (or unset), got %lld", jt->minSlots);
    if (jt->minSlots > total)
        return stub_error(DRMAA2_DENIED_BY_DRMS,
                          "the job asks for %lld slots but this machine has %ld "
                          "(DRMAA2_STUB_SLOTS)", jt->minSlots, total);
    if (jt->startTime != DRMAA2_UNSET_TIME && jt->startTime != DRMAA2_NOW && jt->startTime < 0)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "startTime must be an absolute time, DRMAA2_NOW or unset, got %ld",
                          (long) jt->startTime);
    if (jt->candidateMachines != NULL && drmaa2_list_size(jt->candidateMachines) > 0) {
        long i, n = drmaa2_list_size(jt->candidateMachines);
        for (i = 0; i < n; i++) {
            const char *m = drmaa2_list_get(jt->candidateMachines, i);
            if (m != NULL && strcmp(m, stub_hostname()) == 0)
                break;
        }
        if (i == n)
            return stub_error(DRMAA2_DENIED_BY_DRMS,
                              "candidateMachines does not include this DRM's only machine '%s'",
                              stub_hostname());
    }
    if (jt->machineOS != DRMAA2_UNSET_OS || jt->machineArch != DRMAA2_UNSET_CPU ||
        jt->minPhysMemory != DRMAA2_UNSET_NUM) {
        drmaa2_machineinfo mi = stub_local_machineinfo();
        drmaa2_error e = DRMAA2_SUCCESS;
        if (mi == NULL)
            return drmaa2_lasterror();
        if (jt->machineOS != DRMAA2_UNSET_OS && jt->machineOS != mi->machineOS)
            e = stub_error(DRMAA2_DENIED_BY_DRMS,
                           "machineOS %d is not this machine's operating system (%d)",
                           (int) jt->machineOS, (int) mi->machineOS);
        else if (jt->machineArch != DRMAA2_UNSET_CPU && jt->machineArch != mi->machineArch)
            e = stub_error(DRMAA2_DENIED_BY_DRMS,
                           "machineArch %d is not this machine's architecture (%d)",
                           (int) jt->machineArch, (int) mi->machineArch);
        else if (jt->minPhysMemory != DRMAA2_UNSET_NUM && jt->minPhysMemory > mi->physMemory)
            e = stub_error(DRMAA2_DENIED_BY_DRMS,
                           "minPhysMemory %lld KiB is more than this machine has (%lld KiB)",
                           jt->minPhysMemory, mi->physMemory);
        drmaa2_machineinfo_free(&mi);
        if (e != DRMAA2_SUCCESS)
            return e;
    }
    if (jt->jobEnvironment != NULL &&
        stub_dict_foreach(jt->jobEnvironment, check_env_name, NULL))
        return drmaa2_lasterror();
    if (jt->resourceLimits != NULL && stub_dict_foreach(jt->resourceLimits, check_limit, NULL))
        return drmaa2_lasterror();
    if (jt->reservationId != NULL)
        return reservations_check_usable(s, jt->reservationId);
    return DRMAA2_SUCCESS;
}

/* The parts of the submitter's environment a job gets, as "NAME=value". */
static drmaa2_error encode_env(stub_buf *out)
{
    drmaa2_string_list l = stub_list_new(DRMAA2_STRINGLIST);
    drmaa2_error e = DRMAA2_SUCCESS;
    size_t i;
    if (l == NULL)
        return drmaa2_lasterror();
    for (i = 0; i < sizeof kept_env / sizeof kept_env[0] && e == DRMAA2_SUCCESS; i++) {
        const char *v = getenv(kept_env[i]);
        char *entry;
        if (v == NULL)
            continue;
        entry = stub_strprintf("%s=%s", kept_env[i], v);
        if (entry == NULL)
            e = DRMAA2_OUT_OF_RESOURCE;
        else if ((e = stub_list_append(l, entry)) != DRMAA2_SUCCESS)
            free(entry);
    }
    if (e == DRMAA2_SUCCESS)
        e = codec_encode_strings(l, out);
    drmaa2_list_free(&l);
    return e;
}

drmaa2_error jobs_add_event(stub_store *s, long long id, int state)
{
    return store_exec(s, "INSERT INTO events (job_id, session, state) "
                      "SELECT id, session, ?2 FROM jobs WHERE id = ?1",
                      "ii", id, (long long) state);
}

drmaa2_error jobs_insert(stub_store *s, const char *session, const drmaa2_jtemplate jt,
                         const char *encoded, size_t encoded_len, long long array_id,
                         long long begin, long long end, long long step, long long *first_id)
{
    stub_buf env = {NULL, 0, 0, 0};
    char cwd[PATH_MAX];
    char *owner = NULL;
    const char *name = jt->jobName;
    long long reservation = -1, index, id;
    int state = jt->submitAsHold == DRMAA2_TRUE ? DRMAA2_QUEUED_HELD : DRMAA2_QUEUED;
    int in_array = array_id >= 0;
    drmaa2_error e = DRMAA2_SUCCESS;
    sqlite3_stmt *ins = NULL, *ev = NULL;
    double now = stub_now();

    if (name == NULL) {
        name = strrchr(jt->remoteCommand, '/');
        name = name != NULL ? name + 1 : jt->remoteCommand;
    }
    if (jt->reservationId != NULL)
        reservation = strtoll(jt->reservationId, NULL, 10);
    if (getcwd(cwd, sizeof cwd) == NULL)
        strcpy(cwd, "/");
    if ((e = encode_env(&env)) != DRMAA2_SUCCESS)
        return e;
    owner = stub_username();
    if (owner == NULL) {
        buf_free(&env);
        return drmaa2_lasterror();
    }
    e = store_exec(s, "INSERT OR REPLACE INTO config (key, value) VALUES ('slots', ?1)", "i",
                   (long long) stub_slots_total());
    /* the tasks of an array share the array's template and environment */
    if (e == DRMAA2_SUCCESS && in_array)
        e = store_exec(s, "UPDATE arrays SET env = ?1 WHERE id = ?2", "bi", env.data,
                       (int) env.len, array_id);
    if (e == DRMAA2_SUCCESS)
        ins = store_stmt(s,
                         "INSERT INTO jobs (session, owner, owner_name, array_id, task_index, jt, "
                         "name, state, phase, priority, slots, reservation, not_before, cwd, env, "
                         "submission_machine, submitted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                         "0, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                         "titiibtiiiidtbtd", session, (long long) getuid(), owner,
                         array_id, 0LL, in_array ? NULL : encoded, (int) encoded_len, name,
                         (long long) state, jt->priority == DRMAA2_STUB_UNSET_PRIORITY ? 0LL : jt->priority,
                         jt->minSlots == DRMAA2_UNSET_NUM ? 1LL : jt->minSlots, reservation,
                         (jt->startTime == DRMAA2_UNSET_TIME || jt->startTime == DRMAA2_NOW)
                             ? 0.0 : (double) jt->startTime,
                         cwd, in_array ? NULL : env.data, (int) env.len, stub_hostname(), now);
    if (ins != NULL)
        ev = store_stmt(s, "INSERT INTO events (job_id, session, state) VALUES (?1, ?2, ?3)",
                        "iti", 0LL, session, (long long) state);
    free(owner);
    buf_free(&env);
    if (ins == NULL || ev == NULL) {
        sqlite3_finalize(ins);
        return drmaa2_lasterror();
    }
    if (!in_array)
        sqlite3_bind_null(ins, 4);
    if (reservation < 0)
        sqlite3_bind_null(ins, 11);
    for (index = begin; e == DRMAA2_SUCCESS; index += step) {
        sqlite3_bind_int64(ins, 5, index);
        if (store_step(s, ins) != SQLITE_DONE) {
            e = drmaa2_lasterror();
            break;
        }
        sqlite3_reset(ins);
        id = sqlite3_last_insert_rowid(s->db);
        if (index == begin)
            *first_id = id;
        sqlite3_bind_int64(ev, 1, id);
        if (store_step(s, ev) != SQLITE_DONE) {
            e = drmaa2_lasterror();
            break;
        }
        sqlite3_reset(ev);
        if (end - index < step)
            break;
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(ev);
    return e;
}

drmaa2_error jobs_set_state(stub_store *s, long long id, int state, int phase,
                            const char *annotation)
{
    drmaa2_error e = store_exec(s, "UPDATE jobs SET state = ?1, phase = ?2, annotation = "
                                "COALESCE(?3, annotation), substate = NULL, finished = "
                                "CASE WHEN ?2 = " PHASE_SQL(PHASE_ENDED) " THEN ?4 ELSE finished END "
                                "WHERE id = ?5",
                                "iitdi", (long long) state, (long long) phase, annotation,
                                stub_now(), id);
    if (e == DRMAA2_SUCCESS)
        e = jobs_add_event(s, id, state);
    return e;
}

int jobs_read_state(stub_store *s, long long id, int *phase, char **substate)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT state, phase, substate FROM jobs WHERE id = ?1",
                                  "i", id);
    int state = DRMAA2_UNSET_JSTATE;
    if (st == NULL)
        return state;
    switch (store_step(s, st)) {
    case SQLITE_ROW:
        state = sqlite3_column_int(st, 0);
        if (phase != NULL)
            *phase = sqlite3_column_int(st, 1);
        if (substate != NULL)
            *substate = store_column_text(st, 2);
        break;
    case SQLITE_DONE:
        stub_error(DRMAA2_INVALID_ARGUMENT, "job %lld does not exist (reaped, or its session "
                   "was destroyed)", id);
        break;
    default:
        break;
    }
    sqlite3_finalize(st);
    return state;
}

int jobs_state(stub_store *s, long long id, char **substate)
{
    int state, phase = -1, again;
    for (again = 0; again < 2; again++) {
        if (substate != NULL && *substate != NULL)
            drmaa2_string_free(substate);
        if (store_begin_read(s) != DRMAA2_SUCCESS)
            return DRMAA2_UNSET_JSTATE;
        state = jobs_read_state(s, id, &phase, substate);
        store_rollback(s);
        if (state == DRMAA2_UNSET_JSTATE || phase != PHASE_ACTIVE || !sched_check_alive(s, id))
            return state;
    }
    return state;
}

static const char *const signal_names[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

static char *signal_text(int sig)
{
    if (sig > 0 && sig < (int) (sizeof signal_names / sizeof signal_names[0]))
        return stub_strdup(signal_names[sig]);
    return stub_strprintf("SIGRT%d", sig - SIGRTMIN);
}

/* The CPU time (s) and peak resident memory (KiB) so far of a running job's
 * main process and its waited-for children, from /proc; -1 when unknown. */
static void running_usage(pid_t pid, long long *cpu_s, long long *rss_kib)
{
    char path[64], buf[2048], *p;
    long ticks = sysconf(_SC_CLK_TCK);
    FILE *f;

    snprintf(path, sizeof path, "/proc/%ld/stat", (long) pid);
    if ((f = fopen(path, "r")) != NULL) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        p = strrchr(buf, ')');   /* the command name may hold spaces */
        if (p != NULL && ticks > 0) {
            unsigned long long utime, stime;
            long long cutime, cstime;
            /* after ")": state ppid pgrp session tty tpgid flags minflt cminflt
             * majflt cmajflt utime stime cutime cstime */
            if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld",
                       &utime, &stime, &cutime, &cstime) == 4)
                *cpu_s = (long long) ((utime + stime + (unsigned long long) cutime +
                                       (unsigned long long) cstime) / (unsigned long long) ticks);
        }
    }
    snprintf(path, sizeof path, "/proc/%ld/status", (long) pid);
    if ((f = fopen(path, "r")) != NULL) {
        while (fgets(buf, sizeof buf, f) != NULL)
            if (sscanf(buf, "VmHWM: %lld kB", rss_kib) == 1)
                break;
        fclose(f);
    }
}

drmaa2_jinfo jobs_info(stub_store *s, long long id)
{
    sqlite3_stmt *st;
    drmaa2_jinfo ji = NULL;
    int rc, phase = -1;

    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(s, "SELECT phase FROM jobs WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW)
        phase = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    store_rollback(s);
    if (phase == PHASE_ACTIVE)
        sched_check_alive(s, id);

    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return NULL;
    st = store_stmt(s, "SELECT name, exit_status, term_signal, annotation, state, substate, "
                    "allocated_machine, submission_machine, owner_name, slots, submitted, "
                    "dispatched, finished, cpu_ms, max_rss_kib, pgid, state FROM jobs WHERE id = ?1",
                    "i", id);
    if (st == NULL) {
        store_rollback(s);
        return NULL;
    }
    rc = store_step(s, st);
    if (rc == SQLITE_DONE)
        stub_error(DRMAA2_INVALID_ARGUMENT, "job %lld does not exist (reaped, or its session "
                   "was destroyed)", id);
    if (rc == SQLITE_ROW && (ji = stub_jinfo_new()) != NULL) {
        int failed = 0;
        double now = stub_now();
        ji->jobId = stub_strprintf("%lld", id);
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
        ji->jobName = store_column_text(st, 0);
#endif
        ji->exitStatus = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 1);
        if (sqlite3_column_int(st, 2) > 0)
            ji->terminatingSignal = signal_text(sqlite3_column_int(st, 2));
        ji->annotation = store_column_text(st, 3);
        ji->jobState = (drmaa2_jstate) sqlite3_column_int(st, 4);
        ji->jobSubState = store_column_text(st, 5);
        if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
            char *m = store_column_text(st, 6);
            ji->allocatedMachines = stub_list_new(DRMAA2_STRINGLIST);
            if (m == NULL || ji->allocatedMachines == NULL ||
                stub_list_append(ji->allocatedMachines, m) != DRMAA2_SUCCESS) {
                free(m);
                failed = 1;
            }
        }
        ji->submissionMachine = store_column_text(st, 7);
        ji->jobOwner = store_column_text(st, 8);
        ji->slots = sqlite3_column_int64(st, 9);
        ji->queueName = stub_strdup("local");
        ji->submissionTime = (time_t) sqlite3_column_double(st, 10);
        if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
            double dispatched = sqlite3_column_double(st, 11);
            double end = sqlite3_column_type(st, 12) != SQLITE_NULL
                             ? sqlite3_column_double(st, 12) : now;
            ji->dispatchTime = (time_t) dispatched;
            ji->wallclockTime = (time_t) (end - dispatched + 0.5);
        }
        if (sqlite3_column_type(st, 12) != SQLITE_NULL)
            ji->finishTime = (time_t) sqlite3_column_double(st, 12);
        if (sqlite3_column_type(st, 13) != SQLITE_NULL)
            ji->cpuTime = (sqlite3_column_int64(st, 13) + 500) / 1000;
        if (sqlite3_column_type(st, 14) != SQLITE_NULL) {
            char text[32];
            snprintf(text, sizeof text, "%lld", sqlite3_column_int64(st, 14));
            if (stub_impl_set(ji, "stub_max_rss_kib", text) != DRMAA2_SUCCESS)
                failed = 1;
        } else if ((ji->jobState == DRMAA2_RUNNING || ji->jobState == DRMAA2_SUSPENDED) &&
                   sqlite3_column_int64(st, 15) > 1) {
            long long cpu_s = -1, rss_kib = -1;
            running_usage((pid_t) sqlite3_column_int64(st, 15), &cpu_s, &rss_kib);
            if (cpu_s >= 0)
                ji->cpuTime = cpu_s;
            if (rss_kib >= 0) {
                char text[32];
                snprintf(text, sizeof text, "%lld", rss_kib);
                if (stub_impl_set(ji, "stub_max_rss_kib", text) != DRMAA2_SUCCESS)
                    failed = 1;
            }
        }
        if (failed || ji->jobId == NULL || ji->queueName == NULL) {
            drmaa2_jinfo_free(&ji);
            stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory building the info of job %lld", id);
        }
    }
    sqlite3_finalize(st);
    store_rollback(s);
    return ji;
}

static int str_differs(const char *filter, const char *value)
{
    return filter != NULL && (value == NULL || strcmp(filter, value) != 0);
}

int jobs_info_matches(const drmaa2_jinfo ji, const drmaa2_jinfo f)
{
    if (f == NULL)
        return 1;
    if (str_differs(f->jobId, ji->jobId) ||
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
        str_differs(f->jobName, ji->jobName) ||
#endif
        str_differs(f->terminatingSignal, ji->terminatingSignal) ||
        str_differs(f->annotation, ji->annotation) ||
        str_differs(f->jobSubState, ji->jobSubState) ||
        str_differs(f->submissionMachine, ji->submissionMachine) ||
        str_differs(f->jobOwner, ji->jobOwner) || str_differs(f->queueName, ji->queueName))
        return 0;
    if (f->exitStatus != DRMAA2_UNSET_NUM && f->exitStatus != ji->exitStatus)
        return 0;
    if (f->jobState != DRMAA2_UNSET_JSTATE && f->jobState != ji->jobState)
        return 0;
    if (f->slots != DRMAA2_UNSET_NUM && f->slots != ji->slots)
        return 0;
    if (f->wallclockTime != DRMAA2_UNSET_TIME &&
        (ji->wallclockTime == DRMAA2_UNSET_TIME || ji->wallclockTime < f->wallclockTime))
        return 0;
    if (f->cpuTime != DRMAA2_UNSET_NUM &&
        (ji->cpuTime == DRMAA2_UNSET_NUM || ji->cpuTime < f->cpuTime))
        return 0;
    if (f->submissionTime != DRMAA2_UNSET_TIME &&
        (ji->submissionTime == DRMAA2_UNSET_TIME || ji->submissionTime < f->submissionTime))
        return 0;
    if (f->dispatchTime != DRMAA2_UNSET_TIME &&
        (ji->dispatchTime == DRMAA2_UNSET_TIME || ji->dispatchTime < f->dispatchTime))
        return 0;
    if (f->finishTime != DRMAA2_UNSET_TIME &&
        (ji->finishTime == DRMAA2_UNSET_TIME || ji->finishTime < f->finishTime))
        return 0;
    if (f->allocatedMachines != NULL) {
        long i, k, n = drmaa2_list_size(f->allocatedMachines);
        long have = ji->allocatedMachines != NULL ? drmaa2_list_size(ji->allocatedMachines) : 0;
        for (i = 0; i < n; i++) {
            const char *want = drmaa2_list_get(f->allocatedMachines, i);
            for (k = 0; k < have; k++)
                if (want != NULL && strcmp(want, drmaa2_list_get(ji->allocatedMachines, k)) == 0)
                    break;
            if (k == have)
                return 0;
        }
    }
    return 1;
}

drmaa2_j_list jobs_select(stub_store *s, const char *sql, const char *fmt, long long arg_i,
                          const char *arg_t, const drmaa2_jinfo filter)
{
    long long *ids = NULL;
    char **sessions = NULL;
    size_t n = 0, cap = 0, i;
    sqlite3_stmt *st;
    drmaa2_j_list l = NULL;
    int failed = 0;

    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return NULL;
    if (strcmp(fmt, "i") == 0)
        st = store_stmt(s, sql, fmt, arg_i);
    else if (strcmp(fmt, "ti") == 0)
        st = store_stmt(s, sql, fmt, arg_t, arg_i);
    else
        st = store_stmt(s, sql, fmt);
    while (st != NULL) {
        int rc = store_step(s, st);
        if (rc != SQLITE_ROW) {
            failed = rc < 0;
            break;
        }
        if (n == cap) {
            size_t ncap = cap == 0 ? 64 : cap * 2;
            long long *ni = realloc(ids, ncap * sizeof *ids);
            char **ns;
            if (ni != NULL)
                ids = ni;
            ns = ni != NULL ? realloc(sessions, ncap * sizeof *sessions) : NULL;
            if (ns == NULL) {
                failed = 1;
                stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory listing jobs");
                break;
            }
            sessions = ns;
            cap = ncap;
        }
        ids[n] = sqlite3_column_int64(st, 0);
        sessions[n] = store_column_text(st, 1);
        n++;
    }
    if (st == NULL)
        failed = 1;
    sqlite3_finalize(st);
    store_rollback(s);
    if (!failed && (l = stub_list_new(DRMAA2_JOBLIST)) == NULL)
        failed = 1;
    for (i = 0; i < n && !failed; i++) {
        drmaa2_j j;
        if (filter != NULL) {
            drmaa2_jinfo ji = jobs_info(s, ids[i]);
            int match;
            if (ji == NULL) {
                if (drmaa2_lasterror() == DRMAA2_INVALID_ARGUMENT) {
                    stub_clear_error();
                    continue;   /* reaped meanwhile */
                }
                failed = 1;
                break;
            }
            match = jobs_info_matches(ji, filter);
            drmaa2_jinfo_free(&ji);
            if (!match)
                continue;
        }
        j = job_handle_new(s, ids[i], sessions[i]);
        if (j == NULL || stub_list_append(l, j) != DRMAA2_SUCCESS) {
            drmaa2_j_free(&j);
            failed = 1;
        }
    }
    for (i = 0; i < n; i++)
        free(sessions[i]);
    free(sessions);
    free(ids);
    if (failed)
        drmaa2_list_free(&l);
    return l;
}

const char *jobop_name(enum stub_jobop op)
{
    static const char *const names[] = {"suspend", "resume", "hold", "release", "terminate",
                                        "reap"};
    return names[op];
}

static const char *state_name(int state)
{
    static const char *const names[] = {"UNDETERMINED", "QUEUED", "QUEUED_HELD", "RUNNING",
                                        "SUSPENDED", "REQUEUED", "REQUEUED_HELD", "DONE",
                                        "FAILED"};
    return state >= 0 && state <= 8 ? names[state] : "UNSET";
}

int jobs_control_locked(stub_store *s, long long id, enum stub_jobop op)
{
    sqlite3_stmt *st;
    int state, phase, rc;
    long long sup_pid = 0, pgid = 0, term_requested = 0;
    long grace_ms;
    drmaa2_error e = DRMAA2_SUCCESS;

    st = store_stmt(s, "SELECT state, phase, sup_pid, pgid, term_requested FROM jobs "
                    "WHERE id = ?1", "i", id);
    if (st == NULL)
        return -1;
    rc = store_step(s, st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            stub_error(DRMAA2_INVALID_ARGUMENT, "job %lld does not exist (reaped, or its "
                       "session was destroyed)", id);
        return -1;
    }
    state = sqlite3_column_int(st, 0);
    phase = sqlite3_column_int(st, 1);
    sup_pid = sqlite3_column_int64(st, 2);
    pgid = sqlite3_column_int64(st, 3);
    term_requested = sqlite3_column_int64(st, 4);
    sqlite3_finalize(st);

    switch (op) {
    case JOBOP_SUSPEND:
        if (state != DRMAA2_RUNNING || pgid <= 1)
            break;
        if (killpg((pid_t) pgid, SIGSTOP) != 0 && errno != ESRCH)
            return stub_error(DRMAA2_INTERNAL, "cannot stop job %lld: %s", id, strerror(errno)),
                   -1;
        e = jobs_set_state(s, id, DRMAA2_SUSPENDED, PHASE_ACTIVE, NULL);
        return e == DRMAA2_SUCCESS ? 1 : -1;
    case JOBOP_RESUME:
        if (state != DRMAA2_SUSPENDED || pgid <= 1)
            break;
        if (killpg((pid_t) pgid, SIGCONT) != 0 && errno != ESRCH)
            return stub_error(DRMAA2_INTERNAL, "cannot continue job %lld: %s", id,
                              strerror(errno)), -1;
        e = jobs_set_state(s, id, DRMAA2_RUNNING, PHASE_ACTIVE, NULL);
        return e == DRMAA2_SUCCESS ? 1 : -1;
    case JOBOP_HOLD:
        if (state != DRMAA2_QUEUED || phase != PHASE_PENDING)
            break;
        e = jobs_set_state(s, id, DRMAA2_QUEUED_HELD, PHASE_PENDING, NULL);
        return e == DRMAA2_SUCCESS ? 1 : -1;
    case JOBOP_RELEASE:
        if (state != DRMAA2_QUEUED_HELD)
            break;
        e = jobs_set_state(s, id, DRMAA2_QUEUED, PHASE_PENDING, NULL);
        return e == DRMAA2_SUCCESS ? 1 : -1;
    case JOBOP_TERMINATE:
        if (phase == PHASE_PENDING) {
            e = jobs_set_state(s, id, DRMAA2_FAILED, PHASE_ENDED, "terminated before it started");
            return e == DRMAA2_SUCCESS ? 1 : -1;
        }
        if (phase != PHASE_ACTIVE)
            break;
        if (term_requested)
            return 1;
        if ((grace_ms = sched_kill_grace_ms()) < 0)
            return -1;
        e = store_exec(s, "UPDATE jobs SET term_requested = 1, term_grace_ms = ?1 "
                       "WHERE id = ?2", "ii", (long long) grace_ms, id);
        if (e != DRMAA2_SUCCESS)
            return -1;
        /* Its supervisor is alive while we hold the write lock and the job is
         * active (it records the end before it exits), unless it was killed:
         * then the liveness check fails the job. A stopped supervisor is
         * continued, or the request would wait for whoever stopped it. */
        if (sup_pid > 1 && sched_lock_held(s, id)) {
            kill((pid_t) sup_pid, SIGTERM);
            kill((pid_t) sup_pid, SIGCONT);
        }
        return 1;
    case JOBOP_REAP:
        if (phase != PHASE_ENDED)
            break;
        e = store_exec(s, "DELETE FROM jobs WHERE id = ?1", "i", id);
        if (e == DRMAA2_SUCCESS)
            e = store_exec(s, "DELETE FROM events WHERE job_id = ?1", "i", id);
        return e == DRMAA2_SUCCESS ? 1 : -1;
    }
    stub_error(DRMAA2_INVALID_STATE, "cannot %s job %lld: it is %s%s", jobop_name(op), id,
               state_name(state),
               phase == PHASE_ACTIVE && state == DRMAA2_QUEUED ? " (being started)" : "");
    return 0;
}

drmaa2_error jobs_control(stub_store *s, long long id, enum stub_jobop op)
{
    int rc;
    drmaa2_error e;

    if (op != JOBOP_REAP && op != JOBOP_HOLD && op != JOBOP_RELEASE)
        sched_check_alive(s, id);
    if ((e = store_begin(s)) != DRMAA2_SUCCESS)
        return e;
    rc = jobs_control_locked(s, id, op);
    if (rc != 1) {
        e = drmaa2_lasterror();
        store_rollback(s);
        return e;
    }
    if ((e = store_commit(s)) != DRMAA2_SUCCESS)
        return e;
    store_notify(s);
    if (op == JOBOP_REAP) {
        char *path = store_lock_path(s, id);
        if (path != NULL)
            unlink(path);
        free(path);
    }
    if (op == JOBOP_RELEASE || op == JOBOP_TERMINATE)
        sched_dispatch(s);
    stub_clear_error();
    return DRMAA2_SUCCESS;
}
