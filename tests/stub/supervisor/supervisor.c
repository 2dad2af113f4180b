/*
 * drmaa2-stub-supervisor STATE_DIR JOB_ID: supervises one job of the stub
 * DRM. Started by whoever dispatched the job, with the job's locked lock
 * file as fd 3 (held until the job's end is recorded). It detaches, starts
 * the command with execvp (never a shell) in its own process group with the
 * template's working directory, environment, files, nice value and resource
 * limits, records RUNNING, then DONE or FAILED with exit status, signal,
 * times and resource usage, and starts the next queued jobs.
 *
 * drmaa2-stub-supervisor --at STATE_DIR TIME: a timer: sleeps until TIME
 * (seconds since the epoch), then starts the queued jobs that waited for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jobs.h"

extern char **environ;

/* How often, and how far apart, a supervisor tries to record its job's end. */
#define RECORD_TRIES 10
#define RECORD_PAUSE_MS 200

typedef struct job_spec {
    long long id;
    char *session;
    drmaa2_jtemplate jt;
    long long task_index;   /* 0 for a single job */
    char *cwd;              /* the submitter's working directory */
    drmaa2_string_list env; /* "NAME=value" from the submitter */
    char *home;
    char *workdir;          /* resolved */
    char *input, *output, *error;
    char **argv, **envp;
    long long wallclock_limit;   /* seconds, or -1 */
} job_spec;

static const char *const signal_names[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

static const char *signal_name(int sig)
{
    if (sig > 0 && sig < (int) (sizeof signal_names / sizeof signal_names[0]))
        return signal_names[sig];
    return "a real-time signal";
}

/* Replaces every occurrence of the placeholders in text; malloc'd. */
static char *substitute(const char *text, const job_spec *js, int with_workdir)
{
    stub_buf b = {NULL, 0, 0, 0};
    char index[32];
    const char *p = text;
    size_t cap = strlen(text) + 1;

    snprintf(index, sizeof index, "%lld", js->task_index);
    b.data = malloc(cap);
    if (b.data == NULL)
        return NULL;
    b.cap = cap;
    while (*p != '\0') {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(p, DRMAA2_INDEX, strlen(DRMAA2_INDEX)) == 0) {
            rep = index;
            skip = strlen(DRMAA2_INDEX);
        } else if (strncmp(p, DRMAA2_HOME_DIR, strlen(DRMAA2_HOME_DIR)) == 0) {
            rep = js->home;
            skip = strlen(DRMAA2_HOME_DIR);
        } else if (with_workdir && strncmp(p, DRMAA2_WORKING_DIR, strlen(DRMAA2_WORKING_DIR)) == 0) {
            rep = js->workdir;
            skip = strlen(DRMAA2_WORKING_DIR);
        }
        if (rep == NULL) {
            rep = p;
            skip = 1;
        }
        {
            size_t n = rep == p ? 1 : strlen(rep);
            if (b.len + n + 1 > b.cap) {
                char *grown;
                while (b.len + n + 1 > b.cap)
                    b.cap *= 2;
                grown = realloc(b.data, b.cap);
                if (grown == NULL) {
                    free(b.data);
                    return NULL;
                }
                b.data = grown;
            }
            memcpy(b.data + b.len, rep, n);
            b.len += n;
        }
        p += skip;
    }
    b.data[b.len] = '\0';
    return b.data;
}

/* DRMAA 1 style "host:path" (or ":path") for this host is a plain path. */
static void strip_host(char *path)
{
    const char *host = stub_hostname();
    size_t n = strlen(host);
    if (path[0] == ':')
        memmove(path, path + 1, strlen(path));
    else if (strncmp(path, host, n) == 0 && path[n] == ':')
        memmove(path, path + n + 1, strlen(path + n));
}

static int env_has(char **envp, size_t n, const char *name, size_t name_len)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strncmp(envp[i], name, name_len) == 0 && envp[i][name_len] == '=')
            return (int) i + 1;
    return 0;
}

typedef struct env_builder {
    char **envp;
    size_t n;
} env_builder;

