/*
 * drmaa2.h: the DRMAA2 C API as implemented by the drmaa2 stub library.
 *
 * This is the project's own header of the standard C binding of DRMAA 2
 * (the 2016 binding, GFD.230): job info carries jobName, machine info lists
 * OS / OS version / architecture in that order, all nine public structs end
 * with a `void *implementationSpecific` member owned by the library, every
 * enum has its own UNSET member, and both the 2016 function names and the
 * 2012 names kept as aliases are declared.
 *
 * Conventions the stub follows everywhere:
 * - Functions returning a pointer return NULL on failure; functions returning
 *   drmaa2_error return the code; drmaa2_list_size returns -1 and
 *   drmaa2_j_get_state returns DRMAA2_UNSET_JSTATE on failure.
 * - The last error code and text are kept per thread. Every API call resets
 *   them to "no error" when it starts, except drmaa2_lasterror,
 *   drmaa2_lasterror_text and the functions that cannot fail (drmaa2_string_free
 *   and the drmaa2_*_free functions), which leave them untouched so an error
 *   can still be read after cleaning up.
 * - Every string, list, struct and handle returned is new and belongs to the
 *   caller, except the borrowed results of drmaa2_list_get and drmaa2_dict_get.
 */
#ifndef DRMAA2_H
#define DRMAA2_H

#include <time.h>

/* ------------------------------------------------------ build profiles
 * The same sources build the layout of each profile of drmaa2/_c/profiles.py
 * (make stub-vendors): -DDRMAA2_STUB_PROFILE=DRMAA2_STUB_<NAME>; the default
 * is the standard's 2016 header. tests/test_fields.py preprocesses this header
 * for each profile and compares its structs with the profile's layout. */
#define DRMAA2_STUB_GFD198 1   /* 2012 header: no jobName, no implementationSpecific */
#define DRMAA2_STUB_UGE83  2   /* 2012 job info, machine arch before OS */
#define DRMAA2_STUB_GFD230 3   /* the 2016 header */
#define DRMAA2_STUB_UGE    4   /* 2016 job info, arch before OS, AUTHORIZATION = 14 */
#ifndef DRMAA2_STUB_PROFILE
#define DRMAA2_STUB_PROFILE DRMAA2_STUB_GFD230
#endif
#define DRMAA2_STUB_GRID_ENGINE \
    (DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE83 || DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE)
/* Job info has jobName after jobId (2016). */
#define DRMAA2_STUB_JOB_NAME_IN_JINFO \
    (DRMAA2_STUB_PROFILE == DRMAA2_STUB_GFD230 || DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE)
/* Which structs end in implementationSpecific: all nine, or the six of UGE 8.3
 * (jtemplate, jinfo, rtemplate, rinfo, queueinfo, machineinfo), or none. */
#define DRMAA2_STUB_IMPL_SPEC_ALL DRMAA2_STUB_JOB_NAME_IN_JINFO
#define DRMAA2_STUB_IMPL_SPEC_SIX (DRMAA2_STUB_PROFILE != DRMAA2_STUB_GFD198)
/* The 2016 function names (drmaa2_j_get_jtemplate, ...) beside the 2012 ones. */
#define DRMAA2_STUB_NAMES_2016 (DRMAA2_STUB_PROFILE != DRMAA2_STUB_GFD198)
/* The optional functions a library may lack; -DDRMAA2_STUB_NO_OPTIONAL builds
 * without j_reap, jarray_reap, version_impl_spec and get_drmaa_name. UGE 8.3
 * has neither get_drmaa_name nor get_drmaa_version. */
#ifdef DRMAA2_STUB_NO_OPTIONAL
#define DRMAA2_STUB_OPTIONAL 0
#else
#define DRMAA2_STUB_OPTIONAL 1
#endif
#define DRMAA2_STUB_HAS_GET_DRMAA_VERSION (DRMAA2_STUB_PROFILE != DRMAA2_STUB_UGE83)
#define DRMAA2_STUB_HAS_GET_DRMAA_NAME (DRMAA2_STUB_OPTIONAL && DRMAA2_STUB_HAS_GET_DRMAA_VERSION)
/* What each profile's real library reports (c-api.md 5.13, 8.1): the OGF mock
 * no DRMS name or version and "drmaa2-mock" 0.1; Grid Engine "Univa Grid Engine". */
