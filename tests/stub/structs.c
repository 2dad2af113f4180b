/* The public structs: create (every field UNSET) and free. */
#include <stdlib.h>
#include <string.h>

#include "implspec.h"

/* A zeroed struct registered with the reflective interface; NULL with the error set. */
static void *struct_new(size_t size, stub_kind kind, const char *what)
{
    void *s = calloc(1, size);

    if (s == NULL) {
        stub_error(DRMAA2_OUT_OF_RESOURCE, "out of memory creating a %s", what);
        return NULL;
    }
    if (stub_impl_attach(s, kind) != DRMAA2_SUCCESS) {
        free(s);
        return NULL;
    }
    return s;
}

/* ---------------------------------------------------------- job template */

drmaa2_jtemplate stub_jtemplate_new(void)
{
    drmaa2_jtemplate jt = struct_new(sizeof *jt, STUB_KIND_JTEMPLATE, "drmaa2_jtemplate");

    if (jt == NULL)
        return NULL;
    jt->submitAsHold = DRMAA2_UNSET_BOOL;
    jt->rerunnable = DRMAA2_UNSET_BOOL;
    jt->emailOnStarted = DRMAA2_UNSET_BOOL;
    jt->emailOnTerminated = DRMAA2_UNSET_BOOL;
    jt->joinFiles = DRMAA2_UNSET_BOOL;
    jt->minSlots = DRMAA2_UNSET_NUM;
    jt->maxSlots = DRMAA2_UNSET_NUM;
    jt->priority = DRMAA2_STUB_UNSET_PRIORITY;
    jt->minPhysMemory = DRMAA2_UNSET_NUM;
    jt->machineOS = DRMAA2_UNSET_OS;
    jt->machineArch = DRMAA2_UNSET_CPU;
    jt->startTime = DRMAA2_UNSET_TIME;
    jt->deadlineTime = DRMAA2_UNSET_TIME;
    return jt;
}

drmaa2_jtemplate drmaa2_jtemplate_create(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_jtemplate_new();
}

void drmaa2_jtemplate_free(drmaa2_jtemplate *jt)
{
    drmaa2_jtemplate t;

    if (jt == NULL || *jt == NULL)
        return;
    t = *jt;
    stub_impl_detach(t);
    free(t->remoteCommand);
    drmaa2_list_free(&t->args);
    drmaa2_dict_free(&t->jobEnvironment);
    free(t->workingDirectory);
    free(t->jobCategory);
    drmaa2_list_free(&t->email);
    free(t->jobName);
    free(t->inputPath);
    free(t->outputPath);
    free(t->errorPath);
    free(t->reservationId);
    free(t->queueName);
    drmaa2_list_free(&t->candidateMachines);
    drmaa2_dict_free(&t->stageInFiles);
    drmaa2_dict_free(&t->stageOutFiles);
    drmaa2_dict_free(&t->resourceLimits);
    free(t->accountingId);
    free(t);
    *jt = NULL;
}

/* Copies a string field; 0 (error set) if memory ran out. */
static int copy_string(char **to, const char *from)
{
    *to = stub_strdup(from);
    return from == NULL || *to != NULL;
}

/* -------------------------------------------------------------- job info */

drmaa2_jinfo stub_jinfo_new(void)
{
    drmaa2_jinfo ji = struct_new(sizeof *ji, STUB_KIND_JINFO, "drmaa2_jinfo");

    if (ji == NULL)
        return NULL;
    ji->exitStatus = DRMAA2_UNSET_NUM;
    ji->jobState = DRMAA2_UNSET_JSTATE;
    ji->slots = DRMAA2_UNSET_NUM;
    ji->wallclockTime = DRMAA2_UNSET_TIME;
    ji->cpuTime = DRMAA2_UNSET_NUM;
    ji->submissionTime = DRMAA2_UNSET_TIME;
    ji->dispatchTime = DRMAA2_UNSET_TIME;
    ji->finishTime = DRMAA2_UNSET_TIME;
    return ji;
}

drmaa2_jinfo drmaa2_jinfo_create(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_jinfo_new();
}

void drmaa2_jinfo_free(drmaa2_jinfo *ji)
{
    drmaa2_jinfo i;

    if (ji == NULL || *ji == NULL)
        return;
    i = *ji;
    stub_impl_detach(i);
    free(i->jobId);
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
    free(i->jobName);
#endif
    free(i->terminatingSignal);
    free(i->annotation);
    free(i->jobSubState);
    drmaa2_list_free(&i->allocatedMachines);
    free(i->submissionMachine);
    free(i->jobOwner);
    free(i->queueName);
    free(i);
    *ji = NULL;
}

/* -------------------------------------------------- reservation template */

drmaa2_rtemplate stub_rtemplate_new(void)
{
    drmaa2_rtemplate rt = struct_new(sizeof *rt, STUB_KIND_RTEMPLATE, "drmaa2_rtemplate");

    if (rt == NULL)
        return NULL;
    rt->startTime = DRMAA2_UNSET_TIME;
    rt->endTime = DRMAA2_UNSET_TIME;
    rt->duration = DRMAA2_UNSET_TIME;
    rt->minSlots = DRMAA2_UNSET_NUM;
    rt->maxSlots = DRMAA2_UNSET_NUM;
    rt->minPhysMemory = DRMAA2_UNSET_NUM;
    rt->machineOS = DRMAA2_UNSET_OS;
    rt->machineArch = DRMAA2_UNSET_CPU;
    return rt;
}

drmaa2_rtemplate drmaa2_rtemplate_create(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_rtemplate_new();
}

