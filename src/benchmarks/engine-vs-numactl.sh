#!/usr/bin/env bash
# Benchmark (not a test): the same 256 MiB move, node 0 -> node 1, by `bin/migratepages --json` and by
# numactl's `migratepages`, alternating which goes first, each on a fresh memhog.
# Runs inside a 2-node NUMA VM (see run-engine-vs-numactl); cwd = project root.
#   REPS (default 7), MIB (default 256)
# Prints every measurement, the medians, and ratio = our migrate_pages call (elapsedNanos) / numactl's whole run.
set -euo pipefail

REPS="${REPS:-7}"
MIB="${MIB:-256}"
CLI="${MIGRATEPAGES_CLI:-bin/migratepages}"
MEMHOG="${NUMA_VM_MEMHOG:?run this inside the NUMA VM (src/benchmarks/run-engine-vs-numactl)}"
RESULTS="${NUMA_VM_OUT:-/tmp}/engine-vs-numactl.tsv"

now_ns() { date +%s%N; }

start_memhog() {
  rm -f /tmp/bench.ready
  numactl --membind=0 "$MEMHOG" -r /tmp/bench.ready "$MIB" > /dev/null &
  HOG=$!
  until [ -f /tmp/bench.ready ]; do
    kill -0 "$HOG" 2>/dev/null || { echo "memhog died" >&2; exit 1; }
    sleep 0.05
  done
}

stop_memhog() { kill "$HOG" 2>/dev/null || true; wait "$HOG" 2>/dev/null || true; }

# Percentage of the process's pages on node $2, read from numa_maps.
percent_on() {
  awk -v want="N$2=" '{
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^N[0-9]+=/) { split(substr($i, 2), kv, "="); total += kv[2]; if (index($i, want) == 1) on += kv[2] }
      }
    } END { printf "%.1f", total ? 100 * on / total : 0 }' "/proc/$1/numa_maps"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }

run_ours() {
  start_memhog
  local t0 t1 json call
  t0=$(now_ns)
  json=$("$CLI" --json "$HOG" 0 1)
  t1=$(now_ns)
  call=$(echo "$json" | grep -o '"elapsedNanos" *: *[0-9]*' | grep -o '[0-9]*$')
  [ -n "$call" ] || { echo "no elapsedNanos in: $json" >&2; exit 1; }
  printf 'ours\t%d\t%d\t%d\t%s\n' "$rep" "$call" "$((t1 - t0))" "$(percent_on "$HOG" 1)" >> "$RESULTS"
  printf 'rep %d  ours:    migrate_pages call %8s ms   whole CLI %8s ms   on node 1 afterwards %s%%\n' \
    "$rep" "$(ms "$call")" "$(ms $((t1 - t0)))" "$(percent_on "$HOG" 1)"
  stop_memhog
}

run_numactl() {
  start_memhog
  local t0 t1
  t0=$(now_ns)
  migratepages "$HOG" 0 1
  t1=$(now_ns)
  printf 'numactl\t%d\t%d\t%d\t%s\n' "$rep" "$((t1 - t0))" "$((t1 - t0))" "$(percent_on "$HOG" 1)" >> "$RESULTS"
  printf 'rep %d  numactl: whole migratepages run %8s ms                          on node 1 afterwards %s%%\n' \
    "$rep" "$(ms $((t1 - t0)))" "$(percent_on "$HOG" 1)"
  stop_memhog
}

# Apples to apples, when strace is installed: the time numactl's own migrate_pages call spent in the kernel
# (strace -T), measured on a separate fresh memhog so the timed numactl runs above stay untraced.
run_numactl_syscall() {
  command -v strace > /dev/null || return 0
  start_memhog
  strace -T -e trace=migrate_pages -o /tmp/bench.strace migratepages "$HOG" 0 1
  local seconds ns
  seconds=$(grep -o '<[0-9.]*>$' /tmp/bench.strace | tr -d '<>' | tail -n 1)
  ns=$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1e9 }')
  printf 'numactl-syscall\t%d\t%d\t%d\t%s\n' "$rep" "$ns" "$ns" "$(percent_on "$HOG" 1)" >> "$RESULTS"
  printf 'rep %d  numactl: its migrate_pages call (strace -T) %8s ms\n' "$rep" "$(ms "$ns")"
  stop_memhog
}

echo "engine vs numactl: $REPS alternating repetitions, ${MIB} MiB, node 0 -> node 1, kernel $(uname -r)"
echo "numa_balancing=$(cat /proc/sys/kernel/numa_balancing 2>/dev/null || echo absent)"
printf 'tool\trep\tmigrate_ns\twhole_ns\tpercent_on_node1\n' > "$RESULTS"
"$CLI" --json --dry-run $$ 0 0 > /dev/null 2>&1 || true # warm the page cache for the CLI's jar and JDK
for rep in $(seq 1 "$REPS"); do
  if [ $((rep % 2)) = 1 ]; then run_ours; run_numactl; else run_numactl; run_ours; fi
  run_numactl_syscall
done

column() { awk -F'\t' -v tool="$1" -v col="$2" '$1 == tool { print $col }' "$RESULTS"; }
ours_call=$(column ours 3 | median)
ours_whole=$(column ours 4 | median)
numactl_whole=$(column numactl 4 | median)
ours_call_min=$(column ours 3 | sort -n | head -n 1)
numactl_whole_min=$(column numactl 4 | sort -n | head -n 1)
# Each repetition's pair ran back to back, under the same outside load: the median of their ratios.
paired_ratio=$(awk -F'\t' '$1 == "ours" { o[$2] = $3 } $1 == "numactl" { n[$2] = $4 }
  END { for (r in o) printf "%.4f\n", o[r] / n[r] }' "$RESULTS" | sort -n |
  awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
echo "median of $REPS: our migrate_pages call $(ms "$ours_call") ms; numactl's whole run $(ms "$numactl_whole") ms;" \
  "our whole CLI run (JVM start included) $(ms "$ours_whole") ms"
echo "minimum:   our migrate_pages call $(ms "$ours_call_min") ms; numactl's whole run $(ms "$numactl_whole_min") ms"
awk -v a="$ours_call" -v b="$numactl_whole" -v p="$paired_ratio" 'BEGIN {
  r = a / b
  printf "ratio of medians (our call / numactl run) = %.3f  target <= 1.10: %s\n", r, (r <= 1.10 ? "met" : "NOT met")
  printf "median of per-repetition ratios            = %.3f\n", p }'
if command -v strace > /dev/null; then
  numactl_call=$(column numactl-syscall 3 | median)
  awk -v a="$ours_call" -v b="$numactl_call" 'BEGIN {
    printf "numactl migrate_pages call alone (strace -T), median %.1f ms: our call / its call = %.3f\n", b / 1e6, a / b }'
fi
echo "raw numbers: $RESULTS"
