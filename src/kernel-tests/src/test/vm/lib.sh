# Shared by the kernel-test scenarios. Sourced inside the NUMA VM (see src/numa-vm/numa-vm), cwd = project root.
# Each case leaves its evidence in $NUMA_VM_OUT/cases/<name>/ for the JUnit tests to judge:
#   command, exit-code, stdout, stderr, elapsed-ms, pid, numa_maps.before, numa_maps.after
set -uo pipefail

CASES="$NUMA_VM_OUT/cases"
CLI="${MIGRATEPAGES_CLI:-bin/migratepages}"
mkdir -p "$CASES"

log() { echo "scenario: $*"; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# cli_for_any_user : prints the path of a copy of the CLI (script and jar, laid out as in the
# repository) that every user can read. The checkout may sit below a directory only its owner can
# enter (a mktemp -d clone is 0700), and an unprivileged case must reach the kernel, not fail there.
cli_for_any_user() {
  local copy=/tmp/migratepages-any-user
  mkdir -p "$copy/bin" "$copy/node-agent/cli/target"
  cp "$CLI" "$copy/bin/migratepages"
  cp "$(dirname "$CLI")/../node-agent/cli/target/migratepages.jar" "$copy/node-agent/cli/target/"
  chmod -R a+rX "$copy"
  echo "$copy/bin/migratepages"
}

# start_memhog NAME [numactl options --] MEMHOG_ARGS... : starts memhog, waits until every page is touched,
# sets MEMHOG_PID. With options before "--" it runs under numactl (e.g. --membind=0 -- 256).
# (Not meant for $(...): memhog must stay this shell's child so stop_memhog can reap it.)
start_memhog() {
  local name="$1" ready="/tmp/memhog-$1.ready"
  shift
  local numactl_args=()
  if [[ " $* " == *" -- "* ]]; then
    while [ "$1" != "--" ]; do numactl_args+=("$1"); shift; done
    shift
  fi
  rm -f "$ready"
  if [ ${#numactl_args[@]} -gt 0 ]; then
    numactl "${numactl_args[@]}" "$NUMA_VM_MEMHOG" -r "$ready" "$@" > "/tmp/memhog-$name.out" 2>&1 &
  else
    "$NUMA_VM_MEMHOG" -r "$ready" "$@" > "/tmp/memhog-$name.out" 2>&1 &
  fi
  await_memhog "$name" "$ready" $!
}

# await_memhog NAME READY_FILE WATCHED_PID : waits (at most 60 s, and only while WATCHED_PID lives)
# for memhog to write its pid into READY_FILE; sets MEMHOG_PID.
await_memhog() {
  local name="$1" ready="$2" watched="$3" waited=0
  until [ -f "$ready" ]; do
    if ! kill -0 "$watched" 2>/dev/null || [ "$waited" -ge 600 ]; then
      log "memhog $name did not become ready: $(cat "/tmp/memhog-$name.out")" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  MEMHOG_PID="$(cat "$ready")"
}

# start_unreaped_memhog NAME MEMHOG_ARGS... : like start_memhog, but memhog's parent is a `sleep` that
# never reaps it, so once killed it stays a zombie. Sets MEMHOG_PID and REAPER_PID (the sleep).
start_unreaped_memhog() {
  local name="$1" ready="/tmp/memhog-$1.ready"
  shift
  rm -f "$ready"
  bash -c '"$0" -r "$1" "${@:2}" > "/tmp/memhog-'"$name"'.out" 2>&1 & exec sleep 100000' \
    "$NUMA_VM_MEMHOG" "$ready" "$@" &
  REAPER_PID=$!
  await_memhog "$name" "$ready" "$REAPER_PID"
}

# make_zombie PID : SIGKILLs an unreaped memhog and waits until /proc says State Z.
make_zombie() {
  kill -9 "$1"
  until grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; do sleep 0.05; done
}

stop_memhog() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# run_case NAME PID|- CMD... : snapshots /proc/PID/numa_maps around CMD and records what CMD did.
run_case() {
  local name="$1" pid="$2" dir="$CASES/$1" start end rc
  shift 2
  mkdir -p "$dir"
  printf '%q ' "$@" > "$dir/command"
  echo "$pid" > "$dir/pid"
  [ "$pid" = - ] || cat "/proc/$pid/numa_maps" > "$dir/numa_maps.before"
  start="$(now_ms)"
  "$@" > "$dir/stdout" 2> "$dir/stderr" && rc=0 || rc=$?
  end="$(now_ms)"
  [ "$pid" = - ] || cat "/proc/$pid/numa_maps" > "$dir/numa_maps.after"
  echo "$rc" > "$dir/exit-code"
  echo "$((end - start))" > "$dir/elapsed-ms"
  log "$name: exit $rc in $((end - start)) ms: $*"
}

# A pid that no process has right now.
unused_pid() {
  local pid=$(( $(cat /proc/sys/kernel/pid_max) - 1 ))
  while [ -e "/proc/$pid" ]; do pid=$((pid - 1)); done
  echo "$pid"
}

record_environment() {
  {
    echo "kernel=$(uname -r)"
    for f in online possible has_memory has_cpu; do
      echo "$f=$(cat /sys/devices/system/node/$f)"
    done
    echo "numa_balancing=$(cat /proc/sys/kernel/numa_balancing 2>/dev/null || echo absent)"
  } > "$NUMA_VM_OUT/environment"
  numactl --hardware > "$NUMA_VM_OUT/numactl-hardware" 2>&1
}

finish() {
  ls "$CASES" > "$NUMA_VM_OUT/cases.done"
  log "done: $(wc -l < "$NUMA_VM_OUT/cases.done") cases"
}
