/* implspec.h: how structs.c and implspec.c keep track of the structs the
 * library allocated, so the reflective interface can tell a struct's type
 * from its address and refuse pointers it never handed out. */
#ifndef STUB_IMPLSPEC_H
#define STUB_IMPLSPEC_H

#include "stub.h"

typedef enum stub_kind {
    STUB_KIND_JTEMPLATE,
    STUB_KIND_JINFO,
    STUB_KIND_RTEMPLATE,
    STUB_KIND_RINFO,
    STUB_KIND_SLOTINFO,
    STUB_KIND_QUEUEINFO,
    STUB_KIND_MACHINEINFO,
    STUB_KIND_NOTIFICATION,
    STUB_KIND_VERSION
} stub_kind;

/* Registers a new struct of that kind and points its implementationSpecific
 * member at the library's record of it; sets the last error on failure. */
STUB_INTERNAL drmaa2_error stub_impl_attach(void *instance, stub_kind kind);
/* Forgets a struct about to be freed and releases its attribute values. */
STUB_INTERNAL void stub_impl_detach(void *instance);

#endif /* STUB_IMPLSPEC_H */
