package io.migratepages.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chart under test, rendered and linted by the real Helm engine (helm-java). */
final class Chart {

  static final Path DIR =
      Path.of(System.getProperty("migratepages.chart.dir", "../../helm/migratepages-operator"))
          .toAbsolutePath()
          .normalize();
  static final String RELEASE = "mp";
  static final String NAMESPACE = "numa-system";

  /** A current Kubernetes; helm-java's own default (1.20) is older than the chart allows. */
  static final String KUBE_VERSION = "1.33.0";

  private Chart() {}

  /** Renders with the chart's defaults plus {@code key=value} overrides (helm's --set). */
  static Manifests render(String... sets) {
    return Manifests.parse(template(KUBE_VERSION, null, sets).call());
  }

  /** Renders with an extra values file given as YAML text (helm's -f). */
  static Manifests renderWithValues(String valuesYaml) {
    Path file = writeValues(valuesYaml);
    try {
      return Manifests.parse(template(KUBE_VERSION, file).call());
    } finally {
      deleteQuietly(file);
    }
  }

  static Manifests renderForKubeVersion(String kubeVersion, String... sets) {
    return Manifests.parse(template(kubeVersion, null, sets).call());
  }

  /** What Helm says when it refuses to render; fails the test if it renders. */
  static String renderError(String... sets) {
    return errorOf(template(KUBE_VERSION, null, sets));
  }

  static String renderErrorWithValues(String valuesYaml) {
    Path file = writeValues(valuesYaml);
    try {
      return errorOf(template(KUBE_VERSION, file));
    } finally {
      deleteQuietly(file);
    }
  }

  static String renderErrorForKubeVersion(String kubeVersion) {
    return errorOf(template(kubeVersion, null));
  }

  /**
   * The release notes (NOTES.txt) as `helm install --dry-run` prints them; client-only, so no
   * cluster is contacted.
   */
  static String notes(String... sets) {
    InstallCommand install =
        new Helm(DIR)
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION)
            .dryRun()
            .clientOnly();
    for (String set : sets) {
      int eq = set.indexOf('=');
      install.set(set.substring(0, eq), set.substring(eq + 1));
    }
    String output = install.call().getOutput();
    int notes = output.indexOf("NOTES:");
    if (notes < 0) {
      throw new AssertionError("helm printed no NOTES:\n" + output);
    }
    return output.substring(notes);
  }

  static LintResult lintStrict() {
    return new Helm(DIR).lint().strict().call();
  }

  private static TemplateCommand template(String kubeVersion, Path valuesFile, String... sets) {
    TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    template.withKubeVersion(kubeVersion);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("set '" + set + "' must look like key=value");
      }
      template.set(set.substring(0, eq), set.substring(eq + 1));
    }
    return template;
  }

  private static String errorOf(TemplateCommand template) {
    try {
      String out = template.call();
      throw new AssertionError("expected helm template to fail, but it rendered:\n" + out);
    } catch (IllegalStateException expected) {
      return expected.getMessage();
    }
  }

  private static Path writeValues(String yaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
