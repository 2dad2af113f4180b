/* The names of the resource limits, the keys of jtemplate.resourceLimits. */
#include "stub.h"

const char *const DRMAA2_CORE_FILE_SIZE = "CORE_FILE_SIZE";
const char *const DRMAA2_CPU_TIME = "CPU_TIME";
const char *const DRMAA2_DATA_SIZE = "DATA_SIZE";
const char *const DRMAA2_FILE_SIZE = "FILE_SIZE";
const char *const DRMAA2_OPEN_FILES = "OPEN_FILES";
const char *const DRMAA2_STACK_SIZE = "STACK_SIZE";
const char *const DRMAA2_VIRTUAL_MEMORY = "VIRTUAL_MEMORY";
const char *const DRMAA2_WALLCLOCK_TIME = "WALLCLOCK_TIME";
