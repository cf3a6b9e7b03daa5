#!/usr/bin/env bash
# Kernel cases on 4 NUMA nodes (topology "4"). Judged by FourNodeKernelTest.
. "$(dirname "$0")/lib.sh"
set -e
record_environment

# Unequal amounts on nodes 2 and 3 in one process; 2-3 -> 0,1 must land 2->0 and 3->1.
start_memhog relative 96@2 48@3 && pid=$MEMHOG_PID
run_case relative-2-3-to-0-1 "$pid" "$CLI" "$pid" 2-3 0,1
stop_memhog "$pid"

finish
