/* Event notification: a library thread delivers DRMAA2_NEW_STATE events for
 * the jobs of the job sessions this process has open. State changes are
 * rows of the events table (written by whoever changes a state); the thread
 * sleeps on the notify files of the state directories involved. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "jobs.h"

#define EVENT_POLL_MS 100
#define MAX_STORES 32

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static drmaa2_jsession open_sessions = NULL;   /* linked through next_open */
static drmaa2_callback callback = NULL;
static pthread_t thread;
static int thread_running = 0;
/* The thread of generation `generation` is the running one; an older one stops
 * at its next look and never calls the callback again. */
static unsigned long generation = 0;
static int in_callback = 0;   /* the running thread is inside the callback */
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* A forked child has no event thread (and events_lock may have been held by
 * another thread at the fork): it starts without a callback. */
static void events_after_fork_child(void)
{
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    events_lock = fresh;
    callback = NULL;
    thread_running = 0;
    in_callback = 0;
    generation++;
}

static void events_atfork_register(void)
{
    pthread_atfork(NULL, NULL, events_after_fork_child);
}

void events_session_opened(drmaa2_jsession js)
{
    pthread_mutex_lock(&events_lock);
    js->next_open = open_sessions;
    open_sessions = js;
    pthread_mutex_unlock(&events_lock);
}

void events_session_closed(drmaa2_jsession js)
{
    drmaa2_jsession *p;
    pthread_mutex_lock(&events_lock);
    for (p = &open_sessions; *p != NULL; p = &(*p)->next_open) {
        if (*p == js) {
            *p = js->next_open;
            break;
        }
    }
    js->next_open = NULL;
    pthread_mutex_unlock(&events_lock);
}

/* 1 if this process has the session open in that store. Called with events_lock. */
static int session_is_open(stub_store *s, const char *name)
{
    drmaa2_jsession js;
    for (js = open_sessions; js != NULL; js = js->next_open)
        if (js->store == s && strcmp(js->name, name) == 0)
            return 1;
    return 0;
}

typedef struct pending_event {
    char *job_id, *session;
    int state;
} pending_event;

/* Stops the running thread (with events_lock): it calls no callback from now on.
 * 1 if it should be joined: 0 when it is inside the callback, which may take any
 * time (or wait for the caller), or when the caller is that thread. */
static int stop_thread_locked(void)
{
    int join;
    callback = NULL;
    generation++;
    if (!thread_running)
        return 0;
    thread_running = 0;
    join = !in_callback && !pthread_equal(thread, pthread_self());
    in_callback = 0;
    if (!join)
        pthread_detach(thread);
    return join;
}

/* The callback a thread of generation gen may call now, marked as being called;
 * NULL once that thread was stopped. */
static drmaa2_callback callback_enter(unsigned long gen)
{
    drmaa2_callback cb = NULL;
    pthread_mutex_lock(&events_lock);
    if (gen == generation && callback != NULL) {
        cb = callback;
        in_callback = 1;
    }
    pthread_mutex_unlock(&events_lock);
    return cb;
}

static void callback_leave(unsigned long gen)
{
    pthread_mutex_lock(&events_lock);
    if (gen == generation)
        in_callback = 0;
    pthread_mutex_unlock(&events_lock);
}

/* Collects and delivers the new events of one store. */
static void deliver(stub_store *s, unsigned long gen)
{
    pending_event *evs = NULL;
    size_t n = 0, cap = 0, i;
    long long last;
    sqlite3_stmt *st;

    if (store_begin_read(s) != DRMAA2_SUCCESS)
        return;
    last = s->event_seq;
    st = store_stmt(s, "SELECT seq, job_id, session, state FROM events WHERE seq > ?1 "
                    "ORDER BY seq LIMIT 1000", "i", last);
    while (st != NULL && store_step(s, st) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap == 0 ? 16 : cap * 2;
            pending_event *grown = realloc(evs, ncap * sizeof *evs);
            if (grown == NULL)
                break;
            evs = grown;
            cap = ncap;
        }
        last = sqlite3_column_int64(st, 0);
        evs[n].job_id = stub_strprintf("%lld", sqlite3_column_int64(st, 1));
        evs[n].session = store_column_text(st, 2);
        evs[n].state = sqlite3_column_int(st, 3);
        n++;
    }
    sqlite3_finalize(st);
    s->event_seq = last;
    store_rollback(s);
    /* the store's lock is released before events_lock is taken (lock order) */
    pthread_mutex_lock(&events_lock);
    for (i = 0; i < n; i++) {
        if (evs[i].session != NULL && !session_is_open(s, evs[i].session)) {
            free(evs[i].session);
            evs[i].session = NULL;
        }
    }
    pthread_mutex_unlock(&events_lock);
    for (i = 0; i < n; i++) {
        drmaa2_callback cb;
        if (evs[i].job_id != NULL && evs[i].session != NULL &&
            (cb = callback_enter(gen)) != NULL) {
            drmaa2_notification note = stub_notification_new(DRMAA2_NEW_STATE, evs[i].job_id,
                                                             evs[i].session,
                                                             (drmaa2_jstate) evs[i].state);
            if (note != NULL)
                cb(&note);   /* the application frees it */
            callback_leave(gen);
        }
        free(evs[i].job_id);
        free(evs[i].session);
    }
    free(evs);
}

