/* drmaa2_list: an ordered list of borrowed pointers that appends, with an
 * optional callback that releases an entry when the list drops it. */
#include <stdlib.h>
#include <string.h>

#include "stub.h"

struct drmaa2_list_s {
    drmaa2_listtype type;
    drmaa2_list_entryfree callback;
    long size;
    long capacity;
    void **items;
};

static void free_string_entry(void **entry)
{
    free(*entry);
    *entry = NULL;
}

static void free_job_entry(void **entry)
{
    drmaa2_j job = *entry;
    drmaa2_j_free(&job);
    *entry = NULL;
}

static void free_queueinfo_entry(void **entry)
{
    drmaa2_queueinfo info = *entry;
    drmaa2_queueinfo_free(&info);
    *entry = NULL;
}

static void free_machineinfo_entry(void **entry)
{
    drmaa2_machineinfo info = *entry;
    drmaa2_machineinfo_free(&info);
    *entry = NULL;
}

static void free_slotinfo_entry(void **entry)
{
    drmaa2_slotinfo info = *entry;
    drmaa2_slotinfo_free(&info);
    *entry = NULL;
}

static void free_reservation_entry(void **entry)
{
    drmaa2_r reservation = *entry;
    drmaa2_r_free(&reservation);
    *entry = NULL;
}

static int valid_listtype(drmaa2_listtype t)
{
    return t >= DRMAA2_STRINGLIST && t <= DRMAA2_RESERVATIONLIST;
}

static drmaa2_list list_new(drmaa2_listtype t, drmaa2_list_entryfree callback)
{
    drmaa2_list l;

    if (!valid_listtype(t)) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "list type %d is not a drmaa2_listtype (expected 0..5)", (int) t);
        return NULL;
    }
    l = calloc(1, sizeof *l);
    if (l == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory creating a list");
        return NULL;
    }
    l->type = t;
    l->callback = callback;
    return l;
}

drmaa2_list stub_list_new(drmaa2_listtype type)
{
    static const drmaa2_list_entryfree callbacks[] = {
        free_string_entry, free_job_entry, free_queueinfo_entry,
        free_machineinfo_entry, free_slotinfo_entry, free_reservation_entry,
    };
    if (!valid_listtype(type))
        return list_new(type, NULL);
    return list_new(type, callbacks[type]);
}

drmaa2_list drmaa2_list_create(const drmaa2_listtype t, const drmaa2_list_entryfree callback)
{
    if (stub_enter(__func__))
        return NULL;
    return list_new(t, callback);
}

void drmaa2_list_free(drmaa2_list *l)
{
    long i;

    if (l == NULL || *l == NULL)
        return;
    if ((*l)->callback != NULL)
        for (i = 0; i < (*l)->size; i++)
            (*l)->callback(&(*l)->items[i]);
    free((*l)->items);
    free(*l);
    *l = NULL;
}

const void *drmaa2_list_get(const drmaa2_list l, long pos)
{
    if (stub_enter(__func__))
        return NULL;
    if (l == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_list_get: the list is NULL");
        return NULL;
    }
    if (pos < 0 || pos >= l->size) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "drmaa2_list_get: position %ld is outside the list of %ld entries",
                   pos, l->size);
        return NULL;
    }
    return l->items[pos];
}

drmaa2_error stub_list_append(drmaa2_list l, const void *value)
{
    if (l == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_list_add: the list is NULL");
    if (value == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "drmaa2_list_add: the value is NULL (a list holds no NULL entries)");
    if (l->size == l->capacity) {
        long capacity = l->capacity == 0 ? 8 : l->capacity * 2;
        void **grown = realloc(l->items, (size_t) capacity * sizeof *grown);
        if (grown == NULL)
            return stub_error(DRMAA2_OUT_OF_RESOURCE,
                              "out of memory growing a list to %ld entries", capacity);
        l->items = grown;
        l->capacity = capacity;
    }
    /* The list stores the caller's pointer; const only promises the list won't write through it. */
    l->items[l->size++] = (void *) value;
    return DRMAA2_SUCCESS;
}

drmaa2_error drmaa2_list_add(drmaa2_list l, const void *value)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (stub_quirk(STUB_QUIRK_LIST_PREPENDS)) {
        drmaa2_error e = stub_list_append(l, value);
        if (e == DRMAA2_SUCCESS && l->size > 1) {
            memmove(&l->items[1], &l->items[0], (size_t) (l->size - 1) * sizeof *l->items);
            l->items[0] = (void *) value;
        }
        return e;
    }
    return stub_list_append(l, value);
}

drmaa2_error drmaa2_list_del(drmaa2_list l, long pos)
{
    if (stub_enter(__func__))
        return drmaa2_lasterror();
    if (l == NULL)
        return stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_list_del: the list is NULL");
    if (pos < 0 || pos >= l->size)
        return stub_error(DRMAA2_INVALID_ARGUMENT,
                          "drmaa2_list_del: position %ld is outside the list of %ld entries",
                          pos, l->size);
    if (l->callback != NULL)
        l->callback(&l->items[pos]);
    memmove(&l->items[pos], &l->items[pos + 1], (size_t) (l->size - pos - 1) * sizeof *l->items);
    l->size--;
    return DRMAA2_SUCCESS;
}

long drmaa2_list_size(const drmaa2_list l)
{
    if (stub_enter(__func__))
        return -1;
    if (l == NULL) {
        stub_error(DRMAA2_INVALID_ARGUMENT, "drmaa2_list_size: the list is NULL");
        return -1;
    }
    return l->size;
}
