// A C program for the LLDB tests (tests/lldb.rs): they stop in it by file and line, so the
// line numbers below are part of the test. Built by build.sh with -O0 -g.
#include <stdio.h>
#include <stdlib.h>

int square(int x) {
    int result = x * x;
    return result;
}

int sum_of_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        total += square(i);
    }
    return total;
}

int main(int argc, char **argv) {
    int n = 4;
    if (argc > 1)
        n = atoi(argv[1]);
    int sum = sum_of_squares(n);
    printf("sum of squares 1..%d = %d\n", n, sum);
    return 0;
}