#if DRMAA2_STUB_PROFILE == DRMAA2_STUB_GFD198
#define DRMAA2_STUB_DRMAA_NAME_TEXT "drmaa2-mock"
#define DRMAA2_STUB_DRMAA_MAJOR "0"
#define DRMAA2_STUB_DRMAA_MINOR "1"
#elif DRMAA2_STUB_GRID_ENGINE
#define DRMAA2_STUB_DRMS_NAME "Univa Grid Engine"
#define DRMAA2_STUB_DRMS_MAJOR "8"
#define DRMAA2_STUB_DRMS_MINOR (DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE ? "6" : "5")
#define DRMAA2_STUB_DRMAA_NAME_TEXT "Univa Grid Engine"
#define DRMAA2_STUB_DRMAA_MAJOR "2"
#define DRMAA2_STUB_DRMAA_MINOR "0"
#else
#define DRMAA2_STUB_DRMS_NAME "drmaa2-stub"
#define DRMAA2_STUB_DRMS_MAJOR "1"
#define DRMAA2_STUB_DRMS_MINOR "0"
#define DRMAA2_STUB_DRMAA_NAME_TEXT "drmaa2-stub"
#define DRMAA2_STUB_DRMAA_MAJOR "2"
#define DRMAA2_STUB_DRMAA_MINOR "2"
#endif
/* What a wait whose time is up fails with: INVALID_STATE on Grid Engine
 * (c-api.md 7.2), TIMEOUT elsewhere. */
#define DRMAA2_STUB_WAIT_EXPIRED_ERROR \
    (DRMAA2_STUB_GRID_ENGINE ? DRMAA2_INVALID_STATE : DRMAA2_TIMEOUT)
/* The job template priority that means "unset". */
#if DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE
#define DRMAA2_STUB_UNSET_PRIORITY (-99999LL)
#else
#define DRMAA2_STUB_UNSET_PRIORITY (-1LL)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- enums */

typedef enum drmaa2_jstate {
    DRMAA2_UNSET_JSTATE = -1,
    DRMAA2_UNDETERMINED = 0,
    DRMAA2_QUEUED = 1,
    DRMAA2_QUEUED_HELD = 2,
    DRMAA2_RUNNING = 3,
    DRMAA2_SUSPENDED = 4,
    DRMAA2_REQUEUED = 5,
    DRMAA2_REQUEUED_HELD = 6,
    DRMAA2_DONE = 7,
    DRMAA2_FAILED = 8
} drmaa2_jstate;

typedef enum drmaa2_os {
    DRMAA2_UNSET_OS = -1,
    DRMAA2_OTHER_OS = 0,
    DRMAA2_AIX = 1,
    DRMAA2_BSD = 2,
    DRMAA2_LINUX = 3,
    DRMAA2_HPUX = 4,
    DRMAA2_IRIX = 5,
    DRMAA2_MACOS = 6,
    DRMAA2_SUNOS = 7,
    DRMAA2_TRU64 = 8,
    DRMAA2_UNIXWARE = 9,
    DRMAA2_WIN = 10,
    DRMAA2_WINNT = 11
} drmaa2_os;

typedef enum drmaa2_cpu {
    DRMAA2_UNSET_CPU = -1,
    DRMAA2_OTHER_CPU = 0,
    DRMAA2_ALPHA = 1,
    DRMAA2_ARM = 2,
    DRMAA2_ARM64 = 3,
    DRMAA2_CELL = 4,
    DRMAA2_PARISC = 5,
    DRMAA2_PARISC64 = 6,
    DRMAA2_X86 = 7,
    DRMAA2_X64 = 8,
    DRMAA2_IA64 = 9,
    DRMAA2_MIPS = 10,
    DRMAA2_MIPS64 = 11,
    DRMAA2_PPC = 12,
    DRMAA2_PPC64 = 13,
    DRMAA2_SPARC = 14,
    DRMAA2_SPARC64 = 15,
    DRMAA2_PPC64LE = 16
} drmaa2_cpu;

