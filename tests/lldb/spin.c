// Spins until a debugger clears `keep_spinning` (tests/lldb.rs interrupts it, writes the
// global, detaches, and expects the normal exit). Built by build.sh with -O0 -g.
#include <stdio.h>

volatile int keep_spinning = 1;
volatile unsigned long spins = 0;

int main(void) {
    printf("spinning\n");
    fflush(stdout);
    while (keep_spinning)
        spins++;
    printf("stopped spinning\n");
    return 0;
}
