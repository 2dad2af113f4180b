/* Implementation-specific attributes and the reflective interface.
 *
 * Every struct the library allocates is registered here by address; its
 * implementationSpecific member points at its record, which holds the values
 * of the attributes of its kind. The reflective functions look an address up
 * before touching it, so a pointer the library never handed out is an
 * INVALID_ARGUMENT, not a crash. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "implspec.h"

#define KIND_COUNT (STUB_KIND_VERSION + 1)
#define MAX_ATTRIBUTES_PER_KIND 1

typedef struct impl_attribute {
    stub_kind kind;
    int slot;                 /* index into impl_record.values */
    const char *name;
    const char *description;
    long long min, max;       /* every attribute is an integer in [min, max] */
} impl_attribute;

static const impl_attribute attributes[] = {
    {STUB_KIND_JTEMPLATE, 0, "stub_nice",
     "stub_nice: nice increment (integer 0..19) the job's process runs with; "
     "unset runs it at the submitter's priority",
     0, 19},
    {STUB_KIND_JINFO, 0, "stub_max_rss_kib",
     "stub_max_rss_kib: peak resident memory of the finished job in KiB "
     "(from the job's resource usage); unset while the job has not finished",
     0, LLONG_MAX},
};
#define ATTRIBUTE_COUNT (sizeof attributes / sizeof attributes[0])

static const char *const kind_names[KIND_COUNT] = {
    "drmaa2_jtemplate", "drmaa2_jinfo", "drmaa2_rtemplate", "drmaa2_rinfo",
    "drmaa2_slotinfo", "drmaa2_queueinfo", "drmaa2_machineinfo", "drmaa2_notification",
    "drmaa2_version",
};

typedef struct impl_record {
    const void *owner;
    stub_kind kind;
    struct impl_record *next;          /* hash chain */
    char *values[MAX_ATTRIBUTES_PER_KIND];
} impl_record;

/* The registry: a chained hash table of records keyed by struct address. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static impl_record **buckets;
static size_t bucket_count;
static size_t record_count;

/* A child forked while another thread held the lock must not inherit it locked. */
static void registry_lock_before_fork(void)
{
    pthread_mutex_lock(&registry_lock);
}

static void registry_unlock_after_fork(void)
{
    pthread_mutex_unlock(&registry_lock);
}

__attribute__((constructor)) static void registry_init(void)
{
    pthread_atfork(registry_lock_before_fork, registry_unlock_after_fork,
                   registry_unlock_after_fork);
}

static size_t bucket_of(const void *owner, size_t count)
{
    uintptr_t h = (uintptr_t) owner;
    h ^= h >> 17;
    h *= (uintptr_t) 0x9E3779B97F4A7C15ULL;
    return (size_t) (h >> 7) & (count - 1);
}

/* Doubles the table when it gets crowded; keeps the old one if memory runs out. */
static void registry_grow(void)
{
    size_t count = bucket_count == 0 ? 1024 : bucket_count * 2;
    impl_record **grown;
    size_t i;

    if (bucket_count != 0 && record_count < bucket_count * 2)
        return;
    grown = calloc(count, sizeof *grown);
    if (grown == NULL)
        return;
    for (i = 0; i < bucket_count; i++) {
        impl_record *r = buckets[i];
        while (r != NULL) {
            impl_record *next = r->next;
            size_t b = bucket_of(r->owner, count);
            r->next = grown[b];
            grown[b] = r;
            r = next;
        }
    }
    free(buckets);
    buckets = grown;
    bucket_count = count;
}

static impl_record *registry_find(const void *owner)
{
    impl_record *r;

    if (bucket_count == 0)
        return NULL;
    for (r = buckets[bucket_of(owner, bucket_count)]; r != NULL; r = r->next)
        if (r->owner == owner)
            return r;
    return NULL;
}

/* The address of a struct's implementationSpecific member; NULL where the
 * profile's header has none (the registry, keyed by address, then keeps the
 * struct's attribute values on its own). */