typedef enum drmaa2_event {
    DRMAA2_UNSET_EVENT = -1,
    DRMAA2_NEW_STATE = 0,
    DRMAA2_MIGRATED = 1,
    DRMAA2_ATTRIBUTE_CHANGE = 2
} drmaa2_event;

typedef enum drmaa2_capability {
    DRMAA2_UNSET_CAPABILITY = -1,
    DRMAA2_ADVANCE_RESERVATION = 0,
    DRMAA2_RESERVE_SLOTS = 1,
    DRMAA2_CALLBACK = 2,
    DRMAA2_BULK_JOBS_MAXPARALLEL = 3,
    DRMAA2_JT_EMAIL = 4,
    DRMAA2_JT_STAGING = 5,
    DRMAA2_JT_DEADLINE = 6,
    DRMAA2_JT_MAXSLOTS = 7,
    DRMAA2_JT_ACCOUNTINGID = 8,
    DRMAA2_RT_STARTNOW = 9,
    DRMAA2_RT_DURATION = 10,
    DRMAA2_RT_MACHINEOS = 11,
    DRMAA2_RT_MACHINEARCH = 12
} drmaa2_capability;

/* An int-sized enum, not C99 _Bool. "Unset" and "false" are the same value. */
typedef enum drmaa2_bool {
    DRMAA2_FALSE = 0,
    DRMAA2_TRUE = 1
} drmaa2_bool;

typedef enum drmaa2_error {
    DRMAA2_UNSET_ERROR = -1,
    DRMAA2_SUCCESS = 0,
    DRMAA2_DENIED_BY_DRMS = 1,
    DRMAA2_DRM_COMMUNICATION = 2,
    DRMAA2_TRY_LATER = 3,
    DRMAA2_SESSION_MANAGEMENT = 4,
    DRMAA2_TIMEOUT = 5,
    DRMAA2_INTERNAL = 6,
    DRMAA2_INVALID_ARGUMENT = 7,
    DRMAA2_INVALID_SESSION = 8,
    DRMAA2_INVALID_STATE = 9,
    DRMAA2_OUT_OF_RESOURCE = 10,
    DRMAA2_UNSUPPORTED_ATTRIBUTE = 11,
    DRMAA2_UNSUPPORTED_OPERATION = 12,
    DRMAA2_IMPLEMENTATION_SPECIFIC = 13,
#if DRMAA2_STUB_PROFILE == DRMAA2_STUB_UGE
    DRMAA2_AUTHORIZATION = 14,
    DRMAA2_LASTERROR = 15            /* one past the last code; not an error */
#else
    DRMAA2_LASTERROR = 14            /* one past the last code; not an error */
#endif
} drmaa2_error;

typedef enum drmaa2_listtype {
    DRMAA2_UNSET_LISTTYPE = -1,
    DRMAA2_STRINGLIST = 0,           /* entries: char * */
    DRMAA2_JOBLIST = 1,              /* entries: drmaa2_j */
    DRMAA2_QUEUEINFOLIST = 2,        /* entries: drmaa2_queueinfo */
    DRMAA2_MACHINEINFOLIST = 3,      /* entries: drmaa2_machineinfo */
    DRMAA2_SLOTINFOLIST = 4,         /* entries: drmaa2_slotinfo */
    DRMAA2_RESERVATIONLIST = 5       /* entries: drmaa2_r */
} drmaa2_listtype;

/* ----------------------------------------------- special values, macros */

#define DRMAA2_ZERO_TIME     ((time_t) 0)   /* timeout: check once, do not wait */
#define DRMAA2_INFINITE_TIME ((time_t) -1)  /* timeout: wait as long as it takes */
#define DRMAA2_NOW           ((time_t) -2)  /* start time: as soon as possible */
#define DRMAA2_UNSET_TIME    ((time_t) -3)

