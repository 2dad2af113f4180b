/* Job and reservation templates as one string for the store, and back.
 * Tokens: "n" (unset), "s<len>:<bytes>", "i<decimal>;", "l<count>;" followed
 * by strings, "d<count>;" followed by key and value strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs.h"

void buf_free(stub_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void put(stub_buf *b, const char *data, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap == 0 ? 256 : b->cap;
        char *grown;
        while (cap < b->len + n + 1)
            cap *= 2;
        grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void put_str(stub_buf *b, const char *s)
{
    char head[32];
    if (s == NULL) {
        put(b, "n", 1);
        return;
    }
    snprintf(head, sizeof head, "s%zu:", strlen(s));
    put(b, head, strlen(head));
    put(b, s, strlen(s));
}

static void put_int(stub_buf *b, long long v)
{
    char tok[32];
    snprintf(tok, sizeof tok, "i%lld;", v);
    put(b, tok, strlen(tok));
}

static void put_list(stub_buf *b, const drmaa2_string_list l)
{
    char head[32];
    long i, n;
    if (l == NULL) {
        put(b, "n", 1);
        return;
    }
    n = drmaa2_list_size(l);
    snprintf(head, sizeof head, "l%ld;", n < 0 ? 0 : n);
    put(b, head, strlen(head));
    for (i = 0; i < n; i++) {
        const char *s = drmaa2_list_get(l, i);
        put_str(b, s != NULL ? s : "");
    }
}

static int count_entry(const char *key, const char *value, void *arg)
{
    (void) key;
    (void) value;
    ++*(long *) arg;
    return 0;
}

static int put_entry(const char *key, const char *value, void *arg)
{
    put_str(arg, key);
    put_str(arg, value != NULL ? value : "");
    return 0;
}

static void put_dict(stub_buf *b, const drmaa2_dict d)
{
    char head[32];
    long n = 0;
    if (d == NULL) {
        put(b, "n", 1);
        return;
    }
    stub_dict_foreach(d, count_entry, &n);
    snprintf(head, sizeof head, "d%ld;", n);
    put(b, head, strlen(head));
    stub_dict_foreach(d, put_entry, b);
}

typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

static long long get_int(reader *r)
{
    long long v = 0;
    int neg = 0;
    if (r->bad || r->p >= r->end || *r->p != 'i') {
        r->bad = 1;
        return 0;
    }
    r->p++;
    if (r->p < r->end && *r->p == '-') {
        neg = 1;
        r->p++;
    }
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        v = v * 10 + (*r->p++ - '0');
    if (r->p >= r->end || *r->p != ';') {
        r->bad = 1;
        return 0;
    }
    r->p++;
    return neg ? -v : v;
}

/* Reads "<count>;" after the tag character. */
static long get_count(reader *r)
{
    long n = 0;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        n = n * 10 + (*r->p++ - '0');
    if (r->p >= r->end || *r->p != ';') {
        r->bad = 1;
        return 0;
    }
    r->p++;
    return n;
}

/* Reads the tag of the next value: 1 if a value tagged `tag` follows (the tag is
 * consumed), 0 for an unset value ("n") or a bad input (r->bad set). */
static int get_tag(reader *r, char tag)
{
    if (r->bad || r->p >= r->end || (*r->p != 'n' && *r->p != tag)) {
        r->bad = 1;
        return 0;
    }
    return *r->p++ == tag;
}

/* A malloc'd string, or NULL for unset (or on a bad input, r->bad set). */
static char *get_str(reader *r)
{
    size_t n = 0;
    char *s;
    if (!get_tag(r, 's'))
        return NULL;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        n = n * 10 + (size_t) (*r->p++ - '0');
    if (r->p >= r->end || *r->p != ':' || (size_t) (r->end - r->p - 1) < n) {
        r->bad = 1;
        return NULL;
    }
    r->p++;
    s = malloc(n + 1);
    if (s == NULL) {
        r->bad = 1;
        return NULL;
    }
    memcpy(s, r->p, n);
    s[n] = '\0';
    r->p += n;
    return s;
}

