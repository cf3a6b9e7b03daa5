package io.migratepages.numanodes;

import static io.migratepages.numanodes.NumaNodeSpec.Role.DESTINATION;
import static io.migratepages.numanodes.NumaNodeSpec.Role.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSpec.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumaNodeSpecResolveTest {

  /** Test hosts: online nodes / nodes with memory, as sysfs lists them. */
  private static final Map<String, NumaNodeUniverse> HOSTS =
      Map.of(
          // 4 nodes, node 2 memoryless (CPU-only)
          "four", NumaNodeUniverse.of("0-3", "0-1,3"),
          // sparse ids: nodes 0, 2, 5 exist, node 2 has no memory
          "sparse", NumaNodeUniverse.of("0,2,5", "0,5"),
          // one memory node
          "single", NumaNodeUniverse.of("0-1", "0"),
          // no node reports memory
          "nomem", NumaNodeUniverse.of("0", ""),
          // nodes across the 64-bit word boundary
          "big", NumaNodeUniverse.of("0-127", "0-127"));

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        "four; DESTINATION; all; 0-1,3",
        "four; SOURCE; all; 0-1,3",
        "four; SOURCE; 2; 2",
        "four; SOURCE; 0-3; 0-3",
        "four; DESTINATION; 0-3; 0-1,3",
        "four; DESTINATION; 3,0; 0,3",
        "four; DESTINATION; !0; 1,3",
        "four; SOURCE; !0; 1,3",
        "four; DESTINATION; !2; 0-1,3",
        "four; SOURCE; !all; ''",
        "four; SOURCE; !0-3; ''",
        "four; DESTINATION; +0,2; 0,3",
        "four; DESTINATION; +1-2; 1,3",
        "four; SOURCE; +2; 3",
        "four; DESTINATION; !+0; 1,3",
        "four; DESTINATION; +all; 0-1,3",
        "sparse; DESTINATION; all; 0,5",
        "sparse; DESTINATION; 0-5; 0,5",
        "sparse; SOURCE; 0-5; 0,2,5",
        "sparse; SOURCE; 2-5; 2,5",
        "sparse; SOURCE; 2; 2",
        "sparse; DESTINATION; +1; 5",
        "sparse; SOURCE; !5; 0",
        "sparse; DESTINATION; !0; 5",
        "sparse; SOURCE; !2; 0,5",
        "single; DESTINATION; +0; 0",
        "big; DESTINATION; 64,127; 64,127",
        "big; SOURCE; !0-63; 64-127",
        "big; DESTINATION; +64; 64"
      })
  void resolvesAgainstTheHost(String host, Role role, String spec, String expected) {
    NumaNodeSet resolved = NumaNodeSpec.parse(spec).resolve(HOSTS.get(host), role);
    assertThat(resolved).isEqualTo(NumaNodeSet.parseList(expected));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "four; DESTINATION; 7; to-nodes: node 7 does not exist on this host (online nodes: 0-3)",
        "four; SOURCE; 7; from-nodes: node 7 does not exist on this host (online nodes: 0-3)",
        "four; DESTINATION; 2; to-nodes: node 2 has no memory (nodes with memory: 0-1,3)",
        "four; DESTINATION; 1-2; to-nodes: node 2 has no memory (nodes with memory: 0-1,3)",
        "four; DESTINATION; 2-3; to-nodes: node 2 has no memory (nodes with memory: 0-1,3)",
        "four; SOURCE; 0-4; from-nodes: node 4 does not exist on this host (online nodes: 0-3)",
        "four; DESTINATION; !7; to-nodes: node 7 does not exist on this host (online nodes: 0-3)",
        "four; DESTINATION; !all; to-nodes: \"!all\" selects no node with memory"
            + " (nodes with memory: 0-1,3)",
        "four; DESTINATION; !0-3; to-nodes: \"!0-3\" selects no node with memory"
            + " (nodes with memory: 0-1,3)",
        "four; DESTINATION; +3; to-nodes: \"+3\": relative node +3 does not exist: the host has"
            + " 3 nodes with memory (0-1,3), so +0 to +2 are valid",
        "four; SOURCE; +0-5; from-nodes: \"+0-5\": relative node +5 does not exist: the host has"
            + " 3 nodes with memory (0-1,3), so +0 to +2 are valid",
        "sparse; SOURCE; 1; from-nodes: node 1 does not exist on this host (online nodes: 0,2,5)",
        "sparse; DESTINATION; 2; to-nodes: node 2 has no memory (nodes with memory: 0,5)",
        "sparse; DESTINATION; 2-5; to-nodes: node 2 has no memory (nodes with memory: 0,5)",
        "sparse; DESTINATION; '!0,5'; to-nodes: \"!0,5\" selects no node with memory"
            + " (nodes with memory: 0,5)",
        "single; DESTINATION; +1; to-nodes: \"+1\": relative node +1 does not exist: the host has"
            + " 1 node with memory (0), so only +0 is valid",
        "nomem; DESTINATION; all; to-nodes: \"all\" selects no node with memory"
            + " (nodes with memory: none)",
        "nomem; SOURCE; +0; from-nodes: \"+0\": relative node +0 does not exist: the host has"
            + " no node with memory",
        "big; DESTINATION; 128; to-nodes: node 128 does not exist on this host"
            + " (online nodes: 0-127)"
      })
  void rejectsSpecsThatDoNotFitTheHost(String host, Role role, String spec, String message) {
    NumaNodeSpec parsed = NumaNodeSpec.parse(spec);
    assertThatThrownBy(() -> parsed.resolve(HOSTS.get(host), role))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidNumaNodeSpecException) e).spec())
        .isEqualTo(spec);
  }

  @Test
  void emptySourceIsAllowedButEmptyDestinationIsNot() {
    NumaNodeSpec nothing = NumaNodeSpec.parse("!all");
    NumaNodeUniverse host = HOSTS.get("four");
    assertThat(nothing.resolve(host, SOURCE)).isEqualTo(NumaNodeSet.empty());
    assertThatThrownBy(() -> nothing.resolve(host, DESTINATION))
        .hasMessageContaining("selects no node");
  }

  @Test
  void subjectOverridesTheArgumentName() {
    assertThatThrownBy(
            () -> NumaNodeSpec.parse("7").resolve(HOSTS.get("four"), DESTINATION, "spec.toNodes"))
        .hasMessage("spec.toNodes: node 7 does not exist on this host (online nodes: 0-3)");
  }

  @Test
  void destinationNeverContainsAMemorylessNode() {
    NumaNodeUniverse host = HOSTS.get("sparse");
    for (String spec : new String[] {"all", "0-5", "!0", "+0-1", "!+0", "+all", "!5"}) {
      assertThat(
              host.memoryNodes().containsAll(NumaNodeSpec.parse(spec).resolve(host, DESTINATION)))
          .as(spec)
          .isTrue();
    }
  }
}
