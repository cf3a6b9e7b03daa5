package io.migratepages.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl numa}: where memory sits on NUMA nodes, per Kubernetes node and per pod, and the
 * story of a NumaMigration. A kubectl plugin: kubectl runs {@code kubectl-numa} from the PATH.
 */
@Command(
    name = "kubectl numa",
    mixinStandardHelpOptions = true,
    versionProvider = KubectlNuma.Version.class,
    description = "NUMA placement of Kubernetes nodes and pods, and NumaMigrations explained.",
    subcommands = {NodesCommand.class, PodsCommand.class, ExplainCommand.class})
public final class KubectlNuma implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with API errors printed as one line (exit 1), not a stack trace. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new KubectlNuma());
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof KubernetesClientException k) {
            cmd.getErr().println("kubectl numa: " + describe(k));
            return 1;
          }
          throw e;
        });
    return line;
  }

  private static String describe(KubernetesClientException e) {
    if (e.getCode() == 404
        && e.getMessage() != null
        && e.getMessage().contains("nodenumareports")) {
      return "the API server has no NodeNumaReports: install the chart's CRDs"
          + " (kubectl apply -f crds/)";
    }
    String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
    return message == null ? e.toString() : message;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KubectlNuma.class.getPackage().getImplementationVersion();
      return new String[] {"kubectl-numa " + (version == null ? "(development build)" : version)};
    }
  }
}
