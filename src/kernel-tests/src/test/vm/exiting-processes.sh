#!/usr/bin/env bash
# Targets without memory to move (topology "2"): a zombie, a kernel thread, and a process killed
# while its pages move. Judged by ExitingProcessKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment

# A zombie given from the start, to our CLI (real run and dry run) and to numactl's.
start_unreaped_memhog zombie 16@0 && pid=$MEMHOG_PID && reaper=$REAPER_PID
make_zombie "$pid"
run_case zombie-move - "$CLI" --json "$pid" 0 1
run_case zombie-dry-run - "$CLI" --dry-run "$pid" 0 1
run_case zombie-numactl - migratepages "$pid" 0 1
kill "$reaper"

# kthreadd (PID 2), the parent of every kernel thread.
run_case kernel-thread-move - "$CLI" "2" 0 1
run_case kernel-thread-dry-run - "$CLI" --dry-run --json "2" 0 1
run_case kernel-thread-numactl - migratepages "2" 0 1

# Killed while its 512 MiB move from node 0 to node 1: a watcher waits until 4 MiB more than before
# the move sit on node 1 (memhog starts with a few pages there) while most are still on node 0, then
# SIGKILLs it; its parent never reaps it, so it is a zombie when migrate_pages returns (the pidfd
# still answers signal 0).
start_unreaped_memhog exiting 512@0 && pid=$MEMHOG_PID && reaper=$REAPER_PID
dir="$CASES/killed-mid-move"
mkdir -p "$dir"
# pages_on NODE NUMA_MAPS_TEXT: the process's pages on NODE (0 when none)
pages_on() { echo "$(( $( (grep -o " N$1=[0-9]*" <<< "$2" || true) | cut -d= -f2 | paste -sd+ | bc) + 0 ))"; }
baseline="$(pages_on 1 "$(cat "/proc/$pid/numa_maps")")"
(
  while maps="$(cat "/proc/$pid/numa_maps" 2>/dev/null)"; do
    on0="$(pages_on 0 "$maps")"
    on1="$(pages_on 1 "$maps")"
    if [ "$on1" -gt $((baseline + 1024)) ]; then
      kill -9 "$pid"
      echo "pages on node 0: $on0, on node 1: $on1 ($baseline before the move)" > "$dir/killed-at"
      exit 0
    fi
    sleep 0.01
  done
) &
watcher=$!
run_case killed-mid-move - "$CLI" --json "$pid" 0 1
wait "$watcher" || true
grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" && echo zombie > "$dir/state-after" || echo other > "$dir/state-after"
kill "$reaper"

finish
