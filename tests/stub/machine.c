/* This machine, the stub's only execution host: its name, CPU topology,
 * load, memory, operating system and architecture, and its job slots. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "stub.h"

/* This machine's name, malloc'd; NULL with the error set. */
static char *machine_name(void)
{
    char name[HOST_NAME_MAX + 1];

    if (gethostname(name, sizeof name) != 0) {
        stub_error(DRMAA2_INTERNAL, "cannot read this machine's name: %s", strerror(errno));
        return NULL;
    }
    name[sizeof name - 1] = '\0';
    return stub_strdup(name);
}

typedef struct cpu_topology {
    long long sockets, cores_per_socket, threads_per_core;
} cpu_topology;

/* Sockets, cores and threads from /proc/cpuinfo: logical CPUs are the
 * "processor" entries, sockets the distinct "physical id"s, cores the
 * distinct (physical id, core id) pairs. Without those fields (some
 * architectures and virtual machines) every logical CPU counts as a core
 * of a single socket. */
static cpu_topology read_topology(void)
{
    enum { MAX_CORES = 1024 };
    long core_keys[MAX_CORES];  /* physical id * 65536 + core id */
    long sockets_seen[256];
    cpu_topology t = {1, 1, 1};
    long logical = 0, cores = 0, sockets = 0, physical = -1, i;
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");

    if (f != NULL) {
        while (fgets(line, sizeof line, f) != NULL) {
            long value;
            if (strncmp(line, "processor", 9) == 0) {
                logical++;
            } else if (strncmp(line, "physical id", 11) == 0
                       && sscanf(strchr(line, ':') ? strchr(line, ':') + 1 : "", "%ld", &value) == 1) {
                physical = value;
                for (i = 0; i < sockets && sockets_seen[i] != value; i++)
                    ;
                if (i == sockets && sockets < (long) (sizeof sockets_seen / sizeof sockets_seen[0]))
                    sockets_seen[sockets++] = value;
            } else if (strncmp(line, "core id", 7) == 0 && physical >= 0
                       && sscanf(strchr(line, ':') ? strchr(line, ':') + 1 : "", "%ld", &value) == 1) {
                long key = physical * 65536 + value;
                for (i = 0; i < cores && core_keys[i] != key; i++)
                    ;
                if (i == cores && cores < MAX_CORES)
                    core_keys[cores++] = key;
            }
        }
        fclose(f);
    }
    if (logical == 0)
        logical = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
    if (sockets == 0 || cores == 0) {
        t.cores_per_socket = logical;
        return t;
    }
    t.sockets = sockets;
    t.cores_per_socket = cores / sockets > 0 ? cores / sockets : 1;
    t.threads_per_core = logical / cores > 0 ? logical / cores : 1;
    return t;
}

static drmaa2_cpu architecture_of(const char *machine)
{
    static const struct { const char *name; drmaa2_cpu cpu; } exact[] = {
        {"x86_64", DRMAA2_X64}, {"amd64", DRMAA2_X64}, {"aarch64", DRMAA2_ARM64},
        {"arm64", DRMAA2_ARM64}, {"ppc64le", DRMAA2_PPC64LE}, {"ppc64", DRMAA2_PPC64},
        {"ppc", DRMAA2_PPC}, {"ia64", DRMAA2_IA64}, {"mips64", DRMAA2_MIPS64},
        {"mips", DRMAA2_MIPS}, {"sparc64", DRMAA2_SPARC64}, {"sparc", DRMAA2_SPARC},
        {"alpha", DRMAA2_ALPHA}, {"parisc64", DRMAA2_PARISC64}, {"parisc", DRMAA2_PARISC},
    };
    size_t i;

    for (i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strcmp(machine, exact[i].name) == 0)
            return exact[i].cpu;
    if (machine[0] == 'i' && strlen(machine) == 4 && strcmp(machine + 2, "86") == 0)
        return DRMAA2_X86;     /* i386 .. i686 */
    if (strncmp(machine, "arm", 3) == 0)
        return DRMAA2_ARM;
    return DRMAA2_OTHER_CPU;
}

/* The kernel release as a version: "6.1.0-13-amd64" is major "6", minor "1.0-13-amd64". */
static drmaa2_version os_version_of(const char *release)
{
    const char *dot = strchr(release, '.');
    char *major;
    drmaa2_version v;

    if (dot == NULL)
        return stub_version_new(release, "0");
    major = stub_strprintf("%.*s", (int) (dot - release), release);
    if (major == NULL)
        return NULL;
    v = stub_version_new(major, dot + 1);
    free(major);
    return v;
}

drmaa2_machineinfo stub_local_machineinfo(void)
{
    drmaa2_machineinfo mi = stub_machineinfo_new();
    struct utsname uts;
    struct sysinfo si;
    cpu_topology topology;
    double load;

    if (mi == NULL)
        return NULL;
    if (uname(&uts) != 0 || sysinfo(&si) != 0) {
        stub_error(DRMAA2_INTERNAL, "cannot read this machine's system information: %s",
                   strerror(errno));
        drmaa2_machineinfo_free(&mi);
        return NULL;
    }
    mi->name = machine_name();
    mi->machineOSVersion = os_version_of(uts.release);
    if (mi->name == NULL || mi->machineOSVersion == NULL) {
        drmaa2_machineinfo_free(&mi);
        return NULL;
    }
    topology = read_topology();
    mi->available = DRMAA2_TRUE;
    mi->sockets = topology.sockets;
    mi->coresPerSocket = topology.cores_per_socket;
    mi->threadsPerCore = topology.threads_per_core;
    mi->load = getloadavg(&load, 1) == 1 ? (float) load : 0.0f;
    mi->physMemory = (long long) ((unsigned long long) si.totalram * si.mem_unit / 1024);
    mi->virtMemory = (long long) (((unsigned long long) si.totalram + si.totalswap)
                                  * si.mem_unit / 1024);
    mi->machineOS = DRMAA2_LINUX;
    mi->machineArch = architecture_of(uts.machine);
    return mi;
}

long stub_slots_total(void)
{
    const char *text = getenv("DRMAA2_STUB_SLOTS");
    char *end;
    long slots;

    if (text == NULL || text[0] == '\0') {
        slots = sysconf(_SC_NPROCESSORS_ONLN);
        return slots > 0 ? slots : 1;
    }
    errno = 0;
    slots = strtol(text, &end, 10);
    if (!(text[0] >= '0' && text[0] <= '9') || *end != '\0' || errno != 0 || slots < 1) {
        stub_error(DRMAA2_INVALID_ARGUMENT,
                   "DRMAA2_STUB_SLOTS must be a positive integer, got '%s'", text);
        return -1;
    }
    return slots;
}
