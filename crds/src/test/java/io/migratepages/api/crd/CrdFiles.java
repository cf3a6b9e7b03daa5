package io.migratepages.api.crd;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Where the generated CRDs are found and where their committed copies live. */
public final class CrdFiles {
  public static final String REFRESH_COMMAND = "mvn -pl crds verify -Dcrds.update=true";

  /** Every custom resource class of the API, each generating one CRD. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(
          NumaMigration.class,
          NodeMigration.class,
          NodeNumaReport.class,
          NumaPlacementPolicy.class);

  /** The crds module's directory (surefire sets basedir; the working directory is the same). */
  public static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  public static Path repositoryDir() {
    return moduleDir().getParent();
  }

  public static String crdName(Class<? extends HasMetadata> type) {
    return HasMetadata.getFullResourceName(type);
  }

  /** The copies kubectl and Helm use: crds/ of the module and crds/ of the chart. */
  public static List<Path> committedCopies(Class<? extends HasMetadata> type) {
    String file = crdName(type) + "-v1.yaml";
    return List.of(
        moduleDir().resolve(file),
        repositoryDir().resolve("helm/migratepages-operator/crds").resolve(file));
  }

  /** What crd-generator-maven-plugin wrote into target/classes during this build. */
  public static String generated(Class<? extends HasMetadata> type) {
    String resource = "/META-INF/fabric8/" + crdName(type) + "-v1.yml";
    try (InputStream in = CrdFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource
                + " is not on the test classpath: crd-generator-maven-plugin did not run"
                + " (run the build through Maven: mvn -pl crds verify)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CrdFiles() {}
}
