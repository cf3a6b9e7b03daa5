#!/usr/bin/env bash
# A real Kubernetes node inside the NUMA VM: containerd (Debian's 1.6), runc, the CNI plugins (bridge,
# host-local, loopback, portmap) and the kubelet of src/kube/build (cgroupfs driver, cgroup v2), registered
# with the API server on the host over QEMU's user network. Runs as the job of `numa-vm run --net --modules
# ...` (src/kube-node/run-node starts it so); brings the node up, runs CMD, then stops the node.
#
#   node.sh --name NAME --kubeconfig FILE --images DIR [--image TAR]... [--wait-seconds S] -- CMD ARGS...
#
#   --kubeconfig  the kubelet's credentials (bin/kube-local node-credentials DIR NAME)
#   --images      what src/kube-node/build-images wrote: pause.tar, memhog.tar, images.env; every *.tar there is
#                 imported into containerd's k8s.io namespace (there is no registry)
#   --image       one more OCI archive to import (the operator's and agent's of src/images/build)
#
# The chart's seccomp profile (helm/migratepages-operator/files/seccomp/migratepages-agent.json) is installed
# in the kubelet's seccomp directory as migratepages/agent.json, what agent.seccompProfile.localhostProfile names.
#
# CMD runs once the Node object NAME is Ready, with KUBE_NODE_NAME, KUBE_NODE_LOGS (where containerd's and
# the kubelet's logs go) and the variables of images.env exported. The node's own state lives in the guest's
# memory: tmpfs for /var/lib/containerd and /var/lib/kubelet, overlays with a tmpfs on top of the host's
# read-only /etc and /var (so /etc/cni/net.d, /var/log/pods, /var/lib/cni can be written).
set -uo pipefail

NAME="" KUBECONFIG_FILE="" IMAGES="" WAIT_SECONDS=300 MORE_IMAGES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME="$2"; shift 2 ;;
    --kubeconfig) KUBECONFIG_FILE="$2"; shift 2 ;;
    --images) IMAGES="$2"; shift 2 ;;
    --image) MORE_IMAGES+=("$2"); shift 2 ;;
    --wait-seconds) WAIT_SECONDS="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "node.sh: unknown argument '$1' (expected --name, --kubeconfig, --images, --image, --wait-seconds, then -- CMD)" >&2; exit 2 ;;
  esac
done

OUT="${NUMA_VM_OUT:?node.sh runs inside numa-vm run, which sets NUMA_VM_OUT}"
export KUBE_NODE_LOGS="$OUT/node"
mkdir -p "$KUBE_NODE_LOGS"
CONTAINERD_PID="" KUBELET_PID=""
KUBE_BIN="$(src/kube/build --bin-dir)"

log() { echo "node [$(cut -d' ' -f1 /proc/uptime)s]: $*" >&2; }
fail() {
  log "FAILED: $*"
  echo "$*" > "$KUBE_NODE_LOGS/error"
  exit 1
}
# The guest's memory as a whole, per NUMA node and in the node's tmpfs mounts, for whoever reads the evidence.
record_memory() { # NAME
  { cat /proc/meminfo; grep -H MemFree /sys/devices/system/node/node*/meminfo; df -m /var/lib/containerd /var/lib/kubelet /run 2>&1; } \
    > "$KUBE_NODE_LOGS/memory.$1" 2>&1
}

stop_node() {
  if [ -n "$KUBELET_PID" ]; then kill -TERM "$KUBELET_PID" 2>/dev/null; wait "$KUBELET_PID" 2>/dev/null; fi
  if [ -n "$CONTAINERD_PID" ]; then kill -TERM "$CONTAINERD_PID" 2>/dev/null; wait "$CONTAINERD_PID" 2>/dev/null; fi
  record_memory at-end
  # What the kubelet and containerd made, for whoever reads the evidence.
  find /sys/fs/cgroup -mindepth 1 -type d -path '*kubepods*' 2>/dev/null | sort > "$KUBE_NODE_LOGS/cgroup-dirs.at-end"
}
trap stop_node EXIT

