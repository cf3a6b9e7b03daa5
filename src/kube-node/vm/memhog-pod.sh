#!/usr/bin/env bash
# The real-node scenario, run by node.sh (inside the NUMA VM) once the Kubernetes node is Ready:
# a Guaranteed pod whose container (the memhog image, imagePullPolicy Never) binds 256 MiB to NUMA node 0
# runs on the node; the engine's cgroup resolver finds its process in the tree the kubelet and containerd
# made; bin/migratepages moves its pages from NUMA node 0 to 1.
#
# Evidence in $NUMA_VM_OUT (read by src/kube-node's test and README):
#   pod.json                 the pod as the API server has it once memhog is ready
#   pod.env                  UID, QOS, CONTAINER_ID, PID (host PID, from containerd), POD_LOG
#   cgroup/proc-pid-cgroup   /proc/PID/cgroup of the container's process
#   cgroup/tree              every directory under /sys/fs/cgroup/kubepods with its cgroup.procs, one line each
#   resolver.out, resolver.exit-code   the engine's CgroupResolver on the real tree (ResolveContainer, a test
#                            class of this module: mvn test-compile first)
#   cases/move-256/          bin/migratepages --json PID 0 1 with numa_maps before and after (kernel-tests lib.sh)
#   cases.done               written last, when every step ran
set -uo pipefail
# shellcheck source=../../kernel-tests/src/test/vm/lib.sh
. src/kernel-tests/src/test/vm/lib.sh

OUT="$NUMA_VM_OUT"
POD=memhog
NAMESPACE=default
MIB=256

fail() { log "FAILED: $*"; echo "$*" > "$OUT/scenario-error"; exit 1; }

# wait_for WHAT SECONDS CMD...: polls CMD every second, at most SECONDS.
wait_for() {
  local what="$1" seconds="$2" started
  shift 2
  started="$(date +%s)"
  until "$@" > /dev/null 2>&1; do
    [ $(($(date +%s) - started)) -lt "$seconds" ] || fail "waited ${seconds}s for $what"
    sleep 1
  done
  log "$what after $(($(date +%s) - started))s"
}

[ -f src/kube-node/target/test-classes/io/migratepages/kubenode/ResolveContainer.class ] \
  || fail "src/kube-node/target/test-classes has no ResolveContainer: mvn -B -pl src/kube-node -am test-compile"
record_environment
kubectl apply -f - > /dev/null <<EOF || fail "kubectl apply of pod $POD failed"
apiVersion: v1
kind: Pod
metadata:
  name: $POD
  namespace: $NAMESPACE
spec:
  terminationGracePeriodSeconds: 1
  automountServiceAccountToken: false
  containers:
  - name: memhog
    image: $MEMHOG_IMAGE
    imagePullPolicy: Never
    args: ["$MIB@0"]
    resources:
      requests: {cpu: 500m, memory: 320Mi}
      limits: {cpu: 500m, memory: 320Mi}
EOF

pod_field() { kubectl get pod -n "$NAMESPACE" "$POD" -o jsonpath="$1"; }
pod_running() { [ "$(pod_field '{.status.phase}')" = Running ]; }
wait_for "pod $POD to be scheduled and Running" 240 pod_running \
  || fail "pod $POD is not Running: $(kubectl get pod -n "$NAMESPACE" "$POD" -o wide 2>&1)"

UID_="$(pod_field '{.metadata.uid}')"
QOS="$(pod_field '{.status.qosClass}')"
CONTAINER_ID="$(pod_field '{.status.containerStatuses[0].containerID}')"
[ "$QOS" = Guaranteed ] || fail "pod $POD has QoS class '$QOS', expected Guaranteed"
# The kubelet writes each container's output to /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log.
POD_LOG="/var/log/pods/${NAMESPACE}_${POD}_${UID_}/memhog/0.log"
memhog_ready() { grep -q 'ready pid=' "$POD_LOG"; }
wait_for "memhog to touch $MIB MiB on NUMA node 0 (its 'ready' line in $POD_LOG)" 120 memhog_ready
kubectl get pod -n "$NAMESPACE" "$POD" -o json > "$OUT/pod.json"

# The host PID of the container's process, from containerd (not from the cgroup tree under test).
PID="$(ctr -n k8s.io tasks ls | awk -v id="${CONTAINER_ID#containerd://}" '$1 == id {print $2}')"
[[ "$PID" =~ ^[0-9]+$ ]] || fail "containerd lists no task for $CONTAINER_ID: $(ctr -n k8s.io tasks ls 2>&1)"
printf 'UID=%s\nQOS=%s\nCONTAINER_ID=%s\nPID=%s\nPOD_LOG=%s\n' "$UID_" "$QOS" "$CONTAINER_ID" "$PID" "$POD_LOG" > "$OUT/pod.env"
log "pod $POD ($UID_, $QOS): container ${CONTAINER_ID:0:25}... is host pid $PID"

mkdir -p "$OUT/cgroup"
cat "/proc/$PID/cgroup" > "$OUT/cgroup/proc-pid-cgroup"
find /sys/fs/cgroup/kubepods -type d | sort | while read -r dir; do
  echo "${dir#/sys/fs/cgroup/} procs=[$(tr '\n' ' ' < "$dir/cgroup.procs" | sed 's/ $//')]"
done > "$OUT/cgroup/tree"

java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  -cp node-agent/cli/target/migratepages.jar:src/kube-node/target/test-classes \
  io.migratepages.kubenode.ResolveContainer "$UID_" "$QOS" memhog "$CONTAINER_ID" > "$OUT/resolver.out" 2>&1
echo $? > "$OUT/resolver.exit-code"
log "the engine's resolver: exit $(cat "$OUT/resolver.exit-code"): $(grep -E '^(cgroup|pids|error)=' "$OUT/resolver.out" | tr '\n' ' ')"

run_case move-256 "$PID" bin/migratepages --json "$PID" 0 1

kubectl delete pod -n "$NAMESPACE" "$POD" --wait=false > /dev/null 2>&1
finish
