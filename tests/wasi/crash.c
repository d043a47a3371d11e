/* Traps three calls deep in named functions: the backtrace must name them. */
#include <stdio.h>

__attribute__((noinline)) int divide(int a, int b) { return a / b; }
__attribute__((noinline)) int average(int sum, int count) { return divide(sum, count); }

int main(int argc, char **argv) {
  (void)argv;
  printf("average: %d\n", average(10, argc - 1));
  return 0;
}
