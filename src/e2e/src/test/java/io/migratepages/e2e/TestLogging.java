package io.migratepages.e2e;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Console logging outside Quarkus. The operator and agent log through SLF4J and JBoss Logging onto
 * JBoss LogManager (which Quarkus configures in the apps); here nobody configures it, and it would
 * drop everything.
 */
public final class TestLogging {
  private static boolean configured;

  private TestLogging() {}

  /**
   * @param ours level of the operator's and agents' own loggers (io.migratepages)
   */
  public static synchronized void configure(Level ours) {
    if (configured) {
      return;
    }
    configured = true;
    org.jboss.logmanager.Logger root = LogContext.getLogContext().getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console =
        new ConsoleHandler(
            ConsoleHandler.Target.SYSTEM_ERR,
            new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1.}] (%t) %s%e%n"));
    console.setLevel(Level.ALL);
    root.addHandler(console);
    root.setLevel(Level.WARNING);
    // it warns once per CRD that v1alpha1 is not a stable version: we know
    Map.of(
            "io.migratepages",
            ours,
            "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
            Level.SEVERE)
        .forEach((name, level) -> LogContext.getLogContext().getLogger(name).setLevel(level));
  }
}
