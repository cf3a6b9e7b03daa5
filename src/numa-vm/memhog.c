/*
 * memhog: allocate anonymous memory, touch every page, report readiness, hold it until killed.
 *
 *   memhog [-r READY_FILE] SIZE_MIB[@NODE] [SIZE_MIB[@NODE] ...]
 *
 * Each SIZE_MIB[@NODE] is one private anonymous mapping. With @NODE the mapping gets an
 * MPOL_BIND policy for that node (mbind) before it is touched, so one process can hold memory
 * on several nodes. Without @NODE the task's own policy applies (e.g. `numactl --membind=N memhog 256`).
 *
 * When every page is touched memhog prints "ready pid=<pid>" on stdout and, with -r, writes
 * "<pid>\n" to READY_FILE (atomically: written to READY_FILE.tmp, then renamed). It then sleeps
 * until a signal ends it. Exit codes: 0 never (it is killed), 2 usage, 3 mmap/mbind failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_BIND 2
#define MAX_NODES 1024

static void usage(void) {
  fprintf(stderr,
          "usage: memhog [-r READY_FILE] SIZE_MIB[@NODE] [SIZE_MIB[@NODE] ...]\n"
          "  SIZE_MIB: positive integer (MiB); NODE: NUMA node id 0-%d to bind that region to\n",
          MAX_NODES - 1);
  exit(2);
}

static long parse_number(const char *text, const char *what, const char *arg) {
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno || end == text || *end != '\0' || value < 0) {
    fprintf(stderr, "memhog: bad %s in '%s': expected a non-negative integer\n", what, arg);
    usage();
  }
  return value;
}

static void bind_to_node(void *addr, size_t length, long node) {
  unsigned long mask[MAX_NODES / (8 * sizeof(unsigned long))] = {0};
  mask[node / (8 * sizeof(unsigned long))] |= 1UL << (node % (8 * sizeof(unsigned long)));
  if (syscall(SYS_mbind, addr, length, MPOL_BIND, mask, (unsigned long)MAX_NODES + 1, 0) != 0) {
    fprintf(stderr, "memhog: mbind to node %ld failed: %s\n", node, strerror(errno));
    exit(3);
  }
}

static void touch_every_page(char *region, size_t length) {
  long page = sysconf(_SC_PAGESIZE);
  for (size_t offset = 0; offset < length; offset += (size_t)page) {
    region[offset] = (char)(offset / (size_t)page);
  }
}

static void announce_ready(const char *ready_file) {
  printf("ready pid=%d\n", (int)getpid());
  fflush(stdout);
  if (ready_file == NULL) return;
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s.tmp", ready_file);
  FILE *out = fopen(tmp, "w");
  if (out == NULL || fprintf(out, "%d\n", (int)getpid()) < 0 || fclose(out) != 0 ||
      rename(tmp, ready_file) != 0) {
    fprintf(stderr, "memhog: cannot write ready file %s: %s\n", ready_file, strerror(errno));
    exit(3);
  }
}

int main(int argc, char **argv) {
  const char *ready_file = NULL;
  int opt;
  while ((opt = getopt(argc, argv, "r:")) != -1) {
    if (opt == 'r') ready_file = optarg;
    else usage();
  }
  if (optind >= argc) usage();

  for (int i = optind; i < argc; i++) {
    char spec[64];
    if (strlen(argv[i]) >= sizeof spec) usage();
    strcpy(spec, argv[i]);
    char *at = strchr(spec, '@');
    long node = -1;
    if (at != NULL) {
      *at = '\0';
      node = parse_number(at + 1, "NODE", argv[i]);
      if (node >= MAX_NODES) {
        fprintf(stderr, "memhog: NODE in '%s' must be below %d\n", argv[i], MAX_NODES);
        usage();
      }
    }
    long mib = parse_number(spec, "SIZE_MIB", argv[i]);
    if (mib == 0) {
      fprintf(stderr, "memhog: SIZE_MIB in '%s' must be at least 1\n", argv[i]);
      usage();
    }
    size_t length = (size_t)mib << 20;
    char *region = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) {
      fprintf(stderr, "memhog: mmap of %ld MiB failed: %s\n", mib, strerror(errno));
      return 3;
    }
    if (node >= 0) bind_to_node(region, length, node);
    touch_every_page(region, length);
  }

  announce_ready(ready_file);
  for (;;) pause();
}
