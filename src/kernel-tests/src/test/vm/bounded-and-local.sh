#!/usr/bin/env bash
# Kernel cases for the bounded mode (move_pages in batches) and the node spec local, in one boot of
# topology "4-cpus" (nodes 0-3, each with memory and one CPU). Judged by BoundedAndLocalKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment
echo "thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo absent)" >> "$NUMA_VM_OUT/environment"

# pages_on NODE NUMA_MAPS_TEXT: the process's pages on NODE (0 when none)
pages_on() { echo "$(( $( (grep -o " N$1=[0-9]*" <<< "$2" || true) | cut -d= -f2 | paste -sd+ | bc) + 0 ))"; }

# watch_arrivals PID NODE PAGES ACTION... : in the background, runs ACTION once PID has PAGES more
# pages on NODE than now, and notes the placement then in $WATCH_NOTE; sets WATCHER.
watch_arrivals() {
  local pid="$1" node="$2" more="$3" baseline
  shift 3
  baseline="$(pages_on "$node" "$(cat "/proc/$pid/numa_maps")")"
  (
    while maps="$(cat "/proc/$pid/numa_maps" 2>/dev/null)"; do
      if [ "$(pages_on "$node" "$maps")" -gt $((baseline + more)) ]; then
        "$@"
        echo "pages on node 0: $(pages_on 0 "$maps"), on node $node: $(pages_on "$node" "$maps") ($baseline before the move)" > "$WATCH_NOTE"
        exit 0
      fi
      sleep 0.01
    done
  ) &
  WATCHER=$!
}

# 256 MiB moved from node 0 to node 1 in bounded mode (default budget, 10 ms per call).
start_memhog bounded-256 --membind=0 -- 256 && pid=$MEMHOG_PID
grep AnonHugePages "/proc/$pid/smaps_rollup" > /tmp/thp-bounded-256 || true
run_case bounded-256 "$pid" "$CLI" --bounded --json "$pid" 0 1
cp /tmp/thp-bounded-256 "$CASES/bounded-256/anon-huge-pages"
stop_memhog "$pid"

# Unequal amounts on nodes 2 and 3; bounded 2-3 -> 0,1 must land 2->0 and 3->1.
start_memhog bounded-relative 96@2 48@3 && pid=$MEMHOG_PID
run_case bounded-relative-2-3-to-0-1 "$pid" "$CLI" --max-pause 5ms --json "$pid" 2-3 0,1
stop_memhog "$pid"

# local: pinned to CPU 1 (node 1) with its memory on node 0; FROM all means every other node.
rm -f /tmp/memhog-local-1.ready
taskset -c 1 numactl --membind=0 "$NUMA_VM_MEMHOG" -r /tmp/memhog-local-1.ready 64 > /tmp/memhog-local-1.out 2>&1 &
await_memhog local-1 /tmp/memhog-local-1.ready $! && pid=$MEMHOG_PID
run_case local-dry-run "$pid" "$CLI" --dry-run --bounded "$pid" all local
run_case local-pinned-to-node-1 "$pid" "$CLI" --json "$pid" all local
stop_memhog "$pid"

# local on 4 nodes: allowed on the CPUs of nodes 2 and 3, memory on nodes 0 and 1: 0->2, 1->3.
rm -f /tmp/memhog-local-23.ready
taskset -c 2,3 "$NUMA_VM_MEMHOG" -r /tmp/memhog-local-23.ready 48@0 32@1 > /tmp/memhog-local-23.out 2>&1 &
await_memhog local-23 /tmp/memhog-local-23.ready $! && pid=$MEMHOG_PID
run_case local-cpus-of-nodes-2-3 "$pid" "$CLI" --bounded --json "$pid" all local
stop_memhog "$pid"

# Exits mid-move: killed (and reaped) once 16 MiB have arrived on node 1; --rate 32M makes the
# 256 MiB move last at least 8 s.
start_memhog exits 256@0 && pid=$MEMHOG_PID
mkdir -p "$CASES/bounded-exits-mid-move"
WATCH_NOTE="$CASES/bounded-exits-mid-move/killed-at"
watch_arrivals "$pid" 1 4096 kill -9 "$pid"
run_case bounded-exits-mid-move - "$CLI" --rate 32M --json "$pid" 0 1
wait "$WATCHER" || true
stop_memhog "$pid"

# Unmaps half its memory mid-move (SIGUSR1 to unmapper.py once 16 MiB have arrived on node 1).
rm -f /tmp/unmapper.ready /tmp/unmapper.ready.unmapped
numactl --membind=0 python3 "$(dirname "$0")/unmapper.py" /tmp/unmapper.ready 256 > /tmp/memhog-unmapper.out 2>&1 &
await_memhog unmapper /tmp/unmapper.ready $! && pid=$MEMHOG_PID
mkdir -p "$CASES/bounded-unmaps-mid-move"
WATCH_NOTE="$CASES/bounded-unmaps-mid-move/signalled-at"
watch_arrivals "$pid" 1 4096 kill -USR1 "$pid"
run_case bounded-unmaps-mid-move "$pid" "$CLI" --rate 32M --json "$pid" 0 1
wait "$WATCHER" || true
cp /tmp/unmapper.ready.unmapped "$CASES/bounded-unmaps-mid-move/unmapped" 2>/dev/null || true
stop_memhog "$pid"

finish
