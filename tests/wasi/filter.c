/* A standard-stream filter: copies standard input to standard output with every ASCII
 * letter's case swapped (all other bytes unchanged, so binary data goes through), then
 * reports the byte count on standard error and exits with the code given as its argument
 * (0 without one). With the argument "abort" it aborts after copying (a trap). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char buffer[1 << 16];

static void swap_case(unsigned char *bytes, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = bytes[i];
    if (c < 128 && isalpha(c))
      bytes[i] = isupper(c) ? tolower(c) : toupper(c);
  }
}

int main(int argc, char **argv) {
  size_t total = 0, n;
  while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    swap_case(buffer, n);
    if (fwrite(buffer, 1, n, stdout) != n) {
      perror("filter: write");
      return 70;
    }
    total += n;
  }
  if (ferror(stdin)) {
    perror("filter: read");
    return 71;
  }
  fflush(stdout);
  fprintf(stderr, "filter: %zu bytes\n", total);
  if (argc > 1 && strcmp(argv[1], "abort") == 0)
    abort();
  return argc > 1 ? atoi(argv[1]) : 0;
}
