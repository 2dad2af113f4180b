/* The job info of a 2012-layout library (GFD.198) as its drmaa2_jinfo_create gives it:
 * every field unset and, as malloc leaves it, the padding after exitStatus and jobState
 * uninitialised.  tools/valgrind-probes.py runs the binding's job-info probe on it under
 * valgrind: a probe that read that padding would use an uninitialised value. */
#include <stdlib.h>

struct jinfo_2012 {
    char *jobId;
    int exitStatus;             /* 4 bytes of padding follow */
    char *terminatingSignal;
    char *annotation;
    int jobState;               /* 4 bytes of padding follow */
    char *jobSubState;
    void *allocatedMachines;
    char *submissionMachine;
    char *jobOwner;
    long long slots;
    char *queueName;
    long wallclockTime;
    long long cpuTime;
    long submissionTime;
    long dispatchTime;
    long finishTime;
};

struct jinfo_2012 *drmaa2_jinfo_create(void)
{
    struct jinfo_2012 *info = malloc(sizeof *info);
    if (info == NULL)
        return NULL;
    info->jobId = NULL;
    info->exitStatus = -1;
    info->terminatingSignal = NULL;
    info->annotation = NULL;
    info->jobState = -1;
    info->jobSubState = NULL;
    info->allocatedMachines = NULL;
    info->submissionMachine = NULL;
    info->jobOwner = NULL;
    info->slots = -1;
    info->queueName = NULL;
    info->wallclockTime = -3;
    info->cpuTime = -1;
    info->submissionTime = -3;
    info->dispatchTime = -3;
    info->finishTime = -3;
    return info;
}

void drmaa2_jinfo_free(struct jinfo_2012 **info)
{
    free(*info);
    *info = NULL;
}