# wait_until WHAT SECONDS CMD...: polls CMD every second; fails naming WHAT when SECONDS pass, or at
# once when containerd or the kubelet (once started) exited.
wait_until() {
  local what="$1" seconds="$2" started
  shift 2
  started="$(date +%s)"
  until "$@" > /dev/null 2>&1; do
    [ -z "$CONTAINERD_PID" ] || kill -0 "$CONTAINERD_PID" 2>/dev/null \
      || fail "containerd exited while waiting for $what: $(tail -n 5 "$KUBE_NODE_LOGS/containerd.log" | tr '\n' ' ')"
    [ -z "$KUBELET_PID" ] || kill -0 "$KUBELET_PID" 2>/dev/null \
      || fail "the kubelet exited while waiting for $what: $(tail -n 5 "$KUBE_NODE_LOGS/kubelet.log" | tr '\n' ' ')"
    [ $(($(date +%s) - started)) -lt "$seconds" ] || fail "waited ${seconds}s for $what"
    sleep 1
  done
  log "$what after $(($(date +%s) - started))s"
}

[ -n "$NAME" ] && [ -n "$KUBECONFIG_FILE" ] && [ -n "$IMAGES" ] && [ $# -gt 0 ] \
  || fail "usage: node.sh --name NAME --kubeconfig FILE --images DIR [--wait-seconds S] -- CMD ARGS..."
[ -r "$KUBECONFIG_FILE" ] || fail "--kubeconfig $KUBECONFIG_FILE is not readable"
for image in "${MORE_IMAGES[@]}"; do [ -r "$image" ] || fail "--image $image is not readable"; done
[ -r "$IMAGES/images.env" ] || fail "--images $IMAGES has no images.env (src/kube-node/build-images writes it)"
# shellcheck disable=SC1091
. "$IMAGES/images.env"
export PAUSE_IMAGE MEMHOG_IMAGE KUBE_NODE_NAME="$NAME"
[ -x "$KUBE_BIN/kubelet" ] || fail "no kubelet in $KUBE_BIN: run src/kube/build"
for c in containerd containerd-shim-runc-v2 ctr runc kubectl; do
  command -v "$c" > /dev/null || fail "$c is missing (Debian packages: containerd runc; kubectl from the machine's image)"
done
[ -x /usr/lib/cni/bridge ] || fail "no CNI plugins in /usr/lib/cni (Debian package containernetworking-plugins)"
[ -f /sys/fs/cgroup/cgroup.controllers ] || fail "/sys/fs/cgroup is not a cgroup v2 mount"
[ -e /sys/class/net/eth0 ] || fail "no eth0: numa-vm run needs --net for the kubelet to reach the API server"
for m in overlay bridge veth br_netfilter nf_conntrack; do
  [ -d "/sys/module/$m" ] || fail "kernel module $m is not loaded (numa-vm run --modules; src/kube-node/run-node lists them)"
done

# --- writable state, in the guest's memory
writable() { # DIR: an overlay with a tmpfs upper layer over the host's read-only DIR
  local upper="/run/kube-node/overlay$1"
  mkdir -p "$upper/upper" "$upper/work"
  mount -t overlay -o "lowerdir=$1,upperdir=$upper/upper,workdir=$upper/work" overlay "$1" \
    || fail "cannot mount an overlay over $1"
}
writable /etc
writable /var
# containerd's overlayfs snapshotter cannot put its layers on an overlay: a plain tmpfs. The kubelet's
# root too, so cAdvisor sees one filesystem for it.
for d in /var/lib/containerd /var/lib/kubelet; do
  mkdir -p "$d" && mount -t tmpfs -o mode=700 tmpfs "$d" || fail "cannot mount a tmpfs at $d"
done
mkdir -p /etc/cni/net.d /etc/containerd /var/lib/cni /var/log/pods /var/log/containers /run/containerd

echo "$NAME" > /proc/sys/kernel/hostname
echo "10.0.2.15 $NAME" >> /etc/hosts
# What the bridge CNI plugin and the kubelet expect of a node's network.
echo 1 > /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables
echo 1 > /proc/sys/net/bridge/bridge-nf-call-ip6tables

# --- containerd
cat > /etc/containerd/config.toml <<EOF
version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "/run/containerd/containerd.sock"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "/etc/cni/net.d"
EOF
cat > /etc/cni/net.d/10-kube-node.conflist <<'EOF'
{
  "cniVersion": "1.0.0",
  "name": "kube-node",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.88.0.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}]}
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
log "starting containerd $(containerd --version | awk '{print $3}') and runc $(runc --version | awk 'NR==1 {print $3}')"
containerd --config /etc/containerd/config.toml > "$KUBE_NODE_LOGS/containerd.log" 2>&1 &
CONTAINERD_PID=$!
wait_until "containerd's socket to answer" 60 ctr --address /run/containerd/containerd.sock version