#define DRMAA2_HOME_DIR    "$DRMAA2_HOME_DIR$"
#define DRMAA2_WORKING_DIR "$DRMAA2_WORKING_DIR$"
#define DRMAA2_INDEX       "$DRMAA2_INDEX$"

#define DRMAA2_UNSET_BOOL     DRMAA2_FALSE
#define DRMAA2_UNSET_STRING   NULL
#define DRMAA2_UNSET_NUM      (-1)
#define DRMAA2_UNSET_ENUM     (-1)
#define DRMAA2_UNSET_LIST     NULL
#define DRMAA2_UNSET_DICT     NULL
#define DRMAA2_UNSET_CALLBACK NULL
#define DRMAA2_UNSET_JINFO    NULL
#define DRMAA2_UNSET_VERSION  NULL

/* Keys of jtemplate.resourceLimits; each holds its own bare name, e.g. "CPU_TIME". */
extern const char *const DRMAA2_CORE_FILE_SIZE;
extern const char *const DRMAA2_CPU_TIME;
extern const char *const DRMAA2_DATA_SIZE;
extern const char *const DRMAA2_FILE_SIZE;
extern const char *const DRMAA2_OPEN_FILES;
extern const char *const DRMAA2_STACK_SIZE;
extern const char *const DRMAA2_VIRTUAL_MEMORY;
extern const char *const DRMAA2_WALLCLOCK_TIME;

/* ------------------------------------------------------- opaque handles */

typedef char *drmaa2_string;

typedef struct drmaa2_list_s *drmaa2_list;
typedef struct drmaa2_list_s *drmaa2_string_list;
typedef struct drmaa2_list_s *drmaa2_j_list;
typedef struct drmaa2_list_s *drmaa2_queueinfo_list;
typedef struct drmaa2_list_s *drmaa2_machineinfo_list;
typedef struct drmaa2_list_s *drmaa2_slotinfo_list;
typedef struct drmaa2_list_s *drmaa2_r_list;
typedef struct drmaa2_dict_s *drmaa2_dict;

typedef struct drmaa2_jsession_s *drmaa2_jsession;
typedef struct drmaa2_rsession_s *drmaa2_rsession;
typedef struct drmaa2_msession_s *drmaa2_msession;
typedef struct drmaa2_j_s *drmaa2_j;
typedef struct drmaa2_jarray_s *drmaa2_jarray;
typedef struct drmaa2_r_s *drmaa2_r;

/* Called with the address of an entry when a list drops it. */
typedef void (*drmaa2_list_entryfree)(void **value);
/* Called with the addresses of a key and a value when a dict drops them;
 * key is NULL when only the value is being replaced. */
typedef void (*drmaa2_dict_entryfree)(char **key, char **value);

/* ------------------------------------------------------- public structs */

typedef struct drmaa2_version_s {
    drmaa2_string major;
    drmaa2_string minor;
#if DRMAA2_STUB_IMPL_SPEC_ALL
    void *implementationSpecific;
#endif
} drmaa2_version_s;
typedef drmaa2_version_s *drmaa2_version;