void drmaa2_rtemplate_free(drmaa2_rtemplate *rt)
{
    drmaa2_rtemplate t;

    if (rt == NULL || *rt == NULL)
        return;
    t = *rt;
    stub_impl_detach(t);
    free(t->reservationName);
    free(t->jobCategory);
    drmaa2_list_free(&t->usersACL);
    drmaa2_list_free(&t->candidateMachines);
    free(t);
    *rt = NULL;
}

/* ------------------------------------------------------ reservation info */

drmaa2_rinfo stub_rinfo_new(void)
{
    drmaa2_rinfo ri = struct_new(sizeof *ri, STUB_KIND_RINFO, "drmaa2_rinfo");

    if (ri == NULL)
        return NULL;
    ri->reservedStartTime = DRMAA2_UNSET_TIME;
    ri->reservedEndTime = DRMAA2_UNSET_TIME;
    ri->reservedSlots = DRMAA2_UNSET_NUM;
    return ri;
}

drmaa2_rinfo drmaa2_rinfo_create(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_rinfo_new();
}

void drmaa2_rinfo_free(drmaa2_rinfo *ri)
{
    drmaa2_rinfo i;

    if (ri == NULL || *ri == NULL)
        return;
    i = *ri;
    stub_impl_detach(i);
    free(i->reservationId);
    free(i->reservationName);
    drmaa2_list_free(&i->usersACL);
    drmaa2_list_free(&i->reservedMachines);
    free(i);
    *ri = NULL;
}

/* -------------------------------------------------------- slot info */

drmaa2_slotinfo stub_slotinfo_new(const char *machine, long long slots)
{
    drmaa2_slotinfo si = struct_new(sizeof *si, STUB_KIND_SLOTINFO, "drmaa2_slotinfo");

    if (si == NULL)
        return NULL;
    si->slots = slots;
    if (!copy_string(&si->machineName, machine))
        drmaa2_slotinfo_free(&si);
    return si;
}

void drmaa2_slotinfo_free(drmaa2_slotinfo *si)
{
    if (si == NULL || *si == NULL)
        return;
    stub_impl_detach(*si);
    free((*si)->machineName);
    free(*si);
    *si = NULL;
}

/* -------------------------------------------------------- queue info */

drmaa2_queueinfo stub_queueinfo_new(const char *name)
{
    drmaa2_queueinfo qi = struct_new(sizeof *qi, STUB_KIND_QUEUEINFO, "drmaa2_queueinfo");

    if (qi != NULL && !copy_string(&qi->name, name))
        drmaa2_queueinfo_free(&qi);
    return qi;
}

void drmaa2_queueinfo_free(drmaa2_queueinfo *qi)
{
    if (qi == NULL || *qi == NULL)
        return;
    stub_impl_detach(*qi);
    free((*qi)->name);
    free(*qi);
    *qi = NULL;
}

/* ------------------------------------------------------------ version */

drmaa2_version stub_version_new(const char *major, const char *minor)
{
    drmaa2_version v = struct_new(sizeof *v, STUB_KIND_VERSION, "drmaa2_version");

    if (v != NULL && !(copy_string(&v->major, major) && copy_string(&v->minor, minor)))
        drmaa2_version_free(&v);
    return v;
}

void drmaa2_version_free(drmaa2_version *v)
{
    if (v == NULL || *v == NULL)
        return;
    stub_impl_detach(*v);
    free((*v)->major);
    free((*v)->minor);
    free(*v);
    *v = NULL;
}

/* ------------------------------------------------------- machine info */

drmaa2_machineinfo stub_machineinfo_new(void)
{
    drmaa2_machineinfo mi = struct_new(sizeof *mi, STUB_KIND_MACHINEINFO, "drmaa2_machineinfo");

    if (mi == NULL)
        return NULL;
    mi->available = DRMAA2_UNSET_BOOL;
    mi->sockets = DRMAA2_UNSET_NUM;
    mi->coresPerSocket = DRMAA2_UNSET_NUM;
    mi->threadsPerCore = DRMAA2_UNSET_NUM;
    mi->load = DRMAA2_UNSET_NUM;
    mi->physMemory = DRMAA2_UNSET_NUM;
    mi->virtMemory = DRMAA2_UNSET_NUM;
    mi->machineOS = DRMAA2_UNSET_OS;
    mi->machineArch = DRMAA2_UNSET_CPU;
    return mi;
}

void drmaa2_machineinfo_free(drmaa2_machineinfo *mi)
{
    if (mi == NULL || *mi == NULL)
        return;
    stub_impl_detach(*mi);
    free((*mi)->name);
    drmaa2_version_free(&(*mi)->machineOSVersion);
    free(*mi);
    *mi = NULL;
}

/* ------------------------------------------------------- notification */

drmaa2_notification stub_notification_new(drmaa2_event e, const char *job_id,
                                          const char *session, drmaa2_jstate s)
{
    drmaa2_notification n = struct_new(sizeof *n, STUB_KIND_NOTIFICATION, "drmaa2_notification");

    if (n == NULL)
        return NULL;
    n->event = e;
    n->jobState = s;
    if (!(copy_string(&n->jobId, job_id) && copy_string(&n->sessionName, session)))
        drmaa2_notification_free(&n);
    return n;
}

void drmaa2_notification_free(drmaa2_notification *n)
{
    if (n == NULL || *n == NULL)
        return;
    stub_impl_detach(*n);
    free((*n)->jobId);
    free((*n)->sessionName);
    free(*n);
    *n = NULL;
}
