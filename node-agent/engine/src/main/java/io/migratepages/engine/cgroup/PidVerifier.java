package io.migratepages.engine.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a PID is (still) a process of a container, by reading one small file: {@code
 * <procRoot>/<pid>/cgroup}. Cheap and stateless; the agent calls it again after opening a pidfd, so
 * that a PID reused by another process is not acted on.
 */
public final class PidVerifier {
  private final Path procRoot;

  /** The outcome, with a reason fit for a status message either way. */
  public record Verdict(int pid, boolean belongs, String reason) {}

  public PidVerifier(Path procRoot) {
    this.procRoot = procRoot;
  }

  public boolean belongsTo(int pid, ContainerCgroup container) {
    return verify(pid, container).belongs();
  }

  public Verdict verify(int pid, ContainerCgroup container) {
    if (pid <= 0) {
      return new Verdict(pid, false, "pid " + pid + " is not a process id (must be > 0)");
    }
    Path file = procRoot.resolve(Integer.toString(pid)).resolve("cgroup");
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return new Verdict(pid, false, "pid " + pid + " has exited (no " + file + ")");
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("No such process")) {
        return new Verdict(pid, false, "pid " + pid + " has exited (reading " + file + ")");
      }
      return new Verdict(pid, false, "pid " + pid + ": cannot read " + file + ": " + e);
    }
    CgroupHierarchy hierarchy = container.hierarchy();
    Optional<ProcCgroupLine> line =
        lines.stream()
            .map(ProcCgroupLine::parse)
            .flatMap(Optional::stream)
            .filter(l -> l.belongsTo(hierarchy))
            .findFirst();
    if (line.isEmpty()) {
      return new Verdict(
          pid,
          false,
          "pid "
              + pid
              + ": "
              + file
              + " has no line for the "
              + (hierarchy.isUnified() ? "unified hierarchy (0::)" : hierarchy.controller())
              + " hierarchy");
    }
    String path = line.get().path();
    if (CgroupPathMatcher.isUnder(path, container.relativeComponents())) {
      return new Verdict(
          pid, true, "pid " + pid + " is in " + path + ", under " + container.relativePath());
    }
    return new Verdict(
        pid,
        false,
        "pid "
            + pid
            + " is in "
            + path
            + (path.endsWith(" (deleted)") ? " (a removed cgroup)" : "")
            + ", not under "
            + container.relativePath()
            + " (exited and its pid reused, or moved)");
  }
}