# The imports run while the kubelet starts (both are slow under TCG); CMD waits for both.
(
  for image in "$IMAGES"/*.tar "${MORE_IMAGES[@]}"; do
    ctr -n k8s.io images import "$image" > "$KUBE_NODE_LOGS/import-$(basename "$image" .tar).log" 2>&1 \
      || { echo "ctr images import $image failed: $(cat "$KUBE_NODE_LOGS/import-$(basename "$image" .tar).log")"; exit 1; }
  done
  ctr -n k8s.io images ls > "$KUBE_NODE_LOGS/images" 2>&1
  grep -q "^$PAUSE_IMAGE " "$KUBE_NODE_LOGS/images" || { echo "the sandbox image $PAUSE_IMAGE is not in containerd after the import"; exit 1; }
  echo ok
) > /run/kube-node/imports 2>&1 &
IMPORT_PID=$!

# --- the kubelet
cp "$KUBECONFIG_FILE" /var/lib/kubelet/kubeconfig
mkdir -p /var/lib/kubelet/seccomp/migratepages
cp helm/migratepages-operator/files/seccomp/migratepages-agent.json /var/lib/kubelet/seccomp/migratepages/agent.json \
  || fail "cannot install the chart's seccomp profile in /var/lib/kubelet/seccomp"
sed -n 's/^ *certificate-authority-data: *//p' /var/lib/kubelet/kubeconfig | head -n 1 | base64 -d > /var/lib/kubelet/ca.crt \
  && [ -s /var/lib/kubelet/ca.crt ] || fail "no certificate-authority-data in $KUBECONFIG_FILE"
cat > /var/lib/kubelet/config.yaml <<'EOF'
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: /var/lib/kubelet/ca.crt
authorization:
  mode: Webhook
# The client certificate comes from bin/kube-local node-credentials; nothing to rotate in a throw-away VM.
rotateCertificates: false
serverTLSBootstrap: false
failSwapOn: false
resolvConf: /etc/resolv.conf
# The VM has 2 x --node-mib of memory; keep the defaults' memory signal, make the disk ones harmless on tmpfs.
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "1%"
  nodefs.inodesFree: "1%"
  imagefs.available: "1%"
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
EOF
log "starting the kubelet as node $NAME"
"$KUBE_BIN/kubelet" --config /var/lib/kubelet/config.yaml --kubeconfig /var/lib/kubelet/kubeconfig \
  --hostname-override "$NAME" --node-ip 10.0.2.15 --v=1 > "$KUBE_NODE_LOGS/kubelet.log" 2>&1 &
KUBELET_PID=$!

node_ready() {
  [ "$(kubectl --kubeconfig /var/lib/kubelet/kubeconfig get node "$NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
wait_until "node $NAME to be Ready" "$WAIT_SECONDS" node_ready
imports_done() { ! kill -0 "$IMPORT_PID" 2>/dev/null; }
wait_until "the image imports ($(ls "$IMAGES"/*.tar "${MORE_IMAGES[@]}" | xargs -n1 basename | tr '\n' ' '))" 600 imports_done
[ "$(cat /run/kube-node/imports)" = ok ] || fail "$(cat /run/kube-node/imports)"
find /sys/fs/cgroup -mindepth 1 -type d -path '*kubepods*' | sort > "$KUBE_NODE_LOGS/cgroup-dirs.at-ready"
record_memory at-ready

"$@"
rc=$?
log "$* ended with exit code $rc"
exit $rc