static drmaa2_string_list get_list(reader *r)
{
    drmaa2_string_list l;
    long i, n;
    if (!get_tag(r, 'l'))
        return NULL;
    n = get_count(r);
    l = stub_list_new(DRMAA2_STRINGLIST);
    if (l == NULL) {
        r->bad = 1;
        return NULL;
    }
    for (i = 0; i < n && !r->bad; i++) {
        char *s = get_str(r);
        if (s == NULL || stub_list_append(l, s) != DRMAA2_SUCCESS) {
            free(s);
            r->bad = 1;
        }
    }
    return l;
}

static drmaa2_dict get_dict(reader *r)
{
    drmaa2_dict d;
    long i, n;
    if (!get_tag(r, 'd'))
        return NULL;
    n = get_count(r);
    d = stub_dict_new();
    if (d == NULL) {
        r->bad = 1;
        return NULL;
    }
    for (i = 0; i < n && !r->bad; i++) {
        char *k = get_str(r), *v = get_str(r);
        if (k == NULL || v == NULL || stub_dict_put(d, k, v) != DRMAA2_SUCCESS)
            r->bad = 1;
        free(k);
        free(v);
    }
    return d;
}

drmaa2_error codec_encode_jt(const drmaa2_jtemplate jt, stub_buf *b)
{
    memset(b, 0, sizeof *b);
    put(b, "J1", 2);
    put_str(b, jt->remoteCommand);
    put_list(b, jt->args);
    put_int(b, jt->submitAsHold);
    put_int(b, jt->rerunnable);
    put_dict(b, jt->jobEnvironment);
    put_str(b, jt->workingDirectory);
    put_str(b, jt->jobCategory);
    put_list(b, jt->email);
    put_int(b, jt->emailOnStarted);
    put_int(b, jt->emailOnTerminated);
    put_str(b, jt->jobName);
    put_str(b, jt->inputPath);
    put_str(b, jt->outputPath);
    put_str(b, jt->errorPath);
    put_int(b, jt->joinFiles);
    put_str(b, jt->reservationId);
    put_str(b, jt->queueName);
    put_int(b, jt->minSlots);
    put_int(b, jt->maxSlots);
    put_int(b, jt->priority);
    put_list(b, jt->candidateMachines);
    put_int(b, jt->minPhysMemory);
    put_int(b, jt->machineOS);
    put_int(b, jt->machineArch);
    put_int(b, (long long) jt->startTime);
    put_int(b, (long long) jt->deadlineTime);
    put_dict(b, jt->stageInFiles);
    put_dict(b, jt->stageOutFiles);
    put_dict(b, jt->resourceLimits);
    put_str(b, jt->accountingId);
    put_str(b, stub_impl_get(jt, "stub_nice"));
    if (b->failed) {
        buf_free(b);
        return stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory storing a job template");
    }
    return DRMAA2_SUCCESS;
}

