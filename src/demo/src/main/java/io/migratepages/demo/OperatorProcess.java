package io.migratepages.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator, the chart's Deployment app (operator/target/quarkus-app/quarkus-run.jar), on the
 * host, talking to the demo's API server on the loopback.
 */
public final class OperatorProcess implements AutoCloseable {
  private final ChildProcess process;
  private final int httpPort;

  private OperatorProcess(ChildProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  public static OperatorProcess start(ProjectLayout layout, String apiUrl, Path log) {
    int httpPort = freeLoopbackPort();
    Map<String, String> env = new HashMap<>(KubernetesClientEnvironment.of(apiUrl));
    // Leader election is on only for the profiles in quarkus.operator-sdk
    // .activate-leader-election-for-profiles (prod); one replica in the demo needs no Lease.
    env.put("QUARKUS_PROFILE", "demo");
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    env.put("POD_NAME", "migratepages-operator-demo");
    List<String> command =
        List.of(
            javaExecutable(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xms32m",
            "-Xmx192m",
            "-XX:-UsePerfData",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-jar",
            layout.operatorJar().toString());
    return new OperatorProcess(
        ChildProcess.start("operator", command, layout.root(), env, log), httpPort);
  }

  /** Waits until /q/health/ready answers 200 (its informers are running). */
  public void awaitReady(Duration limit) {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(null))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    int lastStatus = -1;
    while (System.nanoTime() < deadline) {
      checkAlive();
      try {
        lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoException("interrupted while waiting for the operator", e);
      }
      Waits.sleep(Duration.ofMillis(300));
    }
    throw new DemoException(
        "the operator was not ready within "
            + limit.toSeconds()
            + " s (last /q/health/ready status "
            + lastStatus
            + "); its log ("
            + process.log()
            + ") ends with:\n"
            + process.logTail(30));
  }

  /** Throws, with the end of its log, if the operator has exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new DemoException(
          "the operator exited with code "
              + process.exitValue()
              + "; its log ("
              + process.log()
              + ") ends with:\n"
              + process.logTail(30));
    }
  }

  public ChildProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }

  static String javaExecutable() {
    String javaHome = System.getProperty("java.home");
    return Path.of(javaHome, "bin", "java").toString();
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DemoException("no free port on the loopback for the operator's HTTP server", e);
    }
  }
}
