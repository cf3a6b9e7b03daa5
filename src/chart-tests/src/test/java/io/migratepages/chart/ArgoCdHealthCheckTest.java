package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check for NumaMigrations (files/argocd/numamigration-health.lua) run by
 * Debian's real Lua 5.1 interpreter (Argo CD's gopher-lua implements Lua 5.1) on NumaMigrations the
 * operator really wrote: captured from the end-to-end tests on the real kube-apiserver (src/e2e
 * writes them to target/captured-statuses; see captured-statuses/README.md).
 */
class ArgoCdHealthCheckTest {
  private static final Path SCRIPT = Chart.DIR.resolve("files/argocd/numamigration-health.lua");
  private static final Path POLICY_SCRIPT =
      Chart.DIR.resolve("files/argocd/numaplacementpolicy-health.lua");
  private static final Path PATCH = Chart.DIR.resolve("files/argocd/argocd-cm-patch.yaml");
  private static final String LUA = "lua5.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Health(String status, String message) {}

  @Test
  void aSucceededRunIsHealthyWithItsOutcome() throws Exception {
    Health health = check(captured("succeeded"));

    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).isEqualTo("Succeeded: 2 pods migrated, 200Mi moved");
  }

  @Test
  void aRunWaitingForAnAgentIsProgressing() throws Exception {
    JsonNode object = captured("running-waiting-for-agents");
    assertThat(object.at("/status/phase").asText()).isEqualTo("Running");

    Health health = check(object);

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).startsWith("WaitingForAgents: ");
  }

  @Test
  void partiallySucceededRunsAreDegradedWithTheReason() throws Exception {
    for (String name :
        List.of("partially-succeeded-pod-deleted", "partially-succeeded-agent-unavailable")) {
      JsonNode object = captured(name);

      Health health = check(object);

      assertThat(health.status()).as(name).isEqualTo("Degraded");
      assertThat(health.message())
          .as(name)
          .isEqualTo("PartiallySucceeded: " + readyMessage(object))
          .contains("pods succeeded");
    }
  }

  @Test
  void failedRunsAreDegradedWithTheReason() throws Exception {
    Health invalid = check(captured("failed-invalid-spec"));
    Health noPods = check(captured("failed-no-matching-pods"));

    assertThat(invalid.status()).isEqualTo("Degraded");
    assertThat(invalid.message()).startsWith("InvalidSpec: ").contains("fromNodes");
    assertThat(noPods.status()).isEqualTo("Degraded");
    assertThat(noPods.message()).startsWith("NoMatchingPods: ");
  }

  @Test
  void aStatusOfAnEarlierGenerationIsProgressingNotItsOldOutcome() throws Exception {
    ObjectNode edited = (ObjectNode) captured("succeeded");
    long generation = edited.at("/metadata/generation").asLong();
    ((ObjectNode) edited.get("metadata")).put("generation", generation + 1);

    Health health = check(edited);

    assertThat(health)
        .isEqualTo(
            new Health(
                "Progressing", "Waiting for the operator to run generation " + (generation + 1)));
  }

  @Test
  void aNewObjectWithoutStatusIsProgressing() throws Exception {
    ObjectNode fresh = (ObjectNode) captured("succeeded");
    fresh.remove("status");

    assertThat(check(fresh).status()).isEqualTo("Progressing");
  }

  @Test
  void theArgoCdConfigMapPatchCarriesTheScriptVerbatim() throws IOException {
    JsonNode patch = new YAMLMapper().readTree(PATCH.toFile());

    assertThat(patch.at("/data").size()).isEqualTo(2);
    assertThat(
            patch
                .path("data")
                .path("resource.customizations.health.migratepages.io_NumaMigration")
                .asText())
        .isEqualTo(Files.readString(SCRIPT));
    assertThat(
            patch
                .path("data")
                .path("resource.customizations.health.migratepages.io_NumaPlacementPolicy")
                .asText())
        .isEqualTo(Files.readString(POLICY_SCRIPT));
  }

  private static String readyMessage(JsonNode object) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        return condition.path("message").asText();
      }
    }
    throw new AssertionError("no Ready condition in " + object);
  }

  static JsonNode captured(String name) throws IOException {
    try (var in =
        ArgoCdHealthCheckTest.class.getResourceAsStream("/captured-statuses/" + name + ".json")) {
      assertThat(in).as("captured-statuses/" + name + ".json").isNotNull();
      return JSON.readTree(in);
    }
  }

  /** Runs the script as Argo CD does: {@code obj} global, the chunk's return value the result. */
  private static Health check(JsonNode object) throws Exception {
    return check(SCRIPT, object);
  }

  /** Runs {@code script} as Argo CD does on {@code object}. */
  static Health check(Path script, JsonNode object) throws Exception {
    String program =
        "obj = "
            + LuaTable.of(object)
            + "\nlocal hs = (function()\n"
            + Files.readString(script)
            + "\nend)()\n"
            + "io.write(tostring(hs.status), \"\\n\", tostring(hs.message))\n";
    Process lua;
    try {
      lua = new ProcessBuilder(LUA, "-").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(LUA + " is not installed: apt-get install lua5.1", e);
    }
    lua.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
    lua.getOutputStream().close();
    String out = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lua.waitFor(30, TimeUnit.SECONDS)).as("lua5.1 finished").isTrue();
    assertThat(lua.exitValue()).as("lua5.1 exit code, output: " + out).isZero();
    String[] lines = out.split("\n", 2);
    assertThat(lines).as("status and message from: " + out).hasSize(2);
    return new Health(lines[0], lines[1]);
  }
}
