package io.migratepages.images;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A container run by Debian's runc from a {@link RuncBundle} ({@code runc run}, in the foreground
 * of a child process whose output goes to {@code container.log} in the bundle), killed and deleted
 * on close. Its state lives under the bundle, apart from any other runc user on the machine.
 */
final class RuncContainer implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String id;
  private final Path state;
  private final Path log;
  private final Process process;

  private RuncContainer(String id, Path state, Path log, Process process) {
    this.id = id;
    this.state = state;
    this.log = log;
    this.process = process;
  }

  static RuncContainer run(RuncBundle bundle, String id) throws IOException {
    bundle.writeConfig();
    Path state = bundle.dir.resolve("runc-state");
    Path log = bundle.dir.resolve("container.log");
    Process process =
        new ProcessBuilder(
                "runc", "--root", state.toString(), "run", "--bundle", bundle.dir.toString(), id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new RuncContainer(id, state, log, process);
  }

  /** What the container (and runc) wrote to stdout and stderr so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  boolean isRunning() {
    return process.isAlive();
  }

  /** The response to GET http://127.0.0.1:PORT/PATH (host network), or an exception if none. */
  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    System.out.println("container " + id + ", its output:\n" + log());
    runc("kill", id, "KILL");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    runc("delete", "--force", id);
  }

  private void runc(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 3];
    command[0] = "runc";
    command[1] = "--root";
    command[2] = state.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor(30, TimeUnit.SECONDS);
  }
}
