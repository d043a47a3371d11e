/* The kernels' freestanding C library (bench/kernels/rt): no I/O; the vendored code only
 * includes this header. */
#ifndef BENCH_RT_STDIO_H
#define BENCH_RT_STDIO_H
#include <stddef.h>
#endif
