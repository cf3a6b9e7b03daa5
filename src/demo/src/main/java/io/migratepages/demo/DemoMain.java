package io.migratepages.demo;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * bin/demo's Java side: runs {@link DemoScenario} (or, with {@code --real-node}, {@link
 * RealNodeDemo}) and prints the report.
 *
 * <p>Usage: {@code DemoMain [--project-root DIR] [--run-dir DIR] [--real-node]}. Exit 0 when the
 * NumaMigration Succeeded, 1 when it did not, 2 when the demo could not run.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    Path root = Path.of(".");
    Path runDir = null;
    boolean realNode = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--project-root" -> root = Path.of(value(args, ++i, "--project-root"));
        case "--run-dir" -> runDir = Path.of(value(args, ++i, "--run-dir"));
        case "--real-node" -> realNode = true;
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    Narrator narrator = new Narrator(System.out);
    Scenario scenario;
    try {
      ProjectLayout layout = ProjectLayout.findFrom(root);
      if (runDir == null) {
        String stamp =
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        runDir = layout.root().resolve("target/demo").resolve(stamp);
      }
      if (realNode) {
        RealNodeDemo demo = new RealNodeDemo(layout, runDir, narrator);
        scenario = new Scenario(demo::run, demo::abort, runDir);
      } else {
        DemoScenario demo = new DemoScenario(layout, runDir, narrator);
        scenario = new Scenario(demo::run, demo::abort, runDir);
      }
    } catch (DemoException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    Scenario running = scenario;
    Thread stopper =
        new Thread(
            () -> {
              System.err.println(
                  "\ndemo: stopped; ending the operator, the VM and the API server (logs in "
                      + running.runDir()
                      + ")");
              running.abort().run();
            },
            "demo-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    int exit;
    try {
      DemoResult result = scenario.run().get();
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
            realNode
                ? "Demo %s in %.1f s. Logs: %s (kube/logs, node.log, vm/node, vm/chart, vm/console.log)"
                : "Demo %s in %.1f s. Logs: %s (operator.log, vm/agent.log, vm/console.log)",
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
    System.err.println("demo: " + problem + "; usage: bin/demo [--run-dir DIR] [--real-node]");
    System.exit(2);
  }

  /** The simulated demo or the real node's, as the main method runs them. */
  private record Scenario(Supplier<DemoResult> run, Runnable abort, Path runDir) {}
}
