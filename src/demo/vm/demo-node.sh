#!/usr/bin/env bash
# The Kubernetes node of bin/demo, run inside the NUMA VM (src/numa-vm/numa-vm run --net) as root:
# the real node agent (the chart's Quarkus app) talks to the demo's API server on the host, and the
# container the kubelet would start is a real process in a real cgroup laid out as on a
# systemd + cgroup v2 + containerd node.
#
#   demo-node.sh --api-url URL --agent-jar JAR --node-name NAME [--wait-seconds S]
#
# It talks with the host through files in $NUMA_VM_OUT (the writable share, same path on both
# sides; every file is written whole, then renamed):
#   host -> node  pod.env         POD_UID, CONTAINER_ID, CONTAINER_NAME, MEMORY_MIB (the pod to run)
#   node -> host  container.env   PID, CGROUP (the container is running, its memory is touched)
#   node -> host  agent.ready     the agent's /q/health/ready answered 200
#   host -> node  demo.done       the migration is over: take the last numa_maps and stop
#   node -> host  numa_maps.before, numa_maps.after, node.env (kernel, numa facts), agent.log, error
set -uo pipefail

API_URL="" AGENT_JAR="" NODE_NAME="" WAIT_SECONDS=240
while [ $# -gt 0 ]; do
  case "$1" in
    --api-url) API_URL="$2"; shift 2 ;;
    --agent-jar) AGENT_JAR="$2"; shift 2 ;;
    --node-name) NODE_NAME="$2"; shift 2 ;;
    --wait-seconds) WAIT_SECONDS="$2"; shift 2 ;;
    *) echo "demo-node: unknown argument '$1' (expected --api-url, --agent-jar, --node-name, --wait-seconds)" >&2; exit 2 ;;
  esac
done

OUT="${NUMA_VM_OUT:?demo-node.sh runs inside numa-vm run, which sets NUMA_VM_OUT}"
AGENT_PORT=8080
AGENT_PID="" CONTAINER_PID=""

