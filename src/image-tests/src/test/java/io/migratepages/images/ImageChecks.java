package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.migratepages.images.ImageArchive.ImageFile;
import io.migratepages.kubetest.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What both images must be, checked on the archive the build wrote: its config against what the
 * chart runs, and its files. Subclasses name the archive and the chart's workload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageChecks {

  static final long MAX_UNCOMPRESSED_BYTES = 150L * 1024 * 1024;

  /** Directories the dynamic loader searches by default (Debian amd64). */
  private static final List<String> LOADER_DIRS =
      List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/lib", "/usr/lib");

  private static final Set<String> PACKAGE_MANAGERS =
      Set.of("dpkg", "apt", "apt-get", "rpm", "yum", "dnf", "microdnf", "apk", "pip", "pip3");

  ImageArchive image;
  Map<String, ImageFile> files;
  JsonNode container;
  JsonNode podSpec;

  abstract String archiveName();

  /** Deployment or DaemonSet. */
  abstract String chartKind();

  @BeforeAll
  void read() throws IOException {
    image = ImageArchive.named(archiveName());
    files = image.files();
    RenderedChart chart = RenderedChart.defaults();
    container = chart.container(chartKind());
    podSpec = chart.podSpec(chartKind());
  }

  @Test
  void isTheImageTheChartPullsByDefault() {
    assertThat(image.refName).isEqualTo(container.path("image").asText());
    assertThat(image.config.path("os").asText()).isEqualTo("linux");
    assertThat(image.config.path("architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void exposesExactlyThePortTheChartsProbesAndMetricsUse() {
    JsonNode http = null;
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals("http")) {
        http = port;
      }
    }
    assertThat(http).as("the chart's container port named http").isNotNull();
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(container.path(probe).path("httpGet").path("port").asText())
          .as(probe)
          .isEqualTo("http");
    }
    List<String> exposed = new ArrayList<>();
    image.runConfig().path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
    assertThat(exposed)
        .containsExactly(
            http.path("containerPort").asInt()
                + "/"
                + http.path("protocol").asText().toLowerCase());
  }

  @Test
  void entrypointIsTheImagesJavaRunningTheQuarkusApplication() {
    List<String> entrypoint = image.entrypoint();
    assertThat(container.has("command")).as("the chart keeps the image's entrypoint").isFalse();
    assertThat(entrypoint).isNotEmpty();
    ImageFile java = files.get(entrypoint.get(0));
    assertThat(java).as(entrypoint.get(0)).isNotNull();
    assertThat(java.regular()).isTrue();
    assertThat(java.mode() & 0111).isNotZero();
    int jar = entrypoint.indexOf("-jar");
    assertThat(jar).as("-jar in %s", entrypoint).isPositive();
    assertThat(files.get(entrypoint.get(jar + 1))).as(entrypoint.get(jar + 1)).isNotNull();
    assertThat(entrypoint).contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    String workdir = image.runConfig().path("WorkingDir").asText();
    assertThat(files.get(workdir)).as("working directory " + workdir).isNotNull();
    assertThat(files.get(workdir).directory()).isTrue();
    assertThat(image.env().get("PATH"))
        .startsWith(Path.of(entrypoint.get(0)).getParent().toString());
  }

  @Test
  void javaRuntimeIsTheReleaseTheProjectTargets() throws IOException {
    String pom = Files.readString(RepoFiles.repo().resolve("pom.xml"));
    Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)<").matcher(pom);
    assertThat(release.find()).isTrue();
    String javaHome = image.env().get("JAVA_HOME");
    String releaseFile = new String(files.get(javaHome + "/release").content());
    assertThat(releaseFile).contains("JAVA_VERSION=\"" + release.group(1) + ".");
  }

  @Test
  void hasNoPackageManagerAndNoShell() {
    List<String> found =
        files.keySet().stream()
            .filter(
                p ->
                    PACKAGE_MANAGERS.contains(p.substring(p.lastIndexOf('/') + 1))
                        || p.startsWith("/var/lib/dpkg")
                        || p.startsWith("/var/lib/rpm")
                        || p.startsWith("/etc/apt"))
            .toList();
    assertThat(found).isEmpty();
    assertThat(files).doesNotContainKeys("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash");
  }

  @Test
  void hasNoSetuidOrSetgidFile() {
    assertThat(
            files.values().stream()
                .filter(f -> !f.directory() && f.setuidOrSetgid())
                .map(ImageFile::path))
        .isEmpty();
  }

  @Test
  void everyFileIsOwnedByRootAndOnlyTmpIsWritableByOthers() {
    assertThat(
            files.values().stream().filter(f -> f.uid() != 0 || f.gid() != 0).map(ImageFile::path))
        .isEmpty();
    assertThat(files.values().stream().filter(ImageFile::writableByOthers).map(ImageFile::path))
        .containsExactly("/tmp");
    assertThat(files.get("/tmp").mode() & 07777).isEqualTo(01777);
  }

  @Test
  void everyTimestampIsTheImagesCreationTime() {
    long created = java.time.Instant.parse(image.config.path("created").asText()).getEpochSecond();
    assertThat(files.values().stream().map(ImageFile::mtimeSeconds).distinct())
        .containsExactly(created);
    for (JsonNode history : image.config.path("history")) {
      assertThat(history.path("created").asText()).isEqualTo(image.config.path("created").asText());
    }
  }

  @Test
  void everyElfFileFindsTheLibrariesItNeedsInTheImage() {
    List<String> missing = new ArrayList<>();
    Set<String> soNames = new HashSet<>();
    for (ImageFile f : files.values()) {
      if (f.regular() && ElfDynamic.isElf(f.content())) {
        String dir = f.path().substring(0, f.path().lastIndexOf('/'));
        ElfDynamic dynamic = ElfDynamic.of(f.path(), f.content());
        for (String lib : dynamic.needed()) {
          soNames.add(lib);
          List<String> searched = new ArrayList<>();
          dynamic
              .runpath()
              .forEach(
                  r -> searched.add(Path.of(r.replace("$ORIGIN", dir)).normalize().toString()));
          searched.addAll(LOADER_DIRS);
          if (lib.equals("libjvm.so")) {
            // The launcher loads lib/server/libjvm.so by path before any library that needs it by
            // name, and the loader matches those by soname.
            searched.add(javaServerDir());
          }
          if (searched.stream().noneMatch(d -> files.containsKey(d + "/" + lib))) {
            missing.add(f.path() + " needs " + lib);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(soNames).as("the JVM's C library is in the image").contains("libc.so.6");
  }

  private String javaServerDir() {
    return image.env().get("JAVA_HOME") + "/lib/server";
  }

  @Test
  void isAtMost150MiBUnpacked() throws IOException {
    long bytes = image.uncompressedBytes();
    System.out.printf(
        "%s: %s %s, %.1f MiB unpacked, %.1f MiB archive%n",
        archiveName(),
        image.refName,
        image.digest,
        bytes / 1048576.0,
        Files.size(image.path) / 1048576.0);
    assertThat(bytes).isLessThanOrEqualTo(MAX_UNCOMPRESSED_BYTES);
  }

  @Test
  void chartMountsAWritableTmpOverTheReadOnlyRoot() {
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
        .isTrue();
    String volume = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("mountPath").asText().equals("/tmp")) {
        volume = mount.path("name").asText();
        assertThat(mount.path("readOnly").asBoolean(false)).isFalse();
      }
    }
    assertThat(volume).as("a volume mounted on /tmp").isNotNull();
    boolean emptyDir = false;
    for (JsonNode v : podSpec.path("volumes")) {
      if (v.path("name").asText().equals(volume)) {
        emptyDir = v.has("emptyDir");
      }
    }
    assertThat(emptyDir).as("/tmp is an emptyDir").isTrue();
    assertThat(image.entrypoint())
        .noneMatch(
            a -> a.startsWith("-Djava.io.tmpdir=") && !a.startsWith("-Djava.io.tmpdir=/tmp"));
  }
}
