/* drmaa2_dict: string keys to string values, in insertion order, stored as the
 * caller's pointers, with an optional callback that releases dropped entries. */
#include <stdlib.h>
#include <string.h>

#include "stub.h"

typedef struct dict_entry {
    char *key;
    char *value;
} dict_entry;

struct drmaa2_dict_s {
    drmaa2_dict_entryfree callback;
    size_t size;
    size_t capacity;
    dict_entry *entries;
};

static void free_owned_entry(char **key, char **value)
{
    if (key != NULL) {
        free(*key);
        *key = NULL;
    }
    if (value != NULL) {
        free(*value);
        *value = NULL;
    }
}

static drmaa2_dict dict_new(drmaa2_dict_entryfree callback)
{
    drmaa2_dict d = calloc(1, sizeof *d);

    if (d == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory creating a dict");
        return NULL;
    }
    d->callback = callback;
    return d;
}

drmaa2_dict stub_dict_new(void)
{
    return dict_new(free_owned_entry);
}

drmaa2_dict drmaa2_dict_create(const drmaa2_dict_entryfree callback)
{
    if (stub_enter(__func__))
        return NULL;
    return dict_new(callback);
}

static dict_entry *dict_find(const drmaa2_dict d, const char *key)
{
    size_t i;

    for (i = 0; i < d->size; i++)
        if (strcmp(d->entries[i].key, key) == 0)
            return &d->entries[i];
    return NULL;
}

void drmaa2_dict_free(drmaa2_dict *d)
{
    size_t i;

    if (d == NULL || *d == NULL)
        return;
    if ((*d)->callback != NULL)
        for (i = 0; i < (*d)->size; i++)
            (*d)->callback(&(*d)->entries[i].key, &(*d)->entries[i].value);
    free((*d)->entries);
    free(*d);
    *d = NULL;
}

drmaa2_string_list drmaa2_dict_list(const drmaa2_dict d)
{
    drmaa2_string_list keys;
    size_t i;

    if (stub_enter(__func__))
        return NULL;
    if (d == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_list: the dict is NULL");
        return NULL;
    }
    keys = stub_list_new(DRMAA2_STRINGLIST);
    if (keys == NULL)
        return NULL;
    for (i = 0; i < d->size; i++) {
        char *key = stub_strdup(d->entries[i].key);
        if (key == NULL || stub_list_append(keys, key) != DRMAA2_SUCCESS) {
            free(key);
            drmaa2_list_free(&keys);
            return NULL;
        }
    }
    return keys;
}

drmaa2_bool drmaa2_dict_has(const drmaa2_dict d, const char *key)
{
    if (stub_enter(__func__))
        return DRMAA2_FALSE;
    if (d == NULL || key == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_has: the %s is NULL",
                   d == NULL ? "dict" : "key");
        return DRMAA2_FALSE;
    }
    return dict_find(d, key) != NULL ? DRMAA2_TRUE : DRMAA2_FALSE;
}

const char *drmaa2_dict_get(const drmaa2_dict d, const char *key)
{
    const dict_entry *entry;

    if (stub_enter(__func__))
        return NULL;
    if (d == NULL || key == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_get: the %s is NULL",
                   d == NULL ? "dict" : "key");
        return NULL;
    }
    entry = dict_find(d, key);
    if (entry == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_get: no key '%s' in the dict", key);
        return NULL;
    }
    return entry->value;
}

