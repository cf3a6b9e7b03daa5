#!/usr/bin/env bash
# The chart on the real node, run by node.sh (inside the NUMA VM) once the Kubernetes node is Ready. The host
# installed the chart (helm-java) into the API server before the VM booted, with the images of src/images/build
# (imported by node.sh), apiServer.host=10.0.2.2 and the agent's seccomp profile of the first variant below. Here:
# the operator's and the agent's pods run on this node; a Guaranteed pod demo-app binds 256 MiB to NUMA node 0;
# examples/demo-numamigration.yaml is applied with the real kubectl and the agent pod moves the pages.
#
#   chart-scenario.sh VARIANT...     e.g. Localhost RuntimeDefault Unconfined
#
# VARIANT is the agent's seccomp profile type. The first is the installed one; each further one patches the
# DaemonSet's pod and container seccompProfile (what a values override renders; RuntimeDefault is refused by
# the chart's schema, so only a patch can force it), waits for the new agent pod and moves the pages back
# (NumaMigration demo-back, node 1 -> 0, after the first moved them to 1).
# Needs CHART_NAMESPACE, CHART_RELEASE (exported by the host through numa-vm's job) and KUBECONFIG.
#
# Evidence in $NUMA_VM_OUT/chart/<n>-<variant>/ (read by ChartOnRealNodeTest):
#   agent.env            the agent pod's name, uid, container ID and host PID
#   agent.status         /proc/<agent pid>/status (capabilities, Seccomp), agent.cgroup its /proc/<pid>/cgroup,
#   agent.memory-current its cgroup's memory.current before the migration
#   numamigration.json   the NumaMigration when it ended; nodemigrations.json; events; watch (kubectl get -w lines)
#   numa_maps.before, numa_maps.after   the workload's /proc/<pid>/numa_maps around the migration
#   agent.log            the agent container's log
# and in $NUMA_VM_OUT/chart/: operator.env, operator.cgroup, workload.env, cgroup-tree (every kubepods directory
# with its cgroup.procs), pods.json; chart.done when every variant ran.
set -uo pipefail
# shellcheck source=../../kernel-tests/src/test/vm/lib.sh
. src/kernel-tests/src/test/vm/lib.sh

OUT="$NUMA_VM_OUT/chart"
NS="${CHART_NAMESPACE:?set by the host: the namespace of the release}"
RELEASE="${CHART_RELEASE:?set by the host: the name of the release}"
AGENT_DS="$RELEASE-migratepages-operator-node-agent"
OPERATOR_DEPLOY="$RELEASE-migratepages-operator"
WORKLOAD=demo-app
MIB=256
mkdir -p "$OUT"

fail() { log "FAILED: $*"; echo "$*" > "$OUT/error"; exit 1; }

# wait_for WHAT SECONDS CMD...: polls CMD every 2 s, at most SECONDS.
wait_for() {
  local what="$1" seconds="$2" started
  shift 2
  started="$(date +%s)"
  until "$@" > /dev/null 2>&1; do
    [ $(($(date +%s) - started)) -lt "$seconds" ] || return 1
    sleep 2
  done
  log "$what after $(($(date +%s) - started))s"
}

# host PID of a pod's first container, from containerd (not from the cgroup tree under test)
container_pid() { # CONTAINER_ID (containerd://...)
  ctr -n k8s.io tasks ls | awk -v id="${1#containerd://}" '$1 == id {print $2}'
}
ready_pod_of() { # LABEL-SELECTOR: the name of a pod of NS with that selector whose containers are all ready
  kubectl get pods -n "$NS" -l "$1" \
    -o jsonpath='{range .items[*]}{.metadata.name} {.status.containerStatuses[0].ready} {.metadata.deletionTimestamp}{"\n"}{end}' \
    | awk '$2 == "true" && $3 == "" {print $1; exit}'
}
has_ready_pod() { [ -n "$(ready_pod_of "$1")" ]; }
describe_pods() { kubectl get pods -A -o wide 2>&1; kubectl get events -n "$NS" --sort-by=.lastTimestamp 2>&1 | tail -n 15; }