log() { echo "demo-node [$(cut -d' ' -f1 /proc/uptime)s]: $*"; }
fail() {
  log "FAILED: $*"
  echo "$*" > "$OUT/error.tmp" && mv "$OUT/error.tmp" "$OUT/error"
  exit 1
}
publish() { # NAME: stdin -> $OUT/NAME, atomically
  cat > "$OUT/$1.tmp" && mv "$OUT/$1.tmp" "$OUT/$1"
}
cleanup() {
  [ -z "$AGENT_PID" ] || { kill -TERM "$AGENT_PID" 2>/dev/null; wait_gone "$AGENT_PID" 20 || kill -KILL "$AGENT_PID" 2>/dev/null; }
  [ -z "$CONTAINER_PID" ] || kill -KILL "$CONTAINER_PID" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT

wait_gone() { # PID SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# Waits up to WAIT_SECONDS for a file, failing early if the agent died.
wait_for_file() { # FILE WHAT
  local i
  for ((i = 0; i < WAIT_SECONDS * 5; i++)); do
    [ -f "$1" ] && return 0
    host_still_waiting
    agent_alive_or_fail
    sleep 0.2
  done
  fail "waited ${WAIT_SECONDS}s for $2 ($1)"
}

# demo.done before its time means the host gave up (an error, Ctrl-C): stop at once.
host_still_waiting() {
  [ ! -f "$OUT/demo.done" ] || { log "the host ended the demo early; stopping"; exit 3; }
}

agent_alive_or_fail() {
  [ -z "$AGENT_PID" ] || kill -0 "$AGENT_PID" 2>/dev/null \
    || fail "the node agent exited (see agent.log): $(tail -n 5 "$OUT/agent.log" 2>/dev/null | tr '\n' ' ')"
}

agent_ready() { # one GET of the agent's readiness endpoint; 0 if it answered 200
  local status
  { exec 3<> "/dev/tcp/127.0.0.1/$AGENT_PORT"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3
  exec 3>&- 3<&-
  [ "$status" = 200 ]
}

[ -n "$API_URL" ] && [ -n "$AGENT_JAR" ] && [ -n "$NODE_NAME" ] \
  || fail "usage: demo-node.sh --api-url URL --agent-jar JAR --node-name NAME [--wait-seconds S]"
[ -f "$AGENT_JAR" ] || fail "no agent jar at $AGENT_JAR"
[ -f /sys/fs/cgroup/cgroup.controllers ] \
  || fail "/sys/fs/cgroup is not a cgroup v2 mount (numa-vm's init mounts it; run src/numa-vm/numa-vm setup)"
[ -e /sys/class/net/eth0 ] || fail "no eth0: numa-vm run needs --net for the agent to reach the API server"

echo "$NODE_NAME" > /proc/sys/kernel/hostname
{
  echo "KERNEL=$(uname -r)"
  echo "NODES_WITH_MEMORY=$(cat /sys/devices/system/node/has_memory)"
  echo "NUMA_BALANCING=$(cat /proc/sys/kernel/numa_balancing 2>/dev/null || echo absent)"
} | publish node.env

# --- the node agent, as the DaemonSet runs it: hostPID (we are in the host's PID namespace),
# root with CAP_SYS_NICE and CAP_SYS_PTRACE, the host's /proc, /sys and /sys/fs/cgroup.
printf '127.0.0.1 localhost %s\n' "$NODE_NAME" > /tmp/demo-hosts
mkdir -p /tmp/jna
log "starting the node agent for node $NODE_NAME (API server $API_URL)"
env NODE_NAME="$NODE_NAME" POD_NAME="migratepages-agent-$NODE_NAME" \
  KUBERNETES_MASTER="$API_URL" KUBERNETES_AUTH_TOKEN=demo-token \
  KUBERNETES_AUTH_TRYKUBECONFIG=false KUBERNETES_AUTH_TRYSERVICEACCOUNT=false \
  KUBERNETES_NAMESPACE=default \
  QUARKUS_HTTP_PORT="$AGENT_PORT" \
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k -XX:-UsePerfData -Xshare:auto \
  -Djava.io.tmpdir=/tmp -Djna.tmpdir=/tmp/jna -Djdk.net.hosts.file=/tmp/demo-hosts \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -jar "$AGENT_JAR" > "$OUT/agent.log" 2>&1 &
AGENT_PID=$!

# --- the container, as kubelet + containerd + runc would start it: the pod's slice and the
# container's scope under kubepods.slice, the process put into the scope before it execs.
wait_for_file "$OUT/pod.env" "the pod to run (pod.env from the host's kubelet)"
# shellcheck disable=SC1091
. "$OUT/pod.env" # POD_UID CONTAINER_ID CONTAINER_NAME MEMORY_MIB
CG=/sys/fs/cgroup
POD_SLICE="kubepods.slice/kubepods-pod${POD_UID//-/_}.slice"
SCOPE="$POD_SLICE/cri-containerd-$CONTAINER_ID.scope"
# systemd delegates these controllers down to the pods, as on a real node (best effort: the agent
# only needs the directories and cgroup.procs).
echo "+cpu +memory +pids" > "$CG/cgroup.subtree_control" 2>/dev/null
mkdir -p "$CG/kubepods.slice" && echo "+cpu +memory +pids" > "$CG/kubepods.slice/cgroup.subtree_control" 2>/dev/null
mkdir -p "$CG/$POD_SLICE" && echo "+cpu +memory +pids" > "$CG/$POD_SLICE/cgroup.subtree_control" 2>/dev/null
mkdir -p "$CG/$SCOPE" || fail "cannot create the container cgroup $CG/$SCOPE"

READY=/tmp/memhog.ready
rm -f "$READY"
(
  echo "$BASHPID" > "$CG/$SCOPE/cgroup.procs" || exit 99
  exec numactl --membind=0 "$NUMA_VM_MEMHOG" -r "$READY" "$MEMORY_MIB"
) > /tmp/memhog.out 2>&1 &
CONTAINER_PID=$!
for ((i = 0; i < 600; i++)); do
  [ -f "$READY" ] && break
  kill -0 "$CONTAINER_PID" 2>/dev/null || fail "the container process exited: $(cat /tmp/memhog.out)"
  sleep 0.1
done
[ -f "$READY" ] || fail "memhog did not touch $MEMORY_MIB MiB within 60 s"
[ "$(cat "$READY")" = "$CONTAINER_PID" ] || fail "memhog reports pid $(cat "$READY"), expected $CONTAINER_PID"
grep -qx "0::/$SCOPE" "/proc/$CONTAINER_PID/cgroup" \
  || fail "pid $CONTAINER_PID is not in $SCOPE: $(cat "/proc/$CONTAINER_PID/cgroup")"
cat "/proc/$CONTAINER_PID/numa_maps" | publish numa_maps.before
printf 'PID=%s\nCGROUP=%s\n' "$CONTAINER_PID" "$CG/$SCOPE" | publish container.env
log "container $CONTAINER_NAME running: memhog pid $CONTAINER_PID, $MEMORY_MIB MiB bound to node 0, in $CG/$SCOPE"

# --- the agent is ready when its informer on this node's NodeMigrations is up.
for ((i = 0; ; i++)); do
  host_still_waiting
  agent_alive_or_fail
  agent_ready && break
  [ "$i" -lt $((WAIT_SECONDS * 2)) ] || fail "the node agent was not ready within ${WAIT_SECONDS}s"
  sleep 0.5
done
: | publish agent.ready
log "node agent ready"

wait_for_file "$OUT/demo.done" "the host to finish the demo (demo.done)"
kill -0 "$CONTAINER_PID" 2>/dev/null || fail "the container process died during the demo"
cat "/proc/$CONTAINER_PID/numa_maps" | publish numa_maps.after
log "numa_maps taken after the migration; stopping"
exit 0
