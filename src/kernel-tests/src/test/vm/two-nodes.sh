#!/usr/bin/env bash
# Kernel cases on 2 NUMA nodes (topology "2"). Judged by TwoNodeKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment

# 256 MiB on node 0 moved to node 1 by the plain CLI.
start_memhog move-256 --membind=0 -- 256 && pid=$MEMHOG_PID
run_case move-256 "$pid" "$CLI" "$pid" 0 1
stop_memhog "$pid"

# --json: its before/after against our own numa_maps snapshots.
start_memhog json --membind=0 -- 64 && pid=$MEMHOG_PID
run_case json "$pid" "$CLI" --json "$pid" 0 1
stop_memhog "$pid"

# Valid no-ops and --dry-run: exit 0 and nothing moves.
start_memhog noop --membind=0 -- 64 && pid=$MEMHOG_PID
run_case noop-same-node "$pid" "$CLI" "$pid" 0 0
run_case noop-all-all "$pid" "$CLI" "$pid" all all
run_case dry-run "$pid" "$CLI" --dry-run "$pid" 0 1
stop_memhog "$pid"

# Errors from the real kernel.
run_case no-such-pid - "$CLI" "$(unused_pid)" 0 1
run_case kernel-thread - "$CLI" 2 0 1
start_memhog unprivileged --membind=0 -- 64 && pid=$MEMHOG_PID
run_case unprivileged "$pid" setpriv --reuid=65534 --regid=65534 --clear-groups "$(cli_for_any_user)" "$pid" 0 1
stop_memhog "$pid"

finish