static int env_put(const char *key, const char *value, void *arg)
{
    env_builder *eb = arg;
    char *entry = stub_strprintf("%s=%s", key, value);
    int at;
    if (entry == NULL)
        return 1;
    at = env_has(eb->envp, eb->n, key, strlen(key));
    if (at) {
        free(eb->envp[at - 1]);
        eb->envp[at - 1] = entry;
    } else {
        eb->envp[eb->n++] = entry;
    }
    return 0;
}

static long dict_size(drmaa2_dict d)
{
    long n = 0;
    drmaa2_string_list keys;
    if (d == NULL)
        return 0;
    keys = drmaa2_dict_list(d);
    n = drmaa2_list_size(keys);
    drmaa2_list_free(&keys);
    return n < 0 ? 0 : n;
}

/* Everything the job process needs, computed before the fork. 0 or an
 * error text (malloc'd) for the annotation. */
static char *prepare(job_spec *js)
{
    drmaa2_jtemplate jt = js->jt;
    long i, nargs = jt->args != NULL ? drmaa2_list_size(jt->args) : 0;
    long nenv = js->env != NULL ? drmaa2_list_size(js->env) : 0;
    env_builder eb;
    char *wd;

    if (jt->remoteCommand == NULL)
        return stub_strdup("the job template has no remoteCommand");
    for (i = 0; i < nenv; i++) {
        const char *e = drmaa2_list_get(js->env, i);
        if (strncmp(e, "HOME=", 5) == 0)
            js->home = stub_strdup(e + 5);
    }
    if (js->home == NULL) {
        struct passwd *pw = getpwuid(getuid());
        js->home = stub_strdup(pw != NULL ? pw->pw_dir : "/");
    }
    js->workdir = NULL;
    if (jt->workingDirectory != NULL) {
        wd = substitute(jt->workingDirectory, js, 0);
        if (wd == NULL)
            return stub_strdup("out of memory");
        if (wd[0] != '/' && js->cwd != NULL) {
            js->workdir = stub_strprintf("%s/%s", js->cwd, wd);
            free(wd);
        } else {
            js->workdir = wd;
        }
    } else {
        js->workdir = stub_strdup(js->cwd != NULL ? js->cwd : js->home);
    }
    if (js->workdir == NULL)
        return stub_strdup("out of memory");
    if (jt->inputPath != NULL && (js->input = substitute(jt->inputPath, js, 1)) == NULL)
        return stub_strdup("out of memory");
    if (jt->outputPath != NULL && (js->output = substitute(jt->outputPath, js, 1)) == NULL)
        return stub_strdup("out of memory");
    if (jt->errorPath != NULL && (js->error = substitute(jt->errorPath, js, 1)) == NULL)
        return stub_strdup("out of memory");
    if (js->input != NULL)
        strip_host(js->input);
    if (js->output != NULL)
        strip_host(js->output);
    if (js->error != NULL)
        strip_host(js->error);
    js->argv = calloc((size_t) nargs + 2, sizeof *js->argv);
    if (js->argv == NULL)
        return stub_strdup("out of memory");
    js->argv[0] = stub_strdup(jt->remoteCommand);
    for (i = 0; i < nargs; i++)
        js->argv[i + 1] = stub_strdup(drmaa2_list_get(jt->args, i));
    eb.envp = calloc((size_t) (nenv + dict_size(jt->jobEnvironment) + 1), sizeof *eb.envp);
    if (eb.envp == NULL)
        return stub_strdup("out of memory");
    eb.n = 0;
    for (i = 0; i < nenv; i++)
        eb.envp[eb.n++] = stub_strdup(drmaa2_list_get(js->env, i));
    if (jt->jobEnvironment != NULL && stub_dict_foreach(jt->jobEnvironment, env_put, &eb) != 0) {
        js->envp = eb.envp;
        return stub_strdup("out of memory");
    }
    js->envp = eb.envp;
    js->wallclock_limit = -1;
    if (jt->resourceLimits != NULL) {
        const char *w = drmaa2_dict_get(jt->resourceLimits, "WALLCLOCK_TIME");
        if (w != NULL)
            js->wallclock_limit = strtoll(w, NULL, 10);
    }
    return NULL;
}

