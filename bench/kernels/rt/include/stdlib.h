/* The kernels' freestanding C library (bench/kernels/rt): what the vendored code includes. */
#ifndef BENCH_RT_STDLIB_H
#define BENCH_RT_STDLIB_H
#include <stddef.h>
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int posix_memalign(void **out, size_t alignment, size_t size);
_Noreturn void abort(void);
#define abs(x) __builtin_abs(x)
#endif
