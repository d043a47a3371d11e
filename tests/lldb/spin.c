// Spins until a debugger clears `keep_spinning` (tests/lldb.rs interrupts it, writes the
// variable, detaches, and expects the normal exit). Built by build.sh with -O0 -g.
#include <stdio.h>

unsigned spin(void) {
    volatile int keep_spinning = 1;
    unsigned spins = 0;
    while (keep_spinning)
        spins++;
    return spins;
}

int main(void) {
    printf("spinning\n");
    fflush(stdout);
    unsigned spins = spin();
    printf("stopped spinning after %s spins\n", spins > 0 ? "some" : "no");
    return 0;
}
