package io.migratepages.kubetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files committed in the repository, found through the system property the module's pom sets. */
public final class RepoFiles {

  private RepoFiles() {}

  public static Path repo() {
    String dir = System.getProperty("migratepages.repo.dir");
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "system property migratepages.repo.dir is not set (the module's pom sets it for surefire)");
    }
    return Path.of(dir).toAbsolutePath().normalize();
  }

  /** The YAML files directly in a folder of the repository, sorted by name. */
  public static List<Path> yamlFiles(String folder) {
    Path dir = repo().resolve(folder);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yaml =
          files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
      if (yaml.isEmpty()) {
        throw new IllegalStateException("no .yaml file in " + dir);
      }
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