static void free_strv(char **v)
{
    size_t i;
    if (v == NULL)
        return;
    for (i = 0; v[i] != NULL; i++)
        free(v[i]);
    free(v);
}

static void spec_free(job_spec *js)
{
    free(js->session);
    drmaa2_jtemplate_free(&js->jt);
    free(js->cwd);
    drmaa2_list_free(&js->env);
    free(js->home);
    free(js->workdir);
    free(js->input);
    free(js->output);
    free(js->error);
    free_strv(js->argv);
    free_strv(js->envp);
}

/* In the job process: reports why it could not start, then exits. */
static void child_fail(int fd, const char *fmt, const char *what, int err)
{
    char msg[1024];
    int n = snprintf(msg, sizeof msg, fmt, what, strerror(err));
    if (n > 0 && write(fd, msg, (size_t) n < sizeof msg ? (size_t) n : sizeof msg - 1) < 0) {
        /* the supervisor then only sees the exit status */
    }
    _exit(127);
}

static int open_onto(const char *path, int target, int flags)
{
    int fd = open(path, flags, 0666);
    if (fd < 0)
        return -1;
    if (fd != target) {
        if (dup2(fd, target) < 0) {
            close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
}

/* The file execvp found for command (searching PATH like it does), into
 * out; 0 if there is none. */
static int find_command(const char *command, char *out, size_t cap)
{
    const char *path = getenv("PATH"), *p, *colon;
    if (strchr(command, '/') != NULL) {
        snprintf(out, cap, "%s", command);
        return access(out, F_OK) == 0;
    }
    for (p = path != NULL ? path : "/bin:/usr/bin"; *p != '\0'; p = colon + 1) {
        int n;
        colon = strchr(p, ':');
        if (colon == NULL)
            colon = p + strlen(p);
        n = (int) (colon - p);
        snprintf(out, cap, "%.*s%s%s", n, p, n > 0 ? "/" : "", command);
        if (access(out, X_OK) == 0)
            return 1;
        if (*colon == '\0')
            break;
    }
    return 0;
}

/* In the job process, after execvp failed with ENOENT: when the command
 * exists, what is missing is the interpreter its #! line names; reports
 * that and exits. Returns when it is not so. */
static void missing_interpreter(int fd, const char *command)
{
    char file[PATH_MAX], line[PATH_MAX + 3], msg[3 * PATH_MAX];
    char *interp, *end;
    ssize_t got;
    int n, f;

    if (!find_command(command, file, sizeof file) ||
        (f = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return;
    got = read(f, line, sizeof line - 1);
    close(f);
    if (got < 2 || line[0] != '#' || line[1] != '!')
        return;
    line[got] = '\0';
    for (interp = line + 2; *interp == ' ' || *interp == '\t'; interp++)
        ;
    for (end = interp; *end != '\0' && *end != ' ' && *end != '\t' && *end != '\n'; end++)
        ;
    *end = '\0';
    if (interp[0] == '\0' || access(interp, X_OK) == 0)
        return;
    n = snprintf(msg, sizeof msg, "command '%s': the interpreter '%s' named by its #! line "
                 "was not found", command, interp);
    if (n > 0 && write(fd, msg, (size_t) n < sizeof msg ? (size_t) n : sizeof msg - 1) < 0) {
        /* the supervisor then only sees the exit status */
    }
    _exit(127);
}

static const struct {
    const char *name;
    int resource;
    long long unit;
} limits[] = {
    {"CORE_FILE_SIZE", RLIMIT_CORE, 1024}, {"CPU_TIME", RLIMIT_CPU, 1},
    {"DATA_SIZE", RLIMIT_DATA, 1024},      {"FILE_SIZE", RLIMIT_FSIZE, 1024},
    {"OPEN_FILES", RLIMIT_NOFILE, 1},      {"STACK_SIZE", RLIMIT_STACK, 1024},
    {"VIRTUAL_MEMORY", RLIMIT_AS, 1024},
};

static void run_child(job_spec *js, int report_fd, const sigset_t *oldmask)
{
    drmaa2_jtemplate jt = js->jt;
    const char *nice_text = stub_impl_get(jt, "stub_nice");
    size_t i;

    setpgid(0, 0);
    signal(SIGXFSZ, SIG_DFL);   /* the supervisor ignores it; the job gets the default */
    if (nice_text != NULL) {
        int inc = atoi(nice_text);
        errno = 0;
        if (inc > 0 && nice(inc) == -1 && errno != 0)
            child_fail(report_fd, "cannot apply stub_nice %s: %s", nice_text, errno);
    }
    if (jt->resourceLimits != NULL) {
        for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
            const char *v = drmaa2_dict_get(jt->resourceLimits, limits[i].name);
            struct rlimit rl;
            if (v == NULL)
                continue;
            rl.rlim_cur = rl.rlim_max = (rlim_t) (strtoll(v, NULL, 10) * limits[i].unit);
            if (setrlimit(limits[i].resource, &rl) != 0)
                child_fail(report_fd, "cannot apply the resource limit %s: %s",
                           limits[i].name, errno);
        }
    }
    if (chdir(js->workdir) != 0)
        child_fail(report_fd, "bad working directory '%s': %s", js->workdir, errno);
    if (open_onto(js->input != NULL ? js->input : "/dev/null", 0, O_RDONLY) != 0)
        child_fail(report_fd, "cannot open the input path '%s': %s",
                   js->input != NULL ? js->input : "/dev/null", errno);
    if (open_onto(js->output != NULL ? js->output : "/dev/null", 1,
                  O_WRONLY | O_CREAT | O_TRUNC) != 0)
        child_fail(report_fd, "cannot open the output path '%s': %s",
                   js->output != NULL ? js->output : "/dev/null", errno);
    if (jt->joinFiles == DRMAA2_TRUE) {
        if (dup2(1, 2) < 0)
            child_fail(report_fd, "cannot join the error path to '%s': %s",
                       js->output != NULL ? js->output : "/dev/null", errno);
    } else if (open_onto(js->error != NULL ? js->error : "/dev/null", 2,
                         O_WRONLY | O_CREAT | O_TRUNC) != 0) {
        child_fail(report_fd, "cannot open the error path '%s': %s",
                   js->error != NULL ? js->error : "/dev/null", errno);
    }
    sigprocmask(SIG_SETMASK, oldmask, NULL);
    environ = js->envp;
    execvp(js->argv[0], js->argv);
    if (errno == ENOENT)
        missing_interpreter(report_fd, js->argv[0]);
    if (errno == ENOENT)
        child_fail(report_fd, "command not found: '%s' (%s)", js->argv[0], errno);
    if (errno == EACCES)
        child_fail(report_fd, "command is not executable: '%s' (%s)", js->argv[0], errno);
    child_fail(report_fd, "cannot execute '%s': %s", js->argv[0], errno);
}

/* Reads the job row; 0 if the job is to run, 1 if there is nothing to do,
 * -1 if the store cannot be read or written (the error set). */
static int load_job(stub_store *s, job_spec *js, int *terminate_first)
{
    sqlite3_stmt *st;
    int rc = 1, step;

    if (store_begin(s) != DRMAA2_SUCCESS)
        return -1;
    st = store_stmt(s, "SELECT phase, " JOBS_JT_SQL ", task_index, cwd, " JOBS_ENV_SQL ", "
                    "term_requested, session "
                    "FROM jobs WHERE id = ?1", "i", js->id);
    step = st != NULL ? store_step(s, st) : -1;
    if (step < 0)
        rc = -1;
    if (step == SQLITE_ROW && sqlite3_column_int(st, 0) == PHASE_ACTIVE) {
        js->jt = codec_decode_jt(sqlite3_column_blob(st, 1), (size_t) sqlite3_column_bytes(st, 1));
        js->task_index = sqlite3_column_int64(st, 2);
        js->cwd = store_column_text(st, 3);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL)
            js->env = codec_decode_strings(sqlite3_column_blob(st, 4),
                                           (size_t) sqlite3_column_bytes(st, 4));
        *terminate_first = sqlite3_column_int(st, 5);
        js->session = store_column_text(st, 6);
        rc = 0;
    }
    sqlite3_finalize(st);
    if (rc == 0 && store_exec(s, "UPDATE jobs SET sup_pid = ?1 WHERE id = ?2", "ii",
                              (long long) getpid(), js->id) != DRMAA2_SUCCESS)
        rc = -1;
    if (rc == 0) {
        if (store_commit(s) != DRMAA2_SUCCESS)
            rc = -1;
    } else {
        store_rollback(s);
    }
    return rc;
}

/* The job's lock file (fd) and whether its end had to be left there. */
static int lock_fd = 3, end_noted = 0;

/* Records the job's end; if the store cannot take it (a full disk, a store
 * that went away) after RECORD_TRIES tries, leaves it in the lock file. */
static void record_end(stub_store *s, long long id, int state, const char *annotation,
                       int has_status, int exit_status, int term_signal, long long cpu_ms,
                       long long max_rss)
{
    stub_end_note note;
    char *why;
    int tries;
    for (tries = 0; tries < RECORD_TRIES; tries++) {
        struct timespec pause = {0, RECORD_PAUSE_MS * 1000000L};
        if (tries > 0)
            nanosleep(&pause, NULL);
        if (store_begin(s) != DRMAA2_SUCCESS)
            continue;
        if (store_exec(s, "UPDATE jobs SET state = ?1, phase = ?2, substate = NULL, "
                       "annotation = ?3, finished = ?4, exit_status = ?5, term_signal = ?6, "
                       "cpu_ms = ?7, max_rss_kib = ?8 WHERE id = ?9",
                       "iitdiiiii", (long long) state, (long long) PHASE_ENDED, annotation,
                       stub_now(), has_status ? (long long) exit_status : -1LL,
                       (long long) term_signal, cpu_ms, max_rss, id) == DRMAA2_SUCCESS &&
            jobs_add_event(s, id, state) == DRMAA2_SUCCESS) {
            if (store_commit(s) == DRMAA2_SUCCESS)
                return;
        } else {
            store_rollback(s);
        }
    }
    memset(&note, 0, sizeof note);
    note.state = state;
    note.has_status = has_status;
    note.exit_status = exit_status;
    note.term_signal = term_signal;
    note.cpu_ms = cpu_ms;
    note.max_rss_kib = max_rss;
    note.finished = stub_now();
    snprintf(note.annotation, sizeof note.annotation, "%s", annotation != NULL ? annotation : "");
    why = drmaa2_lasterror_text();
    snprintf(note.why, sizeof note.why, "%s", why != NULL ? why : "unknown error");
    drmaa2_string_free(&why);
    end_noted = sched_leave_end_note(lock_fd, &note) == 0;
}

static void record_running(stub_store *s, long long id, pid_t child, int *terminate)
{
    sqlite3_stmt *st;
    if (store_begin(s) != DRMAA2_SUCCESS)
        return;
    if (store_exec(s, "UPDATE jobs SET state = ?1, substate = NULL, dispatched = ?2, "
                   "pgid = ?3, allocated_machine = ?4 WHERE id = ?5",
                   "iditi", (long long) DRMAA2_RUNNING, stub_now(), (long long) child,
                   stub_hostname(), id) != DRMAA2_SUCCESS ||
        jobs_add_event(s, id, DRMAA2_RUNNING) != DRMAA2_SUCCESS) {
        store_rollback(s);
        return;
    }
    st = store_stmt(s, "SELECT term_requested FROM jobs WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW && sqlite3_column_int(st, 0))
        *terminate = 1;
    sqlite3_finalize(st);
    store_commit(s);
}

static long grace_ms(stub_store *s, long long id)
{
    sqlite3_stmt *st;
    long ms = 2000;
    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return ms;
    st = store_stmt(s, "SELECT term_grace_ms FROM jobs WHERE id = ?1", "i", id);
    if (st != NULL && store_step(s, st) == SQLITE_ROW &&
        sqlite3_column_type(st, 0) != SQLITE_NULL)
        ms = (long) sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    store_rollback(s);
    return ms;
}

/* The grace of a job over its WALLCLOCK_TIME limit: the dispatcher's
 * DRMAA2_STUB_KILL_GRACE (checked when the job was submitted). */
static long wallclock_grace_ms(void)
{
    long ms = sched_kill_grace_ms();
    if (ms < 0) {
        stub_clear_error();
        ms = 2000;
    }
    return ms;
}

/* The FIFO among the job's paths that its process may be waiting on, for the
 * annotation; "" if there is none. */
static void fifo_hint(const job_spec *js, char *out, size_t cap)
{
    const struct {
        const char *path, *what, *end;
    } paths[] = {
        {js->input, "input", "writing"},
        {js->output, "output", "reading"},
        {js->jt->joinFiles == DRMAA2_TRUE ? NULL : js->error, "error", "reading"},
    };
    size_t i;
    out[0] = '\0';
    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct stat st;
        char *full;
        if (paths[i].path == NULL)
            continue;
        full = paths[i].path[0] == '/' ? stub_strdup(paths[i].path)
                                       : stub_strprintf("%s/%s", js->workdir, paths[i].path);
        if (full != NULL && stat(full, &st) == 0 && S_ISFIFO(st.st_mode)) {
            snprintf(out, cap, " (its %s path '%s' is a FIFO that nothing opened for %s)",
                     paths[i].what, paths[i].path, paths[i].end);
            free(full);
            return;
        }
        free(full);
    }
}

/* Waits until the job process has executed its command (the report pipe
 * closes) or reported why it could not. Opening a path may block for ever
 * (a FIFO with nothing at the other end), so a terminate request is heard
 * meanwhile. 0 started, 1 failed (msg holds why), 2 terminate requested. */
static int await_exec(int report_fd, char *msg, size_t cap)
{
    sigset_t term;
    int sfd, result = -1;

    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGINT);
    sigaddset(&term, SIGHUP);
    sfd = signalfd(-1, &term, SFD_CLOEXEC);   /* they are blocked: they queue there */
    while (result < 0) {
        struct pollfd p[2];
        nfds_t n = 1;
        ssize_t got;
        p[0].fd = report_fd;
        p[0].events = POLLIN;
        p[0].revents = 0;
        if (sfd >= 0) {
            p[1].fd = sfd;
            p[1].events = POLLIN;
            p[1].revents = 0;
            n = 2;
        }
        if (poll(p, n, -1) < 0 && errno != EINTR)
            n = 0;   /* cannot poll: a plain read, as a last resort */
        if (n == 0 || p[0].revents != 0) {
            got = read(report_fd, msg, cap - 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got > 0)
                msg[got] = '\0';
            result = got > 0 ? 1 : 0;
        } else if (n == 2 && p[1].revents != 0) {
            struct signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) == (ssize_t) sizeof si)
                result = 2;
        }
    }
    if (sfd >= 0)
        close(sfd);
    return result;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void close_other_fds(void)
{
    long max, fd;
    if (close_range(4, ~0U, 0) == 0)
        return;
    max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (fd = 4; fd < max; fd++)
        close((int) fd);
}

