package io.migratepages.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.testsupport.NumaMapsBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one scenario case left in cases/NAME/ (see src/kernel-tests/src/test/vm/lib.sh). */
final class CaseEvidence {

  private final String name;
  private final Path dir;

  CaseEvidence(String name, Path dir) {
    this.name = name;
    this.dir = dir;
    assertThat(dir.resolve("exit-code"))
        .as("case %s did not run in the VM (no %s)", name, dir.resolve("exit-code"))
        .exists();
  }

  int exitCode() {
    return Integer.parseInt(read("exit-code").trim());
  }

  int pid() {
    return Integer.parseInt(read("pid").trim());
  }

  String command() {
    return read("command").trim();
  }

  String stdout() {
    return read("stdout");
  }

  String stderr() {
    return read("stderr");
  }

  NumaNodeBytes before() {
    return new NumaNodeBytes(NumaMapsBytes.parse(read("numa_maps.before")).all());
  }

  NumaNodeBytes after() {
    return new NumaNodeBytes(NumaMapsBytes.parse(read("numa_maps.after")).all());
  }

  /** Another file the scenario left for this case, e.g. a watcher's notes; null when absent. */
  String extra(String file) {
    return Files.isRegularFile(dir.resolve(file)) ? read(file).strip() : null;
  }

  /** One line for assertion messages: what ran and what it said. */
  String describe() {
    return String.format(
        "case %s: `%s` exited %d%nstdout: %s%nstderr: %s",
        name, command(), exitCode(), stdout().strip(), stderr().strip());
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("case " + name + ": cannot read " + file, e);
    }
  }
}
