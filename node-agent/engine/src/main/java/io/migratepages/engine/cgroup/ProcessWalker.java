package io.migratepages.engine.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Collects the processes of a container's cgroup subtree from each directory's {@code
 * cgroup.procs}.
 *
 * <p>Skipped: {@code 0} entries (processes outside the reader's PID namespace), duplicates,
 * threaded cgroups ({@code cgroup.type} = {@code threaded}: their threads belong to processes
 * listed in the domain above), systemd {@code *.mount} units and {@code crio-conmon-*}.
 */
final class ProcessWalker {
  static final int MAX_DEPTH = 32;

  /** PIDs sorted and unique; the directories that listed at least one of them. */
  record Walk(List<Integer> pids, List<Path> directories, List<String> notes) {}

  Walk walk(Path containerDirectory) {
    TreeSet<Integer> pids = new TreeSet<>();
    List<Path> directories = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    visit(containerDirectory, 0, pids, directories, notes);
    return new Walk(List.copyOf(pids), directories, notes);
  }

  private void visit(
      Path directory,
      int depth,
      TreeSet<Integer> pids,
      List<Path> directories,
      List<String> notes) {
    if (depth > 0 && isThreaded(directory)) {
      notes.add("skipped threaded cgroup " + directory);
      return;
    }
    if (readProcs(directory, pids, notes)) {
      directories.add(directory);
    }
    if (depth == MAX_DEPTH) {
      notes.add("not descending below " + directory + " (depth limit " + MAX_DEPTH + ")");
      return;
    }
    try {
      for (Path child : KubepodsRootFinder.subdirectories(directory)) {
        visit(child, depth + 1, pids, directories, notes);
      }
    } catch (IOException e) {
      notes.add("cannot list " + directory + ": " + e);
    }
  }

  /** Adds the directory's processes; true if it listed one not seen before. */
  private static boolean readProcs(Path directory, TreeSet<Integer> pids, List<String> notes) {
    List<String> lines;
    try {
      lines = Files.readAllLines(directory.resolve("cgroup.procs"));
    } catch (NoSuchFileException gone) {
      notes.add("no cgroup.procs in " + directory + " (removed while reading?)");
      return false;
    } catch (IOException e) {
      notes.add("cannot read " + directory.resolve("cgroup.procs") + ": " + e);
      return false;
    }
    boolean added = false;
    for (String line : lines) {
      String text = line.trim();
      if (text.isEmpty()) {
        continue;
      }
      int pid;
      try {
        pid = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        notes.add("ignored '" + text + "' in " + directory.resolve("cgroup.procs"));
        continue;
      }
      if (pid > 0) {
        added |= pids.add(pid);
      }
    }
    return added;
  }

  private static boolean isThreaded(Path directory) {
    try {
      return Files.readString(directory.resolve("cgroup.type")).trim().equals("threaded");
    } catch (IOException absentInV1) {
      return false;
    }
  }
}
