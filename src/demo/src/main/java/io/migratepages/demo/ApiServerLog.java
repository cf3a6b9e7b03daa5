package io.migratepages.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * The API server's request log (one line per request, through java.util.logging) and the demo's own
 * client warnings (SLF4J) go to a file in the run directory instead of over the demo's output.
 */
final class ApiServerLog implements AutoCloseable {
  // Held here: java.util.logging keeps only weak references to configured loggers.
  private static final Logger MOCK_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  private final Handler handler;

  private ApiServerLog(Handler handler) {
    this.handler = handler;
  }

  static ApiServerLog writeTo(Path file) {
    System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    OutputStream out;
    try {
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    Handler handler =
        new StreamHandler(out, new SimpleFormatter()) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    MOCK_SERVER.setUseParentHandlers(false);
    MOCK_SERVER.addHandler(handler);
    return new ApiServerLog(handler);
  }

  @Override
  public void close() {
    MOCK_SERVER.removeHandler(handler);
    MOCK_SERVER.setUseParentHandlers(true);
    handler.close();
  }
}
