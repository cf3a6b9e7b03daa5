package io.migratepages.operator.policy;

import java.util.List;

/** A move to make now: one pod's off-target containers, from where they are to their target. */
public record Move(
    String pod,
    String podUid,
    String node,
    List<String> containers,
    String fromNodes,
    String toNodes,
    long offTargetBytes) {}
