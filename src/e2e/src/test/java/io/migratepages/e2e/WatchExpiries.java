package io.migratepages.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * The watches of fabric8 informers in this JVM that the API server expired: it answered 410 Gone to
 * their resourceVersion, and the informer listed again (relist) before watching from the new list's
 * version. Read from the informers' own log line ("Watch restarting due to http gone for RESOURCE",
 * debug level), which fabric8 writes on exactly that path and no other; it names the watched
 * resource, not the client, so a test tells components apart by resource or by time.
 */
final class WatchExpiries implements AutoCloseable {
  private static final String REFLECTOR =
      "io.fabric8.kubernetes.client.informers.impl.cache.Reflector";
  private static final String GONE = "Watch restarting due to http gone for ";

  private final Logger logger = LogContext.getLogContext().getLogger(REFLECTOR);
  private final Level levelBefore = logger.getLevel();
  private final boolean parentHandlersBefore = logger.getUseParentHandlers();
  private final List<String> expiredResources = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          String message =
              record instanceof ExtLogRecord ext
                  ? ext.getFormattedMessage()
                  : formatter.formatMessage(record);
          if (message != null && message.startsWith(GONE)) {
            expiredResources.add(message.substring(GONE.length()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private WatchExpiries() {
    // debug level for the Reflector only, kept off the console (it logs every watch event then)
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    logger.setLevel(Level.FINE);
  }

  /** Starts counting; {@link #close()} stops it and restores the Reflector's logging. */
  static WatchExpiries capture() {
    return new WatchExpiries();
  }

  /** Expired watches so far on resources whose API path ends with {@code /plural}. */
  int of(String plural) {
    return (int) expiredResources.stream().filter(r -> r.endsWith("/" + plural)).count();
  }

  /** The API paths of every expired watch so far, in order. */
  List<String> all() {
    return List.copyOf(expiredResources);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(levelBefore);
    logger.setUseParentHandlers(parentHandlersBefore);
  }
}
