package io.migratepages.operator.policy;

import java.time.Instant;

/**
 * A move the policy made earlier: from its history of NumaMigrations or its remembered cooldowns.
 *
 * @param finished whether its NumaMigration reached a final phase (a remembered cooldown is)
 */
public record PastMove(String pod, String node, String toNodes, Instant time, boolean finished) {}
