#!/usr/bin/env bash
# Kernel cases on 4 nodes where node 1 has CPUs but no memory (topology "4-memoryless").
# Judged by MemorylessNodeKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment

start_memhog memoryless --membind=0 -- 64 && pid=$MEMHOG_PID
run_case to-memoryless-node "$pid" "$CLI" "$pid" 0 1
stop_memhog "$pid"

# 0-3 -> 0,2 over pages on nodes 0, 2 and 3 (distinct sizes), once with our CLI and once with
# numactl's migratepages on an identical process: the final placements must agree.
start_memhog from-with-memoryless-dry 32@0 48@2 64@3 && pid=$MEMHOG_PID
run_case from-with-memoryless-dry-run "$pid" "$CLI" --dry-run --json "$pid" 0-3 0,2
stop_memhog "$pid"
start_memhog from-with-memoryless-ours 32@0 48@2 64@3 && pid=$MEMHOG_PID
run_case from-with-memoryless-ours "$pid" "$CLI" --json "$pid" 0-3 0,2
stop_memhog "$pid"
start_memhog from-with-memoryless-numactl 32@0 48@2 64@3 && pid=$MEMHOG_PID
run_case from-with-memoryless-numactl "$pid" migratepages "$pid" 0-3 0,2
stop_memhog "$pid"

finish