# pod_facts NAME PREFIX FILE: uid, container ID and host PID of pod NAME in NS into FILE; sets PREFIX_PID
pod_facts() {
  local uid cid pid
  uid="$(kubectl get pod -n "$NS" "$1" -o jsonpath='{.metadata.uid}')"
  cid="$(kubectl get pod -n "$NS" "$1" -o jsonpath='{.status.containerStatuses[0].containerID}')"
  pid="$(container_pid "$cid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || fail "containerd lists no task for pod $1's container $cid"
  printf 'POD=%s\nUID=%s\nCONTAINER_ID=%s\nPID=%s\nQOS=%s\n' "$1" "$uid" "$cid" "$pid" \
    "$(kubectl get pod -n "$NS" "$1" -o jsonpath='{.status.qosClass}')" > "$3"
  printf -v "${2}_PID" '%s' "$pid"
}

# A container's log as the kubelet writes it (kubectl logs would need the API server to reach the kubelet,
# which the host's API server cannot: no route to the VM's 10.0.2.15).
pod_log() { # POD CONTAINER
  cat "/var/log/pods/${NS}_${1}_$(kubectl get pod -n "$NS" "$1" -o jsonpath='{.metadata.uid}')/$2/"*.log 2>&1
}

cgroup_tree() {
  find /sys/fs/cgroup/kubepods -type d | sort | while read -r dir; do
    echo "${dir#/sys/fs/cgroup/} procs=[$(tr '\n' ' ' < "$dir/cgroup.procs" | sed 's/ $//')]"
  done
}

record_environment

# --- the chart's pods on this node
AGENT_SELECTOR="app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=node-agent"
OPERATOR_SELECTOR="app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=operator"
wait_for "the operator pod to be ready" 900 has_ready_pod "$OPERATOR_SELECTOR" \
  || fail "the operator pod is not ready after 900 s: $(describe_pods)"
OPERATOR_POD="$(ready_pod_of "$OPERATOR_SELECTOR")"
pod_facts "$OPERATOR_POD" OPERATOR "$OUT/operator.env"
cat "/proc/$OPERATOR_PID/cgroup" > "$OUT/operator.cgroup"
grep -E '^(Cap|Seccomp|NoNewPrivs)' "/proc/$OPERATOR_PID/status" > "$OUT/operator.status"

# --- the workload: Guaranteed, 256 MiB bound to NUMA node 0
kubectl apply -f - > /dev/null <<EOF || fail "kubectl apply of pod $WORKLOAD failed"
apiVersion: v1
kind: Pod
metadata:
  name: $WORKLOAD
  namespace: default
spec:
  terminationGracePeriodSeconds: 1
  automountServiceAccountToken: false
  containers:
  - name: app
    image: $MEMHOG_IMAGE
    imagePullPolicy: Never
    args: ["$MIB@0"]
    resources:
      requests: {cpu: 200m, memory: 320Mi}
      limits: {cpu: 200m, memory: 320Mi}
EOF
workload_running() { [ "$(kubectl get pod "$WORKLOAD" -o jsonpath='{.status.phase}')" = Running ]; }
wait_for "pod $WORKLOAD Running" 600 workload_running || fail "pod $WORKLOAD is not Running: $(describe_pods)"
WORKLOAD_UID="$(kubectl get pod "$WORKLOAD" -o jsonpath='{.metadata.uid}')"
WORKLOAD_LOG="/var/log/pods/default_${WORKLOAD}_${WORKLOAD_UID}/app/0.log"
workload_ready() { grep -q 'ready pid=' "$WORKLOAD_LOG"; }
wait_for "memhog to touch $MIB MiB on NUMA node 0" 300 workload_ready || fail "no 'ready' line in $WORKLOAD_LOG"
WORKLOAD_CID="$(kubectl get pod "$WORKLOAD" -o jsonpath='{.status.containerStatuses[0].containerID}')"
WORKLOAD_PID="$(container_pid "$WORKLOAD_CID")"
printf 'UID=%s\nCONTAINER_ID=%s\nPID=%s\n' "$WORKLOAD_UID" "$WORKLOAD_CID" "$WORKLOAD_PID" > "$OUT/workload.env"