drmaa2_error drmaa2_dict_del(drmaa2_dict d, const char *key)
{
    dict_entry *entry;
    size_t index;

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (d == NULL || key == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_del: the %s is NULL",
                          d == NULL ? "dict" : "key");
    entry = dict_find(d, key);
    if (entry == NULL)
        /* The OGF mock fails here without setting the last error. */
        return (stub_quirk(STUB_QUIRK_STICKY_LASTERROR) ? stub_error_unreported : stub_error)(
            DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_del: no key '%s' in the dict", key);
    index = (size_t) (entry - d->entries);
    /* key may point into the entry about to be released: it is not used after this. */
    if (d->callback != NULL)
        d->callback(&entry->key, &entry->value);
    memmove(entry, entry + 1, (d->size - index - 1) * sizeof *entry);
    d->size--;
    return DRMAA2_SUCCESS;
}

/* Makes room for one more entry. */
static drmaa2_error dict_reserve(drmaa2_dict d)
{
    size_t capacity;
    dict_entry *grown;

    if (d->size < d->capacity)
        return DRMAA2_SUCCESS;
    capacity = d->capacity == 0 ? 8 : d->capacity * 2;
    grown = realloc(d->entries, capacity * sizeof *grown);
    if (grown == NULL)
        return stub_error(DRMAA2_OUT_OF_RESOURCE,
                          "out of memory growing a dict to %zu entries", capacity);
    d->entries = grown;
    d->capacity = capacity;
    return DRMAA2_SUCCESS;
}

/* Replaces the value of an existing entry. The callback releases what the
 * dict no longer holds: the old value and, if the caller passed a different
 * key pointer (which the dict now stores), the old key; key is NULL when only
 * the value goes. */
static void dict_replace(drmaa2_dict d, dict_entry *entry, char *key, char *value)
{
    char *old_key = entry->key;
    char *old_value = entry->value;
    char *no_value = NULL;

    entry->key = key;
    entry->value = value;
    if (d->callback == NULL || (old_key == key && old_value == value))
        return;
    if (old_key == key)
        d->callback(NULL, &old_value);
    else
        d->callback(&old_key, old_value == value ? &no_value : &old_value);
}

drmaa2_error drmaa2_dict_set(drmaa2_dict d, const char *key, const char *val)
{
    dict_entry *entry;

    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (d == NULL || key == NULL || val == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_dict_set: the %s is NULL",
                          d == NULL ? "dict" : key == NULL ? "key" : "value");
    entry = dict_find(d, key);
    if (entry != NULL) {
        dict_replace(d, entry, (char *) key, (char *) val);
        return DRMAA2_SUCCESS;
    }
    if (dict_reserve(d) != DRMAA2_SUCCESS)
        return drmaa2_lasterror();
    /* The dict stores the caller's pointers, as the standard requires. */
    d->entries[d->size].key = (char *) key;
    d->entries[d->size].value = (char *) val;
    d->size++;
    return DRMAA2_SUCCESS;
}

drmaa2_error stub_dict_put(drmaa2_dict d, const char *key, const char *value)
{
    char *key_copy, *value_copy;
    dict_entry *entry;

    if (d == NULL || key == NULL || value == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "stub_dict_put: the %s is NULL",
                          d == NULL ? "dict" : key == NULL ? "key" : "value");
    value_copy = stub_strdup(value);
    if (value_copy == NULL)
        return drmaa2_lasterror();
    entry = dict_find(d, key);
    if (entry != NULL) {
        dict_replace(d, entry, entry->key, value_copy);
        return DRMAA2_SUCCESS;
    }
    key_copy = stub_strdup(key);
    if (key_copy == NULL) {
        free(value_copy);
        return drmaa2_lasterror();
    }
    if (dict_reserve(d) != DRMAA2_SUCCESS) {
        free(key_copy);
        free(value_copy);
        return drmaa2_lasterror();
    }
    d->entries[d->size].key = key_copy;
    d->entries[d->size].value = value_copy;
    d->size++;
    return DRMAA2_SUCCESS;
}

int stub_dict_foreach(const drmaa2_dict d,
                      int (*visit)(const char *key, const char *value, void *arg), void *arg)
{
    size_t i;
    int result;

    if (d == NULL)
        return 0;
    for (i = 0; i < d->size; i++) {
        result = visit(d->entries[i].key, d->entries[i].value, arg);
        if (result != 0)
            return result;
    }
    return 0;
}
