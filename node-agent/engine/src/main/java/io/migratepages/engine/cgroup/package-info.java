/**
 * Finds a Kubernetes container's host PIDs through cgroupfs, without Kubernetes types.
 *
 * <p>Entry points: {@link io.migratepages.engine.cgroup.CgroupResolver#resolve(PodRef)} turns a pod
 * (UID, QoS class, CRI container IDs) into per-container cgroup directories and PIDs; {@link
 * io.migratepages.engine.cgroup.PidVerifier#verify(int, ContainerCgroup)} re-checks one PID cheaply
 * (the agent calls it again after opening a pidfd, to guard against PID reuse).
 */
package io.migratepages.engine.cgroup;