typedef struct drmaa2_jtemplate_s {
    drmaa2_string remoteCommand;
    drmaa2_string_list args;
    drmaa2_bool submitAsHold;
    drmaa2_bool rerunnable;
    drmaa2_dict jobEnvironment;
    drmaa2_string workingDirectory;
    drmaa2_string jobCategory;
    drmaa2_string_list email;
    drmaa2_bool emailOnStarted;
    drmaa2_bool emailOnTerminated;
    drmaa2_string jobName;
    drmaa2_string inputPath;
    drmaa2_string outputPath;
    drmaa2_string errorPath;
    drmaa2_bool joinFiles;
    drmaa2_string reservationId;
    drmaa2_string queueName;
    long long minSlots;
    long long maxSlots;
    long long priority;
    drmaa2_string_list candidateMachines;
    long long minPhysMemory;          /* KiB */
    drmaa2_os machineOS;
    drmaa2_cpu machineArch;
    time_t startTime;
    time_t deadlineTime;
    drmaa2_dict stageInFiles;
    drmaa2_dict stageOutFiles;
    drmaa2_dict resourceLimits;
    drmaa2_string accountingId;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_jtemplate_s;
typedef drmaa2_jtemplate_s *drmaa2_jtemplate;

typedef struct drmaa2_jinfo_s {
    drmaa2_string jobId;
#if DRMAA2_STUB_JOB_NAME_IN_JINFO
    drmaa2_string jobName;
#endif
    int exitStatus;
    drmaa2_string terminatingSignal;
    drmaa2_string annotation;
    drmaa2_jstate jobState;
    drmaa2_string jobSubState;
    drmaa2_string_list allocatedMachines; /* machine names (char *) */
    drmaa2_string submissionMachine;
    drmaa2_string jobOwner;
    long long slots;
    drmaa2_string queueName;
    time_t wallclockTime;             /* duration in seconds */
    long long cpuTime;                /* seconds */
    time_t submissionTime;
    time_t dispatchTime;
    time_t finishTime;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_jinfo_s;
typedef drmaa2_jinfo_s *drmaa2_jinfo;

typedef struct drmaa2_rtemplate_s {
    drmaa2_string reservationName;
    time_t startTime;
    time_t endTime;
    time_t duration;
    long long minSlots;
    long long maxSlots;
    drmaa2_string jobCategory;
    drmaa2_string_list usersACL;
    drmaa2_string_list candidateMachines;
    long long minPhysMemory;
    drmaa2_os machineOS;
    drmaa2_cpu machineArch;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_rtemplate_s;
typedef drmaa2_rtemplate_s *drmaa2_rtemplate;

typedef struct drmaa2_slotinfo_s {
    drmaa2_string machineName;
    long long slots;
#if DRMAA2_STUB_IMPL_SPEC_ALL
    void *implementationSpecific;
#endif
} drmaa2_slotinfo_s;
typedef drmaa2_slotinfo_s *drmaa2_slotinfo;

typedef struct drmaa2_rinfo_s {
    drmaa2_string reservationId;
    drmaa2_string reservationName;
    time_t reservedStartTime;
    time_t reservedEndTime;
    drmaa2_string_list usersACL;
    long long reservedSlots;
    drmaa2_slotinfo_list reservedMachines;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_rinfo_s;
typedef drmaa2_rinfo_s *drmaa2_rinfo;

typedef struct drmaa2_queueinfo_s {
    drmaa2_string name;
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_queueinfo_s;
typedef drmaa2_queueinfo_s *drmaa2_queueinfo;

typedef struct drmaa2_machineinfo_s {
    drmaa2_string name;
    drmaa2_bool available;
    long long sockets;
    long long coresPerSocket;
    long long threadsPerCore;
    float load;
    long long physMemory;             /* KiB */
    long long virtMemory;             /* KiB */
#if DRMAA2_STUB_GRID_ENGINE
    drmaa2_cpu machineArch;
    drmaa2_version machineOSVersion;
    drmaa2_os machineOS;
#else
    drmaa2_os machineOS;
    drmaa2_version machineOSVersion;
    drmaa2_cpu machineArch;
#endif
#if DRMAA2_STUB_IMPL_SPEC_SIX
    void *implementationSpecific;
#endif
} drmaa2_machineinfo_s;
typedef drmaa2_machineinfo_s *drmaa2_machineinfo;

typedef struct drmaa2_notification_s {
    drmaa2_event event;
    drmaa2_string jobId;
    drmaa2_string sessionName;
    drmaa2_jstate jobState;
#if DRMAA2_STUB_IMPL_SPEC_ALL
    void *implementationSpecific;
#endif
} drmaa2_notification_s;
typedef drmaa2_notification_s *drmaa2_notification;

/* Receives the address of a new notification; the application frees it
 * with drmaa2_notification_free(notification). */
typedef void (*drmaa2_callback)(drmaa2_notification *notification);

/* ------------------------------------------------- errors and strings */

void drmaa2_string_free(drmaa2_string *string);
drmaa2_error drmaa2_lasterror(void);
drmaa2_string drmaa2_lasterror_text(void);   /* new copy, or NULL if no error */

/* ----------------------------------------------------------------- lists */

/* A list stores the pointers it is given (no copies, no NULL entries) in the
 * order they were added. The callback, if any, is called with the address of
 * an entry when drmaa2_list_del or drmaa2_list_free drops it. */
drmaa2_list drmaa2_list_create(const drmaa2_listtype t, const drmaa2_list_entryfree callback);
void drmaa2_list_free(drmaa2_list *l);
/* Borrowed; NULL with INVALID_ARGUMENT for a position outside the list. */
const void *drmaa2_list_get(const drmaa2_list l, long pos);
drmaa2_error drmaa2_list_add(drmaa2_list l, const void *value);   /* appends */
drmaa2_error drmaa2_list_del(drmaa2_list l, long pos);
long drmaa2_list_size(const drmaa2_list l);                      /* -1 for NULL */

/* ---------------------------------------------------------- dictionaries */

/* A dict stores the key and value pointers it is given (no copies) and keeps
 * its keys in the order they were first set. The callback, if any, releases
 * what the dict drops: on free and del both key and value; when set replaces
 * a value, the old value and, if a different key pointer was passed (the dict
 * then keeps the new one), the old key, else NULL for the key. */
drmaa2_dict drmaa2_dict_create(const drmaa2_dict_entryfree callback);
void drmaa2_dict_free(drmaa2_dict *d);
drmaa2_string_list drmaa2_dict_list(const drmaa2_dict d);        /* copies of the keys */
drmaa2_bool drmaa2_dict_has(const drmaa2_dict d, const char *key);
/* Borrowed; NULL with INVALID_ARGUMENT if the key is absent. */
const char *drmaa2_dict_get(const drmaa2_dict d, const char *key);
drmaa2_error drmaa2_dict_del(drmaa2_dict d, const char *key);
drmaa2_error drmaa2_dict_set(drmaa2_dict d, const char *key, const char *val);

/* ------------------------------------------- structs: create and free */

drmaa2_jtemplate drmaa2_jtemplate_create(void);
void drmaa2_jtemplate_free(drmaa2_jtemplate *jt);
drmaa2_rtemplate drmaa2_rtemplate_create(void);
void drmaa2_rtemplate_free(drmaa2_rtemplate *rt);
drmaa2_jinfo drmaa2_jinfo_create(void);
void drmaa2_jinfo_free(drmaa2_jinfo *ji);
drmaa2_rinfo drmaa2_rinfo_create(void);
void drmaa2_rinfo_free(drmaa2_rinfo *ri);
void drmaa2_slotinfo_free(drmaa2_slotinfo *si);
void drmaa2_notification_free(drmaa2_notification *n);
void drmaa2_queueinfo_free(drmaa2_queueinfo *qi);
void drmaa2_version_free(drmaa2_version *v);
void drmaa2_machineinfo_free(drmaa2_machineinfo *mi);

/* ----------------------------------- implementation-specific attributes */

drmaa2_string_list drmaa2_jtemplate_impl_spec(void);
drmaa2_string_list drmaa2_jinfo_impl_spec(void);
drmaa2_string_list drmaa2_rtemplate_impl_spec(void);
drmaa2_string_list drmaa2_rinfo_impl_spec(void);
drmaa2_string_list drmaa2_queueinfo_impl_spec(void);
drmaa2_string_list drmaa2_machineinfo_impl_spec(void);
drmaa2_string_list drmaa2_notification_impl_spec(void);
/* instance is the struct pointer itself (e.g. a drmaa2_jtemplate). A known
 * attribute without a value gives NULL with the last error left at SUCCESS. */
drmaa2_string drmaa2_get_instance_value(const void *instance, const char *name);
drmaa2_string drmaa2_describe_attribute(const void *instance, const char *name);
/* The value is copied; NULL removes the attribute's value. */
drmaa2_error drmaa2_set_instance_value(void *instance, const char *name, const char *value);

/* ------------------------------------------------------- handle frees */

void drmaa2_jsession_free(drmaa2_jsession *js);
void drmaa2_rsession_free(drmaa2_rsession *rs);
void drmaa2_msession_free(drmaa2_msession *ms);
void drmaa2_j_free(drmaa2_j *j);
void drmaa2_jarray_free(drmaa2_jarray *ja);
void drmaa2_r_free(drmaa2_r *r);

/* --------------------------------------------------- reservation session */

drmaa2_string drmaa2_rsession_get_contact(const drmaa2_rsession rs);
drmaa2_string drmaa2_rsession_get_session_name(const drmaa2_rsession rs);
drmaa2_r drmaa2_rsession_get_reservation(const drmaa2_rsession rs, const drmaa2_string reservationId);
drmaa2_r drmaa2_rsession_request_reservation(const drmaa2_rsession rs, const drmaa2_rtemplate rt);
drmaa2_r_list drmaa2_rsession_get_reservations(const drmaa2_rsession rs);

/* ----------------------------------------------------------- reservation */

drmaa2_string drmaa2_r_get_id(const drmaa2_r r);
drmaa2_string drmaa2_r_get_session_name(const drmaa2_r r);
drmaa2_rtemplate drmaa2_r_get_reservation_template(const drmaa2_r r);
#if DRMAA2_STUB_NAMES_2016
drmaa2_rtemplate drmaa2_r_get_rtemplate(const drmaa2_r r);          /* alias */
#endif
drmaa2_rinfo drmaa2_r_get_info(const drmaa2_r r);
drmaa2_error drmaa2_r_terminate(drmaa2_r r);

/* ------------------------------------------------------------- job array */

drmaa2_string drmaa2_jarray_get_id(const drmaa2_jarray ja);
drmaa2_j_list drmaa2_jarray_get_jobs(const drmaa2_jarray ja);
drmaa2_string drmaa2_jarray_get_session_name(const drmaa2_jarray ja);
#if DRMAA2_STUB_NAMES_2016
drmaa2_jtemplate drmaa2_jarray_get_jtemplate(const drmaa2_jarray ja);
#endif
drmaa2_jtemplate drmaa2_jarray_get_job_template(const drmaa2_jarray ja); /* 2012 name */
drmaa2_error drmaa2_jarray_suspend(drmaa2_jarray ja);
drmaa2_error drmaa2_jarray_resume(drmaa2_jarray ja);
drmaa2_error drmaa2_jarray_hold(drmaa2_jarray ja);
drmaa2_error drmaa2_jarray_release(drmaa2_jarray ja);
drmaa2_error drmaa2_jarray_terminate(drmaa2_jarray ja);
#if DRMAA2_STUB_OPTIONAL
drmaa2_error drmaa2_jarray_reap(drmaa2_jarray ja);
#endif

/* ----------------------------------------------------------- job session */

drmaa2_string drmaa2_jsession_get_contact(const drmaa2_jsession js);
drmaa2_string drmaa2_jsession_get_session_name(const drmaa2_jsession js);
drmaa2_string_list drmaa2_jsession_get_job_categories(const drmaa2_jsession js);
drmaa2_j_list drmaa2_jsession_get_jobs(const drmaa2_jsession js, const drmaa2_jinfo filter);
drmaa2_jarray drmaa2_jsession_get_job_array(const drmaa2_jsession js, const drmaa2_string jobarrayId);
drmaa2_j drmaa2_jsession_run_job(const drmaa2_jsession js, const drmaa2_jtemplate jt);
drmaa2_jarray drmaa2_jsession_run_bulk_jobs(const drmaa2_jsession js, const drmaa2_jtemplate jt,
                                            const long long begin_index, const long long end_index,
                                            const long long step, const long long max_parallel);
drmaa2_j drmaa2_jsession_wait_any_started(const drmaa2_jsession js, const drmaa2_j_list l,
                                          const time_t timeout);
drmaa2_j drmaa2_jsession_wait_any_terminated(const drmaa2_jsession js, const drmaa2_j_list l,
                                             const time_t timeout);

/* ------------------------------------------------------------------- job */

drmaa2_string drmaa2_j_get_id(const drmaa2_j j);
drmaa2_string drmaa2_j_get_session_name(const drmaa2_j j);
#if DRMAA2_STUB_NAMES_2016
drmaa2_jtemplate drmaa2_j_get_jtemplate(const drmaa2_j j);
#endif
drmaa2_jtemplate drmaa2_j_get_jt(const drmaa2_j j);                 /* 2012 name */
drmaa2_error drmaa2_j_suspend(drmaa2_j j);
drmaa2_error drmaa2_j_resume(drmaa2_j j);
drmaa2_error drmaa2_j_hold(drmaa2_j j);
drmaa2_error drmaa2_j_release(drmaa2_j j);
drmaa2_error drmaa2_j_terminate(drmaa2_j j);
#if DRMAA2_STUB_OPTIONAL
drmaa2_error drmaa2_j_reap(drmaa2_j j);
#endif
drmaa2_jstate drmaa2_j_get_state(const drmaa2_j j, drmaa2_string *substate);
drmaa2_jinfo drmaa2_j_get_info(const drmaa2_j j);
drmaa2_error drmaa2_j_wait_started(const drmaa2_j j, const time_t timeout);
drmaa2_error drmaa2_j_wait_terminated(const drmaa2_j j, const time_t timeout);

/* ---------------------------------------------------- monitoring session */

drmaa2_r_list drmaa2_msession_get_all_reservations(const drmaa2_msession ms);
drmaa2_j_list drmaa2_msession_get_all_jobs(const drmaa2_msession ms, const drmaa2_jinfo filter);
drmaa2_queueinfo_list drmaa2_msession_get_all_queues(const drmaa2_msession ms,
                                                     const drmaa2_string_list names);
drmaa2_machineinfo_list drmaa2_msession_get_all_machines(const drmaa2_msession ms,
                                                         const drmaa2_string_list names);

/* ------------------- session manager: names, versions, sessions, events */

drmaa2_string drmaa2_get_drms_name(void);
drmaa2_version drmaa2_get_drms_version(void);
#if DRMAA2_STUB_HAS_GET_DRMAA_NAME
drmaa2_string drmaa2_get_drmaa_name(void);
#endif
#if DRMAA2_STUB_HAS_GET_DRMAA_VERSION
drmaa2_version drmaa2_get_drmaa_version(void);
#endif
drmaa2_bool drmaa2_supports(const drmaa2_capability c);
drmaa2_jsession drmaa2_create_jsession(const char *session_name, const char *contact);
drmaa2_rsession drmaa2_create_rsession(const char *session_name, const char *contact);
drmaa2_jsession drmaa2_open_jsession(const char *session_name);
drmaa2_rsession drmaa2_open_rsession(const char *session_name);
drmaa2_msession drmaa2_open_msession(const char *session_name);
drmaa2_error drmaa2_close_jsession(drmaa2_jsession js);
drmaa2_error drmaa2_close_rsession(drmaa2_rsession rs);
drmaa2_error drmaa2_close_msession(drmaa2_msession ms);
drmaa2_error drmaa2_destroy_jsession(const char *session_name);
drmaa2_error drmaa2_destroy_rsession(const char *session_name);
drmaa2_string_list drmaa2_get_jsession_names(void);
drmaa2_string_list drmaa2_get_rsession_names(void);
/* NULL unregisters. */
drmaa2_error drmaa2_register_event_notification(const drmaa2_callback callback);

#ifdef __cplusplus
}
#endif

#endif /* DRMAA2_H */