static void *event_thread(void *arg)
{
    int ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    unsigned long gen = (unsigned long) (uintptr_t) arg;
    for (;;) {
        stub_store *stores[MAX_STORES];
        int nstores = 0, i;
        drmaa2_jsession js;
        struct pollfd pfd;

        pthread_mutex_lock(&events_lock);
        if (gen != generation || callback == NULL) {
            pthread_mutex_unlock(&events_lock);
            break;
        }
        for (js = open_sessions; js != NULL && nstores < MAX_STORES; js = js->next_open) {
            for (i = 0; i < nstores; i++)
                if (stores[i] == js->store)
                    break;
            if (i == nstores) {
                stores[nstores++] = js->store;
                store_retain(js->store);
            }
        }
        pthread_mutex_unlock(&events_lock);
        for (i = 0; i < nstores; i++) {
            if (ifd >= 0) {
                char *path = store_notify_path(stores[i]);
                if (path != NULL)
                    inotify_add_watch(ifd, path, IN_MODIFY | IN_ATTRIB);
                free(path);
            }
            deliver(stores[i], gen);
            store_release(stores[i]);
        }
        stub_clear_error();
        pfd.fd = ifd;
        pfd.events = POLLIN;
        if (ifd >= 0 && poll(&pfd, 1, EVENT_POLL_MS) > 0) {
            char buf[4096];
            while (read(ifd, buf, sizeof buf) > 0)
                ;
        } else if (ifd < 0) {
            usleep(EVENT_POLL_MS * 1000 / 10);
        }
    }
    if (ifd >= 0)
        close(ifd);
    return NULL;
}

/* Marks every store's events so far as delivered: a new callback only sees
 * what happens after it was registered. Called with events_lock. */
static void skip_old_events(void)
{
    drmaa2_jsession js;
    for (js = open_sessions; js != NULL; js = js->next_open) {
        stub_store *s = js->store;
        sqlite3_stmt *st;
        if (store_begin_read(s) != DRMAA2_SUCCESS)
            continue;
        st = store_stmt(s, "SELECT COALESCE(MAX(seq), 0) FROM events", "");
        if (st != NULL && store_step(s, st) == SQLITE_ROW)
            s->event_seq = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        store_rollback(s);
    }
}

drmaa2_error drmaa2_register_event_notification(const drmaa2_callback cb)
{
    int join;
    pthread_t old;

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return DRMAA2_SUCCESS;   /* PBS: registers nothing */
    pthread_once(&atfork_once, events_atfork_register);
    pthread_mutex_lock(&events_lock);
    if (cb != NULL) {
        if (callback == NULL)
            skip_old_events();
        callback = cb;
        if (!thread_running) {
            int rc = pthread_create(&thread, NULL, event_thread,
                                    (void *) (uintptr_t) generation);
            if (rc != 0) {
                callback = NULL;
                pthread_mutex_unlock(&events_lock);
                return stub_error(DRMAA2_OUT_OF_RESOURCE,
                                  "cannot start the event notification thread: %s",
                                  strerror(rc));
            }
            thread_running = 1;
        }
        pthread_mutex_unlock(&events_lock);
        stub_clear_error();
        return DRMAA2_SUCCESS;
    }
    old = thread;
    join = stop_thread_locked();
    pthread_mutex_unlock(&events_lock);
    /* the thread is not inside the callback: it ends at its next look */
    if (join)
        pthread_join(old, NULL);
    return DRMAA2_SUCCESS;
}

/* A library unloaded with a callback registered tells its thread to stop
 * (without waiting: at exit the thread may be inside the application's
 * callback, which could wait for the exiting thread). */
__attribute__((destructor)) static void events_stop_at_unload(void)
{
    pthread_mutex_lock(&events_lock);
    callback = NULL;
    generation++;
    pthread_mutex_unlock(&events_lock);
}
