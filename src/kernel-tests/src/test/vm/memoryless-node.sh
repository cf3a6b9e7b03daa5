#!/usr/bin/env bash
# Kernel cases on 4 nodes where node 1 has CPUs but no memory (topology "4-memoryless").
# Judged by MemorylessNodeKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment

start_memhog memoryless --membind=0 -- 64 && pid=$MEMHOG_PID
run_case to-memoryless-node "$pid" "$CLI" "$pid" 0 1
stop_memhog "$pid"

finish
