/* Reports what a WASI program can reach, one line per attempt: its arguments and
 * environment, then opening paths given as arguments (`open PATH: ok` or the error), writing
 * and reading back a file, listing a directory. The test runs it with a preopened directory
 * and paths that try to leave it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path) {
  DIR *dir = opendir(path);
  if (!dir) {
    printf("list %s: %s\n", path, strerror(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && n < 64)
    names[n++] = strdup(e->d_name);
  closedir(dir);
  qsort(names, n, sizeof names[0], compare);
  printf("list %s:", path);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++)
    printf("arg %d: %s\n", i, argv[i]);
  for (char **e = environ; *e; e++)
    printf("env %s\n", *e);

  FILE *out = fopen("/sandbox/written.txt", "w");
  if (!out) {
    printf("create: %s\n", strerror(errno));
  } else {
    fputs("written by the guest\n", out);
    fclose(out);
    char line[64] = "";
    FILE *in = fopen("/sandbox/written.txt", "r");
    if (in && fgets(line, sizeof line, in))
      printf("read back: %s", line);
    if (in)
      fclose(in);
  }
  list("/sandbox");

  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      printf("open %s: %s\n", argv[i], strerror(errno));
      continue;
    }
    char data[64] = "";
    ssize_t n = read(fd, data, sizeof data - 1);
    close(fd);
    printf("open %s: ok, %zd bytes: %s\n", argv[i], n, n > 0 ? data : "");
  }
  return 0;
}