# --- one migration per seccomp variant
terminal_phase() { # NAME: the NumaMigration's phase once it is Succeeded, PartiallySucceeded or Failed
  kubectl get numamigration -n default "$1" -o jsonpath='{.status.phase}' 2>/dev/null | grep -Ex 'Succeeded|PartiallySucceeded|Failed'
}
seccomp_patch() { # TYPE: a JSON patch setting the agent pod's and container's seccompProfile to TYPE
  local profile="{\"type\":\"$1\"}"
  [ "$1" != Localhost ] || profile='{"type":"Localhost","localhostProfile":"migratepages/agent.json"}'
  printf '[{"op":"replace","path":"/spec/template/spec/securityContext/seccompProfile","value":%s},' "$profile"
  printf '{"op":"replace","path":"/spec/template/spec/containers/0/securityContext/seccompProfile","value":%s}]' "$profile"
}

n=0
for variant in "$@"; do
  n=$((n + 1))
  dir="$OUT/$n-$variant"
  mkdir -p "$dir"
  if [ "$n" -gt 1 ]; then
    kubectl patch daemonset -n "$NS" "$AGENT_DS" --type json -p "$(seccomp_patch "$variant")" > /dev/null \
      || fail "cannot patch the agent DaemonSet's seccompProfile to $variant"
    kubectl rollout status daemonset -n "$NS" "$AGENT_DS" --timeout=900s > "$dir/rollout" 2>&1 \
      || fail "the agent DaemonSet did not roll out with seccomp $variant: $(describe_pods)"
  fi
  wait_for "an agent pod ready (seccomp $variant)" 900 has_ready_pod "$AGENT_SELECTOR" \
    || fail "no agent pod ready with seccomp $variant after 900 s: $(describe_pods)"
  AGENT_POD="$(ready_pod_of "$AGENT_SELECTOR")"
  pod_facts "$AGENT_POD" AGENT "$dir/agent.env"
  kubectl get pod -n "$NS" "$AGENT_POD" -o jsonpath='{.spec.containers[0].securityContext.seccompProfile.type}' \
    > "$dir/agent.seccomp-type"
  cat "/proc/$AGENT_PID/status" > "$dir/agent.status"
  cat "/proc/$AGENT_PID/cgroup" > "$dir/agent.cgroup"
  cat "/sys/fs/cgroup$(sed -n 's/^0:://p' "$dir/agent.cgroup")/memory.current" > "$dir/agent.memory-current"
  [ "$n" -gt 1 ] || cgroup_tree > "$OUT/cgroup-tree"

  if [ "$n" = 1 ]; then
    name=demo
    manifest=examples/demo-numamigration.yaml
  else
    name=demo-back
    manifest="$dir/numamigration.yaml"
    kubectl delete numamigration -n default demo demo-back --ignore-not-found --wait=true --timeout=120s > /dev/null 2>&1
    sed -e 's/^  name: demo$/  name: demo-back/' -e 's/fromNodes: "0"/fromNodes: "1"/' -e 's/toNodes: "1"/toNodes: "0"/' \
      examples/demo-numamigration.yaml > "$manifest"
  fi
  cat "/proc/$WORKLOAD_PID/numa_maps" > "$dir/numa_maps.before"
  kubectl get numamigrations -n default -w > "$dir/watch" 2>&1 &
  watch_pid=$!
  kubectl apply -f "$manifest" > /dev/null || fail "kubectl apply -f $manifest failed"
  wait_for "NumaMigration $name to end (seccomp $variant)" 600 terminal_phase "$name" \
    || log "NumaMigration $name did not end within 600 s (seccomp $variant)"
  kill "$watch_pid" 2>/dev/null
  cat "/proc/$WORKLOAD_PID/numa_maps" > "$dir/numa_maps.after"
  kubectl get numamigration -n default "$name" -o json > "$dir/numamigration.json" 2>&1
  kubectl get nodemigrations -A -o json > "$dir/nodemigrations.json" 2>&1
  kubectl get events -n default --sort-by=.lastTimestamp > "$dir/events" 2>&1
  pod_log "$AGENT_POD" agent > "$dir/agent.log"
  log "seccomp $variant: NumaMigration $name ended $(terminal_phase "$name" || echo 'not at all')"
done

kubectl get pods -A -o json > "$OUT/pods.json" 2>&1
pod_log "$OPERATOR_POD" operator > "$OUT/operator.log"
kubectl delete pod "$WORKLOAD" --wait=false > /dev/null 2>&1
touch "$OUT/chart.done"
log "done: $n seccomp variants"
