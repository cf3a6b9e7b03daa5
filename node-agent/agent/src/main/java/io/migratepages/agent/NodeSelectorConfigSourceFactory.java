package io.migratepages.agent;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code quarkus.operator-sdk.controllers.nodemigration.selector} = {@code
 * migratepages.io/node=<labelValue(NODE_NAME)>}, so the agent's informer only ever lists this
 * node's NodeMigrations. A plain property expression cannot do it: node names longer than 63
 * characters are hashed into label values ({@code ApiGroup.labelValue}). An explicit setting of the
 * property wins (this source's ordinal is below application.properties').
 */
public final class NodeSelectorConfigSourceFactory implements ConfigSourceFactory {
  static final String SELECTOR_PROPERTY =
      "quarkus.operator-sdk.controllers." + NodeMigrationReconciler.NAME + ".selector";
  private static final int ORDINAL = 200;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    String node = value(context, "migratepages.agent.node-name");
    if (node == null) {
      node = value(context, "NODE_NAME");
    }
    if (node == null) {
      // without a node name the agent refuses to start (AgentIdentity), before the operator does
      return List.of();
    }
    return List.of(
        new PropertiesConfigSource(
            Map.of(SELECTOR_PROPERTY, AgentIdentity.labelSelector(node)),
            "migratepages-node-selector",
            ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }

  private static String value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    if (value == null || value.getValue() == null || value.getValue().isBlank()) {
      return null;
    }
    return value.getValue().strip();
  }
}
