/* The cost of first touches of memory on this machine: maps 1 GiB of anonymous memory and writes one byte per 4 KiB
 * page, so that every page is faulted in once; prints the seconds and the microseconds per page. A JVM whose heap
 * grows, or a process whose allocator returns freed memory to the system, pays this for every page it touches anew. */
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

int main(void) {
    const size_t size = (size_t) 1 << 30, page = 4096;
    struct timespec start, end;
    char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) { perror("mmap"); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < size; i += page) memory[i] = 1;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) * 1e-9;
    printf("first touch of 1 GiB: %.3f s, %.2f us per 4 KiB page\n", seconds, seconds / (size / page) * 1e6);
    return 0;
}
