/*
 * drmaa2_load LIBRARY: the C side of item 6 of `make bench`: the seconds that
 * dlopen of the DRMAA2 library, the lookup of drmaa2_get_drms_name and its first call
 * (with the free of its result) take, printed on stdout.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <time.h>

static double monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    char *(*get_drms_name)(void);
    void (*string_free)(char **);
    void *library;
    char *name;
    double start;

    if (argc != 2) {
        fprintf(stderr, "usage: drmaa2_load LIBRARY\n");
        return 2;
    }
    start = monotonic();
    library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "drmaa2_load: %s\n", dlerror());
        return 1;
    }
    *(void **) &get_drms_name = dlsym(library, "drmaa2_get_drms_name");
    *(void **) &string_free = dlsym(library, "drmaa2_string_free");
    if (get_drms_name == NULL || string_free == NULL) {
        fprintf(stderr, "drmaa2_load: %s lacks drmaa2_get_drms_name or drmaa2_string_free\n",
                argv[1]);
        return 1;
    }
    name = get_drms_name();
    string_free(&name);
    printf("%.9f\n", monotonic() - start);
    dlclose(library);
    return 0;
}
