/* The kernels' freestanding C library (bench/kernels/rt): newlib's qsort.c includes it. */
#define __unused __attribute__((unused))
