package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.images.ImageArchive.ImageFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The node-agent image: what {@link ImageChecks} checks, root as the chart runs it (its added
 * capabilities only reach uid 0), and JNA loading its native library from the read-only image.
 */
class AgentImageTest extends ImageChecks {

  @Override
  String archiveName() {
    return "migratepages-node-agent.tar";
  }

  @Override
  String chartKind() {
    return "DaemonSet";
  }

  @Test
  void runsAsRootAsTheChartDoes() {
    assertThat(image.runConfig().path("User").asText()).isEqualTo("0:0");
    assertThat(container.path("securityContext").path("runAsUser").asInt(-1)).isZero();
  }

  @Test
  void jnaLoadsTheNativeLibraryOfItsOwnJarFromTheImageInsteadOfUnpackingItToTmp()
      throws IOException {
    List<String> entrypoint = image.entrypoint();
    assertThat(entrypoint).contains("-Djna.nounpack=true");
    String dir =
        entrypoint.stream()
            .filter(a -> a.startsWith("-Djna.boot.library.path="))
            .map(a -> a.substring(a.indexOf('=') + 1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no -Djna.boot.library.path in " + entrypoint));
    ImageFile library = files.get(dir + "/libjnidispatch.so");
    assertThat(library).as(dir + "/libjnidispatch.so").isNotNull();
    List<ImageFile> jnaJars =
        files.values().stream()
            .filter(
                f ->
                    f.path()
                        .matches(
                            "/deployments/lib/main/net\\.java\\.dev\\.jna\\.jna-[0-9.]+\\.jar"))
            .toList();
    assertThat(jnaJars).hasSize(1);
    assertThat(library.content())
        .isEqualTo(entry(jnaJars.get(0).content(), "com/sun/jna/linux-x86-64/libjnidispatch.so"));
  }

  @Test
  void carriesTheCli() {
    ImageFile cli = files.get("/opt/migratepages/migratepages.jar");
    assertThat(cli).isNotNull();
    assertThat(cli.content().length).isPositive();
  }

  private static byte[] entry(byte[] jar, String name) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
    }
    throw new AssertionError("no " + name + " in the JNA jar");
  }
}
