/* The kernels' freestanding C library (bench/kernels/rt). */
#include <stdlib.h>