static void **impl_field(const void *instance, stub_kind kind)
{
    void *s = (void *) instance;
    switch (kind) {
#if DRMAA2_STUB_IMPL_SPEC_SIX
    case STUB_KIND_JTEMPLATE: return &((drmaa2_jtemplate) s)->implementationSpecific;
    case STUB_KIND_JINFO: return &((drmaa2_jinfo) s)->implementationSpecific;
    case STUB_KIND_RTEMPLATE: return &((drmaa2_rtemplate) s)->implementationSpecific;
    case STUB_KIND_RINFO: return &((drmaa2_rinfo) s)->implementationSpecific;
    case STUB_KIND_QUEUEINFO: return &((drmaa2_queueinfo) s)->implementationSpecific;
    case STUB_KIND_MACHINEINFO: return &((drmaa2_machineinfo) s)->implementationSpecific;
#endif
#if DRMAA2_STUB_IMPL_SPEC_ALL
    case STUB_KIND_SLOTINFO: return &((drmaa2_slotinfo) s)->implementationSpecific;
    case STUB_KIND_NOTIFICATION: return &((drmaa2_notification) s)->implementationSpecific;
    case STUB_KIND_VERSION: return &((drmaa2_version) s)->implementationSpecific;
#endif
    default: break;
    }
    (void) s;
    return NULL;
}

drmaa2_error stub_impl_attach(void *instance, stub_kind kind)
{
    impl_record *r = calloc(1, sizeof *r);
    size_t b;

    if (r == NULL)
        return stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory creating a %s",
                          kind_names[kind]);
    r->owner = instance;
    r->kind = kind;
    pthread_mutex_lock(&registry_lock);
    registry_grow();
    if (bucket_count == 0) {
        pthread_mutex_unlock(&registry_lock);
        free(r);
        return stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory creating a %s",
                          kind_names[kind]);
    }
    b = bucket_of(instance, bucket_count);
    r->next = buckets[b];
    buckets[b] = r;
    record_count++;
    pthread_mutex_unlock(&registry_lock);
    if (impl_field(instance, kind) != NULL)
        *impl_field(instance, kind) = r;
    return DRMAA2_SUCCESS;
}

static void record_free(impl_record *r)
{
    int i;
    for (i = 0; i < MAX_ATTRIBUTES_PER_KIND; i++)
        free(r->values[i]);
    free(r);
}

void stub_impl_detach(void *instance)
{
    impl_record **link, *r = NULL;

    pthread_mutex_lock(&registry_lock);
    if (bucket_count != 0) {
        for (link = &buckets[bucket_of(instance, bucket_count)]; *link != NULL;
             link = &(*link)->next)
            if ((*link)->owner == instance) {
                r = *link;
                *link = r->next;
                record_count--;
                break;
            }
    }
    pthread_mutex_unlock(&registry_lock);
    if (r != NULL) {
        if (impl_field(instance, r->kind) != NULL)
            *impl_field(instance, r->kind) = NULL;
        record_free(r);
    }
}

static const impl_attribute *attribute_named(stub_kind kind, const char *name)
{
    size_t i;
    for (i = 0; i < ATTRIBUTE_COUNT; i++)
        if (attributes[i].kind == kind && strcmp(attributes[i].name, name) == 0)
            return &attributes[i];
    return NULL;
}

/* The record of a struct of this library, with the lock held; NULL (lock
 * released, error set) for anything else. */
static impl_record *lookup_locked(const void *instance, const char *function)
{
    impl_record *r;

    if (instance == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "%s: the instance is NULL", function);
        return NULL;
    }
    pthread_mutex_lock(&registry_lock);
    r = registry_find(instance);
    if (r == NULL) {
        pthread_mutex_unlock(&registry_lock);
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "%s: the instance is not a DRMAA2 struct created by this library "
                   "(or it was freed)", function);
        return NULL;
    }
    if (impl_field(instance, r->kind) != NULL && *impl_field(instance, r->kind) != r) {
        pthread_mutex_unlock(&registry_lock);
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "%s: the implementationSpecific member of this %s was overwritten",
                   function, kind_names[r->kind]);
        return NULL;
    }
    return r;
}

/* The attribute of the record's kind with this name; NULL (error set) if none. */
static const impl_attribute *known_attribute(const impl_record *r, const char *name,
                                             const char *function)
{
    const impl_attribute *a;

    if (name == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "%s: the attribute name is NULL", function);
        return NULL;
    }
    a = attribute_named(r->kind, name);
    if (a == NULL)
        stub_error(DRMAA2_UNSUPPORTED_ATTRIBUTE,
                   "%s: '%s' is not an implementation-specific attribute of %s "
                   "(see drmaa2_%s_impl_spec)",
                   function, name, kind_names[r->kind], kind_names[r->kind] + 7);
    return a;
}

