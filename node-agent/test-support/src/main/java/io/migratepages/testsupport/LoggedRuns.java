package io.migratepages.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the project (a NUMA VM, a build step) with its output in a log file and a
 * bounded wait, and reads the files such a run leaves behind; for the tests that drive {@code
 * src/numa-vm/numa-vm}.
 */
public final class LoggedRuns {

  private LoggedRuns() {}

  /**
   * Runs {@code command} in {@code dir}, stdout and stderr into {@code log}, no stdin.
   *
   * @return its exit code
   * @throws AssertionError when it did not finish within {@code timeoutSeconds} (it and its
   *     children are killed)
   */
  public static int run(List<String> command, Path dir, Path log, int timeoutSeconds) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            command + " did not finish within " + timeoutSeconds + " s; output in " + log);
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The file's text, or {@code fallback} when there is no such file. */
  public static String readOr(Path file, String fallback) {
    return Files.isRegularFile(file) ? read(file) : fallback;
  }

  public static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  /** The last {@code lines} lines of {@code text}. */
  public static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
  }
}
