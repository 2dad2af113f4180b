/*
 * bench_exit_stamp [SECONDS]: sleep SECONDS (default 0), print the wall-clock time
 * (seconds since the epoch, to the nanosecond) and exit at once with status 0.
 * The job of `make bench`'s wait-latency item: the stamp is as close to the exit as
 * a program can put it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec pause = {0, 0}, now;
    double seconds = argc > 1 ? strtod(argv[1], NULL) : 0.0;
    char line[64];
    int length;

    if (seconds > 0) {
        pause.tv_sec = (time_t) seconds;
        pause.tv_nsec = (long) ((seconds - (double) pause.tv_sec) * 1e9);
        nanosleep(&pause, NULL);
    }
    clock_gettime(CLOCK_REALTIME, &now);
    length = snprintf(line, sizeof line, "%lld.%09ld\n", (long long) now.tv_sec, now.tv_nsec);
    if (write(STDOUT_FILENO, line, (size_t) length) != length)
        _exit(1);
    _exit(0);
}