/* The canonical text of an integer value in [min, max]; NULL (error set) otherwise. */
static char *validated_value(const impl_attribute *a, const char *value)
{
    char *end;
    long long number;

    errno = 0;
    number = strtoll(value, &end, 10);
    if (value[0] == '\0' || value[0] == ' ' || *end != '\0' || errno != 0
        || number < a->min || number > a->max) {
        if (a->max == LLONG_MAX)
            stub_error(DRMAA2_INVALID_ARGUMENT,
                       "%s must be an integer >= %lld, got '%s'", a->name, a->min, value);
        else
            stub_error(DRMAA2_INVALID_ARGUMENT, "%s must be an integer from %lld to %lld, got '%s'",
                       a->name, a->min, a->max, value);
        return NULL;
    }
    return stub_strprintf("%lld", number);
}

static drmaa2_error set_value(void *instance, const char *name, const char *value,
                              const char *function)
{
    impl_record *r;
    const impl_attribute *a;
    char *copy = NULL;

    r = lookup_locked(instance, function);
    if (r == NULL)
        return drmaa2_lasterror();
    a = known_attribute(r, name, function);
    if (a == NULL) {
        pthread_mutex_unlock(&registry_lock);
        return drmaa2_lasterror();
    }
    if (value != NULL) {
        copy = validated_value(a, value);
        if (copy == NULL) {
            pthread_mutex_unlock(&registry_lock);
            return drmaa2_lasterror();
        }
    }
    free(r->values[a->slot]);
    r->values[a->slot] = copy;
    pthread_mutex_unlock(&registry_lock);
    return DRMAA2_SUCCESS;
}

const char *stub_impl_get(const void *instance, const char *name)
{
    impl_record *r;
    const impl_attribute *a;
    const char *value = NULL;

    if (instance == NULL || name == NULL)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    r = registry_find(instance);
    if (r != NULL && (impl_field(instance, r->kind) == NULL
                      || *impl_field(instance, r->kind) == r)) {
        a = attribute_named(r->kind, name);
        if (a != NULL)
            value = r->values[a->slot];
    }
    pthread_mutex_unlock(&registry_lock);
    return value;
}

drmaa2_error stub_impl_set(void *instance, const char *name, const char *value)
{
    return set_value(instance, name, value, "stub_impl_set");
}

/* ------------------------------------------------------- the public API */

static drmaa2_string_list names_of(stub_kind kind)
{
    drmaa2_string_list names = stub_list_new(DRMAA2_STRINGLIST);
    size_t i;

    if (names == NULL)
        return NULL;
    for (i = 0; i < ATTRIBUTE_COUNT; i++) {
        char *name;
        if (attributes[i].kind != kind)
            continue;
        name = stub_strdup(attributes[i].name);
        if (name == NULL || stub_list_append(names, name) != DRMAA2_SUCCESS) {
            free(name);
            drmaa2_list_free(&names);
            return NULL;
        }
    }
    return names;
}

drmaa2_string_list drmaa2_jtemplate_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_JTEMPLATE);
}

drmaa2_string_list drmaa2_jinfo_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_JINFO);
}

drmaa2_string_list drmaa2_rtemplate_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_RTEMPLATE);
}

drmaa2_string_list drmaa2_rinfo_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_RINFO);
}

drmaa2_string_list drmaa2_queueinfo_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_QUEUEINFO);
}

drmaa2_string_list drmaa2_machineinfo_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_MACHINEINFO);
}

drmaa2_string_list drmaa2_notification_impl_spec(void)
{
    if (stub_enter(__func__))
        return NULL;
    return names_of(STUB_KIND_NOTIFICATION);
}

drmaa2_string drmaa2_get_instance_value(const void *instance, const char *name)
{
    impl_record *r;
    const impl_attribute *a;
    char *value = NULL;

    if (stub_enter(__func__))
        return NULL;
    r = lookup_locked(instance, __func__);
    if (r == NULL)
        return NULL;
    a = known_attribute(r, name, __func__);
    if (a != NULL && r->values[a->slot] != NULL)
        value = stub_strdup(r->values[a->slot]);
    pthread_mutex_unlock(&registry_lock);
    return value;
}

drmaa2_string drmaa2_describe_attribute(const void *instance, const char *name)
{
    impl_record *r;
    const impl_attribute *a;

    if (stub_enter(__func__))
        return NULL;
    r = lookup_locked(instance, __func__);
    if (r == NULL)
        return NULL;
    a = known_attribute(r, name, __func__);
    pthread_mutex_unlock(&registry_lock);
    return a == NULL ? NULL : stub_strdup(a->description);
}

drmaa2_error drmaa2_set_instance_value(void *instance, const char *name, const char *value)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    return set_value(instance, name, value, __func__);
}
