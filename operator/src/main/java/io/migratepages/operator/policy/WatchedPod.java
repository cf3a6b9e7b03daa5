package io.migratepages.operator.policy;

/** A running pod the policy's selector matches, on its Kubernetes node. */
public record WatchedPod(String name, String uid, String node) {}
