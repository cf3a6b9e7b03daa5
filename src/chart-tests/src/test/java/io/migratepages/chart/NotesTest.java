package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class NotesTest {

  @Test
  void notesShowAnExampleThatIsAValidNumaMigrationAndHowToWatchIt() {
    String notes = Chart.notes();
    int start = notes.indexOf("kubectl apply -f - <<'EOF'\n");
    int end = notes.indexOf("\nEOF\n", start);
    assertThat(start).as("heredoc in NOTES").isPositive();
    assertThat(end).as("heredoc terminator at column 0").isGreaterThan(start);

    String yaml = notes.substring(notes.indexOf('\n', start) + 1, end);
    JsonNode example = Manifests.parse(yaml).one("NumaMigration");
    assertThat(example.path("apiVersion").asText()).isEqualTo("migratepages.io/v1alpha1");
    assertThat(example.at("/spec/podName").asText()).isEqualTo("db-0");
    assertThat(example.at("/spec/toNodes").asText()).isEqualTo("1");

    assertThat(notes)
        .contains("get numamigrations -w")
        .contains("get nodemigrations -l migratepages.io/numamigration=db-0-to-node1")
        .contains("daemonset/mp-migratepages-operator-node-agent")
        .contains("pod-security.kubernetes.io/enforce=privileged");
  }

  @Test
  void notesSayWhichSeccompProfileTheAgentsRunWith() {
    assertThat(Chart.notes()).contains("seccomp Unconfined");
    assertThat(
            Chart.notes(
                "agent.seccompProfile.type=Localhost",
                "agent.seccompProfile.localhostProfile=migratepages/agent.json"))
        .contains("seccomp Localhost: migratepages/agent.json");
  }
}
