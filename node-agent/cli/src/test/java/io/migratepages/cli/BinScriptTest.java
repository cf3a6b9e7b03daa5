package io.migratepages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/migratepages before the jar exists: it must say how to build it, through symlinks too. */
class BinScriptTest {
  private static final Path SCRIPT = Path.of("../../bin/migratepages").toAbsolutePath().normalize();

  @TempDir Path clone;

  private Path copyScriptIntoFreshClone() throws Exception {
    Path bin = Files.createDirectories(clone.resolve("bin"));
    Path script = bin.resolve("migratepages");
    Files.copy(SCRIPT, script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static String[] run(Path command) throws Exception {
    Process p =
        new ProcessBuilder(command.toString(), "1", "0", "0").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {Integer.toString(p.waitFor()), output};
  }

  @Test
  void missingJarSaysHowToBuildIt() throws Exception {
    String[] result = run(copyScriptIntoFreshClone());
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1])
        .contains(clone.toRealPath() + "/node-agent/cli/target/migratepages.jar not found")
        .contains("mvn -B -DskipTests package");
  }

  @Test
  void symlinksAreResolvedToTheRepository() throws Exception {
    Path script = copyScriptIntoFreshClone();
    Path elsewhere = Files.createDirectories(clone.resolve("usr/local/bin"));
    Path link =
        Files.createSymbolicLink(
            elsewhere.resolve("migratepages"), Path.of("../../../bin/migratepages"));
    String[] result = run(link);
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1])
        .contains(clone.toRealPath() + "/node-agent/cli/target/migratepages.jar not found");
    assertThat(script).exists();
  }
}