/* Forgets signals that concerned the previous job (a late terminate request,
 * its SIGCHLD). */
static void drain_signals(const sigset_t *handled)
{
    struct timespec zero = {0, 0};
    siginfo_t info;
    while (sigtimedwait(handled, &info, &zero) > 0)
        ;
}

/* Runs one job from its start to its recorded end. */
static void supervise(stub_store *s, long long id, const sigset_t *handled,
                      const sigset_t *oldmask)
{
    job_spec js;
    char *why;
    int report[2], terminate_first = 0, terminating = 0, status = 0, started, loaded;
    const char *reason = NULL;
    double kill_at = -1, wall_at = -1;
    pid_t child;
    struct rusage ru;
    char msg[1100];

    memset(&js, 0, sizeof js);
    js.id = id;
    loaded = load_job(s, &js, &terminate_first);
    if (loaded < 0) {
        char *why = drmaa2_lasterror_text();
        snprintf(msg, sizeof msg, "its supervising process could not read it from the job "
                 "store: %s", why != NULL ? why : "unknown error");
        drmaa2_string_free(&why);
        record_end(s, js.id, DRMAA2_FAILED, msg, 0, 0, 0, 0, 0);
    }
    if (loaded != 0 || js.jt == NULL) {
        spec_free(&js);
        return;
    }
    if (terminate_first) {
        record_end(s, js.id, DRMAA2_FAILED, "terminated before it started", 0, 0, 0, 0, 0);
        goto done;
    }
    why = prepare(&js);
    if (why != NULL) {
        record_end(s, js.id, DRMAA2_FAILED, why, 0, 0, 0, 0, 0);
        free(why);
        goto done;
    }
    if (pipe2(report, O_CLOEXEC) != 0) {
        record_end(s, js.id, DRMAA2_FAILED, "the supervisor cannot create a pipe", 0, 0, 0, 0, 0);
        goto done;
    }
    child = fork();
    if (child < 0) {
        snprintf(msg, sizeof msg, "cannot fork the job process: %s", strerror(errno));
        close(report[0]);
        close(report[1]);
        record_end(s, js.id, DRMAA2_FAILED, msg, 0, 0, 0, 0, 0);
        goto done;
    }
    if (child == 0) {
        close(report[0]);
        run_child(&js, report[1], oldmask);
    }
    setpgid(child, child);
    close(report[1]);
    started = await_exec(report[0], msg, sizeof msg);
    close(report[0]);
    if (started == 2) {
        char hint[PATH_MAX + 100], note[sizeof hint + 100];
        killpg(child, SIGKILL);
        kill(child, SIGKILL);
        fifo_hint(&js, hint, sizeof hint);
        snprintf(note, sizeof note, "terminated on request before its command started%s",
                 hint);
        while (waitpid(child, &status, 0) < 0 && errno == EINTR)
            ;
        record_end(s, js.id, DRMAA2_FAILED, note, 0, 0, 0, 0, 0);
        goto done;
    }
    if (started == 1) {
        while (waitpid(child, &status, 0) < 0 && errno == EINTR)
            ;
        record_end(s, js.id, DRMAA2_FAILED, msg, 0, 0, 0, 0, 0);
        goto done;
    }
    record_running(s, js.id, child, &terminate_first);
    store_notify(s);
    if (js.wallclock_limit >= 0)
        wall_at = mono_now() + (double) js.wallclock_limit;
    if (terminate_first)
        raise(SIGTERM);   /* handled below like a request that came later */

    for (;;) {
        siginfo_t info;
        struct timespec ts, *tsp = NULL;
        double next = kill_at >= 0 ? kill_at : wall_at, now;
        int sig;

        if (next >= 0) {
            double left = next - mono_now();
            if (left < 0)
                left = 0;
            ts.tv_sec = (time_t) left;
            ts.tv_nsec = (long) ((left - (double) ts.tv_sec) * 1e9);
            tsp = &ts;
        }
        sig = tsp != NULL ? sigtimedwait(handled, &info, tsp) : sigwaitinfo(handled, &info);
        now = mono_now();
        if (sig == SIGCHLD || sig < 0) {
            siginfo_t ci;
            memset(&ci, 0, sizeof ci);
            if (waitid(P_PID, (id_t) child, &ci, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                ci.si_pid == child)
                break;
        }
        if ((sig == SIGTERM || sig == SIGINT || sig == SIGHUP) && !terminating) {
            terminating = 1;
            reason = "terminated on request";
            killpg(child, SIGTERM);
            killpg(child, SIGCONT);
            kill_at = now + (double) grace_ms(s, js.id) / 1000.0;
        }
        if (sig < 0 && kill_at >= 0 && now >= kill_at) {
            killpg(child, SIGKILL);
            kill_at = -1;
            wall_at = -1;
        } else if (sig < 0 && wall_at >= 0 && now >= wall_at && !terminating) {
            terminating = 1;
            reason = "exceeded its WALLCLOCK_TIME limit";
            killpg(child, SIGTERM);
            killpg(child, SIGCONT);
            kill_at = now + (double) wallclock_grace_ms() / 1000.0;
            wall_at = -1;
        }
    }
    killpg(child, SIGKILL);   /* what the job left behind in its group */
    memset(&ru, 0, sizeof ru);
    while (wait4(child, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    {
        long long cpu_ms = (long long) ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000 +
                           (long long) ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000;
        if (WIFEXITED(status)) {
            char note[128];
            if (terminating)
                snprintf(note, sizeof note, "%s; exited with status %d", reason,
                         WEXITSTATUS(status));
            record_end(s, js.id, terminating ? DRMAA2_FAILED : DRMAA2_DONE,
                       terminating ? note : NULL, 1, WEXITSTATUS(status), 0, cpu_ms,
                       ru.ru_maxrss);
        } else {
            int sig = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
            char note[160];
            snprintf(note, sizeof note, "%s%skilled by signal %s", terminating ? reason : "",
                     terminating ? ": " : "", signal_name(sig));
            record_end(s, js.id, DRMAA2_FAILED, note, 0, 0, sig, cpu_ms, ru.ru_maxrss);
        }
    }
done:
    spec_free(&js);
}

/* The timer mode: detached, it sleeps until the time, then dispatches. */
static int timer(const char *dir, const char *when)
{
    double at = strtod(when, NULL);
    struct timespec ts;
    struct stat st;
    stub_store *s;

    close_other_fds();
    if (fork() > 0)
        _exit(0);
    ts.tv_sec = (time_t) at;
    ts.tv_nsec = (long) ((at - (double) ts.tv_sec) * 1e9);
    while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
    if (stat(dir, &st) != 0)
        return 0;   /* the state directory is gone: nothing to do */
    s = store_open_dir(dir);
    if (s == NULL)
        return 1;
    if (store_begin(s) == DRMAA2_SUCCESS) {
        if (store_exec(s, "DELETE FROM timers WHERE at <= ?1", "d", stub_now()) == DRMAA2_SUCCESS)
            store_commit(s);
        else
            store_rollback(s);
    }
    sched_dispatch(s);
    store_notify(s);
    store_release(s);
    return 0;
}

int main(int argc, char **argv)
{
    sigset_t handled, oldmask;
    stub_store *s;
    long long id;
    pid_t pid;

    if (argc == 4 && strcmp(argv[1], "--at") == 0)
        return timer(argv[2], argv[3]);
    if (argc != 3)
        return 2;
    sigemptyset(&handled);
    sigaddset(&handled, SIGCHLD);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGHUP);
    sigprocmask(SIG_BLOCK, &handled, &oldmask);
    /* a file size limit it inherited makes writes fail (and its job's end is
     * left in the lock file), instead of killing it */
    signal(SIGXFSZ, SIG_IGN);
    fcntl(3, F_SETFD, FD_CLOEXEC);
    close_other_fds();
    pid = fork();
    if (pid > 0)
        _exit(0);

    id = strtoll(argv[2], NULL, 10);
    {
        struct stat st;
        if (stat(argv[1], &st) != 0)
            return 1;   /* the state directory is gone: so is the job */
    }
    s = store_open_dir(argv[1]);
    if (s == NULL)
        return 1;   /* the lock is released: the job is detected as FAILED */
    /* After its job, a supervisor takes on the next queued job itself. */
    for (;;) {
        char *lock;
        drain_signals(&handled);
        end_noted = 0;
        supervise(s, id, &handled, &oldmask);
        store_notify(s);
        lock = store_lock_path(s, id);
        if (lock != NULL && !end_noted)   /* a lock file with a note is read later */
            unlink(lock);
        free(lock);
        close(lock_fd);
        if (!sched_dispatch_keep(s, &id, &lock_fd))
            break;
    }
    store_release(s);
    return 0;
}
