/* The kernels' freestanding C library (bench/kernels/rt): only what compiles to one Wasm
 * instruction. */
#ifndef BENCH_RT_MATH_H
#define BENCH_RT_MATH_H
#define fabs(x) __builtin_fabs(x)
#define fabsf(x) __builtin_fabsf(x)
#define sqrt(x) __builtin_sqrt(x)
#define sqrtf(x) __builtin_sqrtf(x)
#define floor(x) __builtin_floor(x)
#define floorf(x) __builtin_floorf(x)
#define ceil(x) __builtin_ceil(x)
#define ceilf(x) __builtin_ceilf(x)
#endif