drmaa2_jtemplate codec_decode_jt(const char *data, size_t len)
{
    reader r = {data, data + len, 0};
    drmaa2_jtemplate jt;
    char *nice;

    if (len < 2 || memcmp(data, "J1", 2) != 0) {
        stub_error(DRMAA2_INTERNAL, "the stored job template is damaged");
        return NULL;
    }
    r.p += 2;
    jt = stub_jtemplate_new();
    if (jt == NULL)
        return NULL;
    jt->remoteCommand = get_str(&r);
    jt->args = get_list(&r);
    jt->submitAsHold = (drmaa2_bool) get_int(&r);
    jt->rerunnable = (drmaa2_bool) get_int(&r);
    jt->jobEnvironment = get_dict(&r);
    jt->workingDirectory = get_str(&r);
    jt->jobCategory = get_str(&r);
    jt->email = get_list(&r);
    jt->emailOnStarted = (drmaa2_bool) get_int(&r);
    jt->emailOnTerminated = (drmaa2_bool) get_int(&r);
    jt->jobName = get_str(&r);
    jt->inputPath = get_str(&r);
    jt->outputPath = get_str(&r);
    jt->errorPath = get_str(&r);
    jt->joinFiles = (drmaa2_bool) get_int(&r);
    jt->reservationId = get_str(&r);
    jt->queueName = get_str(&r);
    jt->minSlots = get_int(&r);
    jt->maxSlots = get_int(&r);
    jt->priority = get_int(&r);
    jt->candidateMachines = get_list(&r);
    jt->minPhysMemory = get_int(&r);
    jt->machineOS = (drmaa2_os) get_int(&r);
    jt->machineArch = (drmaa2_cpu) get_int(&r);
    jt->startTime = (time_t) get_int(&r);
    jt->deadlineTime = (time_t) get_int(&r);
    jt->stageInFiles = get_dict(&r);
    jt->stageOutFiles = get_dict(&r);
    jt->resourceLimits = get_dict(&r);
    jt->accountingId = get_str(&r);
    nice = get_str(&r);
    if (!r.bad && nice != NULL && stub_impl_set(jt, "stub_nice", nice) != DRMAA2_SUCCESS)
        r.bad = 1;
    free(nice);
    if (r.bad) {
        drmaa2_jtemplate_free(&jt);
        stub_error(DRMAA2_INTERNAL, "the stored job template is damaged");
        return NULL;
    }
    return jt;
}

drmaa2_error codec_encode_rt(const drmaa2_rtemplate rt, stub_buf *b)
{
    memset(b, 0, sizeof *b);
    put(b, "R1", 2);
    put_str(b, rt->reservationName);
    put_int(b, (long long) rt->startTime);
    put_int(b, (long long) rt->endTime);
    put_int(b, (long long) rt->duration);
    put_int(b, rt->minSlots);
    put_int(b, rt->maxSlots);
    put_str(b, rt->jobCategory);
    put_list(b, rt->usersACL);
    put_list(b, rt->candidateMachines);
    put_int(b, rt->minPhysMemory);
    put_int(b, rt->machineOS);
    put_int(b, rt->machineArch);
    if (b->failed) {
        buf_free(b);
        return stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory storing a reservation template");
    }
    return DRMAA2_SUCCESS;
}

drmaa2_rtemplate codec_decode_rt(const char *data, size_t len)
{
    reader r = {data, data + len, 0};
    drmaa2_rtemplate rt;

    if (len < 2 || memcmp(data, "R1", 2) != 0) {
        stub_error(DRMAA2_INTERNAL, "the stored reservation template is damaged");
        return NULL;
    }
    r.p += 2;
    rt = stub_rtemplate_new();
    if (rt == NULL)
        return NULL;
    rt->reservationName = get_str(&r);
    rt->startTime = (time_t) get_int(&r);
    rt->endTime = (time_t) get_int(&r);
    rt->duration = (time_t) get_int(&r);
    rt->minSlots = get_int(&r);
    rt->maxSlots = get_int(&r);
    rt->jobCategory = get_str(&r);
    rt->usersACL = get_list(&r);
    rt->candidateMachines = get_list(&r);
    rt->minPhysMemory = get_int(&r);
    rt->machineOS = (drmaa2_os) get_int(&r);
    rt->machineArch = (drmaa2_cpu) get_int(&r);
    if (r.bad) {
        drmaa2_rtemplate_free(&rt);
        stub_error(DRMAA2_INTERNAL, "the stored reservation template is damaged");
        return NULL;
    }
    return rt;
}

drmaa2_error codec_encode_strings(const drmaa2_string_list l, stub_buf *b)
{
    memset(b, 0, sizeof *b);
    put_list(b, l);
    if (b->failed) {
        buf_free(b);
        return stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory storing a list");
    }
    return DRMAA2_SUCCESS;
}

drmaa2_string_list codec_decode_strings(const char *data, size_t len)
{
    reader r = {data, data + len, 0};
    drmaa2_string_list l = get_list(&r);
    if (r.bad) {
        drmaa2_list_free(&l);
        stub_error(DRMAA2_INTERNAL, "a stored list is damaged");
        return NULL;
    }
    return l;
}
