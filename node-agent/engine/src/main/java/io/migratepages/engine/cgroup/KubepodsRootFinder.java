package io.migratepages.engine.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the kubelet's pods cgroup(s) in a hierarchy by a breadth-first search of bounded depth and
 * size, instead of assuming {@code kubepods.slice} sits at the root: a {@code --cgroup-root} or a
 * nested node (kind) moves it. Nothing is cached: the search is a few hundred directory listings.
 */
final class KubepodsRootFinder {
  static final int DEFAULT_MAX_DEPTH = 6;
  static final int DEFAULT_MAX_DIRECTORIES = 50_000;

  private final int maxDepth;
  private final int maxDirectories;

  /** What a search found, plus notes on where it could not look. */
  record Result(List<KubepodsRoot> roots, List<String> notes) {}

  KubepodsRootFinder() {
    this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_DIRECTORIES);
  }

  KubepodsRootFinder(int maxDepth, int maxDirectories) {
    this.maxDepth = maxDepth;
    this.maxDirectories = maxDirectories;
  }

  int maxDepth() {
    return maxDepth;
  }

  /**
   * The pods roots at the shallowest depth that has any, under {@code hierarchyRoot} (which counts
   * as depth 0).
   */
  Result find(Path hierarchyRoot) {
    List<KubepodsRoot> found = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Path> level = List.of(hierarchyRoot);
    int visited = 0;
    for (int depth = 0; depth <= maxDepth && !level.isEmpty(); depth++) {
      for (Path directory : level) {
        Path name = directory.getFileName();
        if (name != null && KubepodsRoot.isKubepodsRootName(name.toString())) {
          found.add(KubepodsRoot.of(directory));
        }
      }
      // the shallowest roots are the node's own (deeper ones belong to nested nodes), and
      // checking a level's names before listing it spares listing system.slice and the like
      if (!found.isEmpty() || depth == maxDepth) {
        break;
      }
      List<Path> next = new ArrayList<>();
      for (Path directory : level) {
        if (++visited > maxDirectories) {
          notes.add("search stopped after listing " + maxDirectories + " directories");
          return new Result(found, notes);
        }
        try {
          next.addAll(subdirectories(directory));
        } catch (IOException e) {
          notes.add("cannot list " + directory + ": " + e);
        }
      }
      level = next;
    }
    return new Result(found, notes);
  }

  /**
   * Child directories worth descending into, sorted by name; empty when the directory is gone
   * (cgroups vanish when containers stop).
   */
  static List<Path> subdirectories(Path directory) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path child : stream) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && !isIgnored(child)) {
          children.add(child);
        }
      }
    } catch (NoSuchFileException gone) {
      return List.of();
    }
    children.sort(null);
    return children;
  }

  /** systemd mount units and CRI-O's conmon monitor never hold a container's processes. */
  static boolean isIgnored(Path directory) {
    String name = directory.getFileName().toString();
    return name.endsWith(".mount") || name.startsWith("crio-conmon-");
  }
}
