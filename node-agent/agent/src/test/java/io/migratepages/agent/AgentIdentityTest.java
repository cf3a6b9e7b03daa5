package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentIdentityTest {
  private static final String LONG_NODE =
      "ip-10-0-12-34.eu-central-1.compute.internal.a-very-long-cluster-suffix.example.com";

  @Test
  void missingNodeNameFailsNamingTheVariableAndHowToSetIt() {
    assertThatThrownBy(() -> AgentIdentity.of(Optional.of("  "), Optional.empty(), () -> "h"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NODE_NAME is not set")
        .hasMessageContaining("spec.nodeName");
  }

  @Test
  void podNameSignsTheWorkElseTheHostname() {
    assertThat(AgentIdentity.of(Optional.of("n1"), Optional.of("agent-abc"), () -> "h").agentName())
        .isEqualTo("agent-abc");
    assertThat(AgentIdentity.of(Optional.of("n1"), Optional.empty(), () -> "host-1").agentName())
        .isEqualTo("host-1");
  }

  @Test
  void longNodeNamesAreSelectedByTheirHashedLabelValue() {
    AgentIdentity identity = new AgentIdentity(LONG_NODE, "a");

    assertThat(LONG_NODE.length()).isGreaterThan(63);
    assertThat(identity.labelSelector())
        .isEqualTo("migratepages.io/node=" + ApiGroup.labelValue(LONG_NODE))
        .startsWith("migratepages.io/node=h-");
    assertThat(identity.serves(labelled(ApiGroup.labelValue(LONG_NODE)))).isTrue();
    assertThat(identity.serves(labelled("worker-2"))).isFalse();
    assertThat(identity.serves(new NodeMigration())).isFalse();
  }

  @Test
  void quarkusSelectorPropertyIsDerivedFromNodeName() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of("NODE_NAME", LONG_NODE), "env", 300))
            .withSources(new NodeSelectorConfigSourceFactory())
            .build();

    assertThat(config.getValue(NodeSelectorConfigSourceFactory.SELECTOR_PROPERTY, String.class))
        .isEqualTo(new AgentIdentity(LONG_NODE, "a").labelSelector());
  }

  @Test
  void explicitSelectorSettingWins() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "NODE_NAME",
                        "worker-1",
                        NodeSelectorConfigSourceFactory.SELECTOR_PROPERTY,
                        "migratepages.io/node=override"),
                    "application.properties",
                    250))
            .withSources(new NodeSelectorConfigSourceFactory())
            .build();

    assertThat(config.getValue(NodeSelectorConfigSourceFactory.SELECTOR_PROPERTY, String.class))
        .isEqualTo("migratepages.io/node=override");
  }

  @Test
  void noSelectorWithoutNodeName() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder().withSources(new NodeSelectorConfigSourceFactory()).build();

    assertThat(
            config.getOptionalValue(
                NodeSelectorConfigSourceFactory.SELECTOR_PROPERTY, String.class))
        .isEmpty();
  }

  private static NodeMigration labelled(String value) {
    NodeMigration work = new NodeMigration();
    work.setMetadata(
        new ObjectMetaBuilder().withLabels(Map.of(ApiGroup.NODE_LABEL, value)).build());
    return work;
  }
}
