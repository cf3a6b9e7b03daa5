package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.kubetest.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Building the images again from the same commit gives the same image digests and the same archive
 * bytes. The second build reuses the cached jlinked runtime and Debian packages (both keyed by
 * version), so this checks everything the build assembles from them.
 */
class ReproducibleBuildTest {

  @Test
  void aSecondBuildGivesTheSameDigests() throws Exception {
    Path rebuild =
        Path.of(System.getProperty("migratepages.smoke.dir"))
            .resolveSibling("images-rebuild")
            .toAbsolutePath();
    RuncBundle.deleteRecursively(rebuild);
    Process build =
        new ProcessBuilder(
                RepoFiles.repo().resolve("src/images/build").toString(),
                "--out",
                rebuild.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(build.getInputStream().readAllBytes());
    System.out.println(output);
    assertThat(build.waitFor()).as(output).isZero();
    for (String name : List.of("migratepages-operator.tar", "migratepages-node-agent.tar")) {
      ImageArchive first = ImageArchive.named(name);
      ImageArchive second = ImageArchive.read(rebuild.resolve(name));
      System.out.printf("%s: first build %s, second build %s%n", name, first.digest, second.digest);
      assertThat(second.digest).isEqualTo(first.digest);
      assertThat(Files.mismatch(first.path, second.path))
          .as("first byte where the archives differ")
          .isEqualTo(-1L);
    }
  }
}
