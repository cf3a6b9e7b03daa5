#!/usr/bin/env bash
# Benchmark (not a test): the workload's own pause while 256 MiB of it move from node 0 to node 1,
# by the whole path (one migrate_pages call) and by the bounded mode (move_pages in batches of at
# most --max-pause), alternating which goes first, each on a fresh pause-probe.
# Runs inside a 2-node NUMA VM (see run-pause-whole-vs-bounded); cwd = project root.
#   REPS (default 3), MIB (default 256), MAX_PAUSE (default 10ms), PROBE (the compiled pause-probe)
# Prints every measurement and, from the medians: worst gap, p99 gap and move time per mode, and the
# ratios bounded/whole of the worst gap and of the throughput.
set -euo pipefail

REPS="${REPS:-3}"
MIB="${MIB:-256}"
MAX_PAUSE="${MAX_PAUSE:-10ms}"
CLI="${MIGRATEPAGES_CLI:-bin/migratepages}"
PROBE="${PROBE:?the compiled pause-probe (run-pause-whole-vs-bounded builds it)}"
RESULTS="${NUMA_VM_OUT:-/tmp}/pause-whole-vs-bounded.tsv"

field() { grep -o "\"$1\" *: *[0-9]*" <<< "$2" | grep -o '[0-9]*$'; }
stat_of() { grep -o "$1=[0-9]*" "$2" | cut -d= -f2; }

measure() { # $1 = mode (whole|bounded)
  local mode="$1" args=() json probe
  [ "$mode" = bounded ] && args=(--max-pause "$MAX_PAUSE")
  rm -f /tmp/probe.ready /tmp/probe.result
  taskset -c 0 numactl --membind=0 "$PROBE" "$MIB" /tmp/probe.ready /tmp/probe.result &
  probe=$!
  until [ -f /tmp/probe.ready ]; do
    kill -0 "$probe" 2>/dev/null || { echo "pause-probe died" >&2; exit 1; }
    sleep 0.05
  done
  sleep 0.5
  kill -USR1 "$probe"
  sleep 0.5 # the gaps before the move are the probe's baseline, inside the same window
  json="$(taskset -c 1 "$CLI" --json "${args[@]}" "$probe" 0 1)"
  sleep 0.5
  kill -USR2 "$probe"
  wait "$probe"
  printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$rep" \
    "$(stat_of worst_ns /tmp/probe.result)" "$(stat_of p99_ns /tmp/probe.result)" \
    "$(stat_of median_ns /tmp/probe.result)" "$(stat_of iterations /tmp/probe.result)" \
    "$(field elapsedNanos "$json")" "$(field bytesMoved "$json")" "$(field calls "$json")" >> "$RESULTS"
}

printf 'mode\trep\tworst_gap_ns\tp99_gap_ns\tmedian_gap_ns\titerations\tmove_ns\tbytes_moved\tcalls\n' > "$RESULTS"
echo "kernel $(uname -r), $(nproc) vCPUs, THP $(cat /sys/kernel/mm/transparent_hugepage/enabled), numa_balancing $(cat /proc/sys/kernel/numa_balancing)"
echo "$MIB MiB on node 0 -> node 1, $REPS reps per mode, bounded --max-pause $MAX_PAUSE; probe on CPU 0, CLI on CPU 1"
for rep in $(seq 1 "$REPS"); do
  if [ $((rep % 2)) -eq 1 ]; then measure whole; measure bounded; else measure bounded; measure whole; fi
done
column -t "$RESULTS"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
col() { awk -F'\t' -v m="$1" -v c="$2" '$1 == m { print $c }' "$RESULTS" | median; }
for mode in whole bounded; do
  declare "worst_$mode=$(col "$mode" 3)" "p99_$mode=$(col "$mode" 4)" "move_$mode=$(col "$mode" 7)" \
    "bytes_$mode=$(col "$mode" 8)" "calls_$mode=$(col "$mode" 9)"
done
awk -v ww="$worst_whole" -v wb="$worst_bounded" -v pw="$p99_whole" -v pb="$p99_bounded" \
    -v mw="$move_whole" -v mb="$move_bounded" -v bw="$bytes_whole" -v bb="$bytes_bounded" \
    -v cb="$calls_bounded" 'BEGIN {
  tw = bw / (mw / 1e9); tb = bb / (mb / 1e9)
  printf "medians           worst gap    p99 gap    move time    moved      throughput\n"
  printf "whole             %8.1f ms %7.3f ms %9.1f ms %6.1f MiB %8.1f MiB/s  (1 call)\n", ww/1e6, pw/1e6, mw/1e6, bw/1048576, tw/1048576
  printf "bounded           %8.1f ms %7.3f ms %9.1f ms %6.1f MiB %8.1f MiB/s  (%d calls)\n", wb/1e6, pb/1e6, mb/1e6, bb/1048576, tb/1048576, cb
  printf "ratio bounded/whole: worst gap %.3f (target <= 0.1), throughput %.2f (target >= 0.8)\n", wb/ww, tb/tw
}'
