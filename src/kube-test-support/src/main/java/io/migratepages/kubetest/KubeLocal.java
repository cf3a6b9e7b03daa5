package io.migratepages.kubetest;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) that {@code
 * bin/kube-local} runs from one directory.
 */
public final class KubeLocal {

  /** Longer than kube-local's own bounded waits, which name what they waited for. */
  private static final Duration START_LIMIT = Duration.ofMinutes(15);

  private static final Duration STOP_LIMIT = Duration.ofMinutes(2);

  private final Path repo;
  private final Path dir;
  private final Map<String, String> environment;

  private KubeLocal(Path repo, Path dir, Map<String, String> environment) {
    this.repo = repo;
    this.dir = dir;
    this.environment = environment;
  }

  /**
   * Starts a control plane with nothing in it: what a previous run left in DIR (processes of a
   * killed run, etcd data) is stopped and deleted first.
   */
  public static KubeLocal startFresh(Path repo, Path dir) {
    return startFresh(repo, dir, Map.of());
  }

  /** ENVIRONMENT: variables added to the environment of bin/kube-local and src/kube/build. */
  public static KubeLocal startFresh(Path repo, Path dir, Map<String, String> environment) {
    KubeLocal kubeLocal = new KubeLocal(repo, dir, environment);
    kubeLocal.requireBinaries();
    if (Files.isDirectory(dir)) {
      kubeLocal.stop();
      deleteRecursively(dir);
    }
    kubeLocal.run(START_LIMIT, "start");
    return kubeLocal;
  }

  public void stop() {
    run(STOP_LIMIT, "stop");
  }

  /** {@code bin/kube-local status}: every process runs and /readyz is ok. */
  public boolean isReady() {
    return exec(
                STOP_LIMIT,
                List.of(repo.resolve("bin/kube-local").toString(), "status", dir.toString()))
            .exitCode
        == 0;
  }

  /** Starts what {@link #stop()} stopped, keeping certificates, etcd data and (when free) ports. */
  public void restart() {
    run(START_LIMIT, "start");
  }

  /**
   * {@code bin/kube-local restart-apiserver}: kube-apiserver alone stops (SIGTERM) and starts again
   * with the same flags, port and etcd data; returns once /readyz is ok. Its watch cache starts
   * empty, so a watch resumed from an older resourceVersion gets 410 Gone.
   */
  public void restartApiServer() {
    run(START_LIMIT, "restart-apiserver");
  }

  /**
   * {@code bin/kube-local compact-etcd}: etcd's history up to its current revision is removed.
   *
   * @return the revision compacted at
   */
  public long compactEtcd() {
    String output = run(STOP_LIMIT, "compact-etcd").strip();
    String last = output.substring(output.lastIndexOf('\n') + 1);
    try {
      return Long.parseLong(last);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "bin/kube-local compact-etcd printed no revision on its last line:\n" + output, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Cluster-admin credentials (O=system:masters). */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  public KubernetesClient newAdminClient() {
    return newAdminClient(config -> {});
  }

  /** As {@link #newAdminClient()}, with settings beyond the kubeconfig's (e.g. timeouts). */
  public KubernetesClient newAdminClient(Consumer<Config> settings) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig()));
      settings.accept(config);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + " left by a previous run", e);
    }
  }

  /** With MIGRATEPAGES_KUBE_BIN set, kube-local itself reports missing binaries. */
  private void requireBinaries() {
    if (environment.containsKey("MIGRATEPAGES_KUBE_BIN")
        || System.getenv("MIGRATEPAGES_KUBE_BIN") != null) {
      return;
    }
    Result check =
        exec(Duration.ofMinutes(1), List.of(repo.resolve("src/kube/build").toString(), "--check"));
    if (check.exitCode != 0) {
      throw new IllegalStateException(
          "the Kubernetes binaries for the cluster tests are missing or stale: run src/kube/build ("
              + check.output.strip()
              + ")");
    }
  }

  /** Runs a kube-local command and returns its output (stdout and stderr). */
  private String run(Duration limit, String command) {
    Result result =
        exec(limit, List.of(repo.resolve("bin/kube-local").toString(), command, dir.toString()));
    if (result.exitCode != 0) {
      throw new IllegalStateException(
          "bin/kube-local "
              + command
              + " "
              + dir
              + " failed with exit code "
              + result.exitCode
              + " (logs in "
              + dir.resolve("logs")
              + "):\n"
              + result.output);
    }
    return result.output;
  }

  private Result exec(Duration limit, List<String> command) {
    try {
      Files.createDirectories(dir);
      Path output = Files.createTempFile(dir, "kube-local-", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command)
                  + " did not finish within "
                  + limit
                  + ":\n"
                  + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private record Result(int exitCode, String output) {}
}
