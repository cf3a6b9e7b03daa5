package io.migratepages.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the demo finds what it runs: the chart's two apps, the NUMA VM harness, YAML files. */
public record ProjectLayout(Path root) {

  /** The project root at or above {@code start}: the directory holding src/numa-vm/numa-vm. */
  public static ProjectLayout findFrom(Path start) {
    Path absolute = start.toAbsolutePath().normalize();
    for (Path dir = absolute; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("src/numa-vm/numa-vm"))
          && Files.isDirectory(dir.resolve("crds"))) {
        return new ProjectLayout(dir);
      }
    }
    throw new DemoException(
        "no migratepages-operator checkout at or above "
            + absolute
            + " (looked for src/numa-vm/numa-vm and crds/): run the demo from the project");
  }

  /** The operator as the chart's Deployment runs it. */
  public Path operatorJar() {
    return root.resolve("operator/target/quarkus-app/quarkus-run.jar");
  }

  /** The node agent as the chart's DaemonSet runs it. */
  public Path agentJar() {
    return root.resolve("node-agent/agent/target/quarkus-app/quarkus-run.jar");
  }

  public Path numaVm() {
    return root.resolve("src/numa-vm/numa-vm");
  }

  /** The node's side of the demo, run inside the NUMA VM. */
  public Path nodeScript() {
    return root.resolve("src/demo/vm/demo-node.sh");
  }

  /** The NumaMigration the demo applies. */
  public Path demoMigration() {
    return root.resolve("examples/demo-numamigration.yaml");
  }

  /** The committed CRDs (crds/*.yaml), installed into the demo's API server. */
  public List<Path> crdFiles() {
    try (Stream<Path> files = Files.list(root.resolve("crds"))) {
      List<Path> crds =
          files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
      if (crds.isEmpty()) {
        throw new DemoException("no CRD YAML in " + root.resolve("crds"));
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path as the user would type it from the project root. */
  public String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
