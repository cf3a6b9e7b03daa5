/*
 * pause-probe: a workload that notices pauses. It holds SIZE_MIB of anonymous memory and loops:
 * each iteration writes one byte to each of the next 16 pages of that memory (so it waits for any of
 * them that is being migrated) and maps, touches and unmaps one page of fresh memory, as an
 * allocator does for large blocks (munmap needs the mmap lock for writing, so it waits while another
 * task holds it for reading, as migrate_pages(2) does for a whole node pass). It records the time
 * between the starts of consecutive iterations.
 *
 *   pause-probe SIZE_MIB READY_FILE RESULT_FILE
 *
 * Writes its pid to READY_FILE once every page is touched. SIGUSR1 starts a measurement window
 * (forgets earlier gaps), SIGUSR2 ends it: RESULT_FILE gets "iterations=N worst_ns=W p99_ns=P
 * median_ns=M" and the probe exits 0.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGES_PER_ITERATION 16
#define MAX_GAPS (32L * 1024 * 1024)

static volatile sig_atomic_t measuring, done;

static void on_start(int sig) { (void)sig; measuring = 1; }
static void on_stop(int sig) { (void)sig; done = 1; }

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: pause-probe SIZE_MIB READY_FILE RESULT_FILE\n");
    return 2;
  }
  size_t size = (size_t)atol(argv[1]) << 20;
  long page = sysconf(_SC_PAGESIZE);
  size_t pages = size / (size_t)page;
  char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  long long *gaps = mmap(NULL, MAX_GAPS * sizeof(long long), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED || gaps == MAP_FAILED || pages == 0) {
    perror("pause-probe: mmap");
    return 3;
  }
  for (size_t i = 0; i < pages; i++) memory[i * (size_t)page] = 1;
  signal(SIGUSR1, on_start);
  signal(SIGUSR2, on_stop);

  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
  FILE *ready = fopen(tmp, "w");
  if (!ready) { perror("pause-probe: ready file"); return 3; }
  fprintf(ready, "%d\n", getpid());
  fclose(ready);
  rename(tmp, argv[2]);

  size_t next = 0;
  long count = 0;
  long long last = now_ns();
  while (!done) {
    long long start = now_ns();
    if (measuring && count < MAX_GAPS) gaps[count++] = start - last;
    if (!measuring) count = 0;
    last = start;
    for (int i = 0; i < PAGES_PER_ITERATION; i++) {
      memory[next * (size_t)page]++;
      next = (next + 1) % pages;
    }
    char *fresh = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fresh != MAP_FAILED) {
      fresh[0] = 1;
      munmap(fresh, (size_t)page);
    }
  }
  long long worst = 0, p99 = 0, median = 0;
  if (count > 0) {
    qsort(gaps, (size_t)count, sizeof(long long), compare);
    worst = gaps[count - 1];
    long rank = (long)((count * 99 + 99) / 100); /* nearest rank: ceil(0.99 n) */
    p99 = gaps[rank - 1];
    median = gaps[(count - 1) / 2];
  }
  FILE *out = fopen(argv[3], "w");
  if (!out) { perror("pause-probe: result file"); return 3; }
  fprintf(out, "iterations=%ld worst_ns=%lld p99_ns=%lld median_ns=%lld\n", count, worst, p99, median);
  fclose(out);
  return 0;
}
