/* The kernels' freestanding C library (bench/kernels/rt): a failed assertion traps. */
#ifndef BENCH_RT_ASSERT_H
#define BENCH_RT_ASSERT_H
#define assert(x) ((x) ? (void)0 : __builtin_trap())
#endif
