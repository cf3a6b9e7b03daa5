package io.migratepages.demo;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * bin/demo's Java side: runs {@link DemoScenario} and prints the report.
 *
 * <p>Usage: {@code DemoMain [--project-root DIR] [--run-dir DIR]}. Exit 0 when the NumaMigration
 * Succeeded, 1 when it did not, 2 when the demo could not run.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    Path root = Path.of(".");
    Path runDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--project-root" -> root = Path.of(value(args, ++i, "--project-root"));
        case "--run-dir" -> runDir = Path.of(value(args, ++i, "--run-dir"));
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    Narrator narrator = new Narrator(System.out);
    DemoScenario scenario;
    try {
      ProjectLayout layout = ProjectLayout.findFrom(root);
      if (runDir == null) {
        String stamp =
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        runDir = layout.root().resolve("target/demo").resolve(stamp);
      }
      scenario = new DemoScenario(layout, runDir, narrator);
    } catch (DemoException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoScenario running = scenario;
    Thread stopper =
        new Thread(
            () -> {
              System.err.println(
                  "\ndemo: stopped; ending the operator, the VM and the API server (logs in "
                      + running.runDir()
                      + ")");
              running.abort();
            },
            "demo-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    int exit;
    try {
      DemoResult result = scenario.run();
      DemoReport.print(result, narrator);
      exit = "Succeeded".equals(result.status().phase()) ? 0 : 1;
    } catch (DemoException e) {
      System.err.println();
      System.err.println("demo: FAILED: " + e.getMessage());
      exit = 2;
    } catch (RuntimeException e) {
      System.err.println();
      System.err.println("demo: FAILED: " + e);
      e.printStackTrace();
      exit = 2;
    }
    narrator.line("");
    narrator.line(
        String.format(
            Locale.ROOT,
            "Demo %s in %.1f s. Logs: %s (operator.log, vm/agent.log, vm/console.log)",
            exit == 0 ? "finished" : "failed",
            narrator.elapsed().toMillis() / 1000.0,
            scenario.runDir()));
    Runtime.getRuntime().removeShutdownHook(stopper);
    System.exit(exit);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      usage(option + " needs a directory");
    }
    return args[index];
  }

  private static void usage(String problem) {
    System.err.println("demo: " + problem + "; usage: bin/demo [--run-dir DIR]");
    System.exit(2);
  }
}
