package io.migratepages.images;

import io.migratepages.kubetest.KubeLocal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** What both smoke runs mount: the control plane's kubeconfig, /etc/hosts, an emptyDir for /tmp. */
final class SmokeBundles {

  static final String KUBECONFIG = "/etc/migratepages/kubeconfig";

  private SmokeBundles() {}

  static Path dir(String name) {
    return Path.of(System.getProperty("migratepages.smoke.dir"), name).toAbsolutePath();
  }

  /**
   * IMAGE unpacked into a fresh bundle NAME, reaching the control plane through a copy of its
   * kubeconfig (world-readable, so a non-root image user can read it; the smoke runs use
   * cluster-admin, as the end-to-end tests do) and with an empty host directory on /tmp, as the
   * chart's emptyDir is.
   */
  static RuncBundle unpack(ImageArchive image, String name, KubeLocal kube)
      throws IOException, InterruptedException {
    RuncBundle bundle = RuncBundle.unpack(image, dir(name));
    Path kubeconfig = bundle.dir.resolve("kubeconfig");
    Files.copy(kube.kubeconfig(), kubeconfig);
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
    Path hosts = bundle.dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 localhost\n::1 localhost\n");
    Path tmp = emptyDir(bundle);
    return bundle
        .hostname(name)
        .env("KUBECONFIG", KUBECONFIG)
        .bind(kubeconfig, KUBECONFIG, true)
        .bind(hosts, "/etc/hosts", true)
        .bind(tmp, "/tmp", false);
  }

  static Path emptyDir(RuncBundle bundle) throws IOException {
    Path tmp = bundle.dir.resolve("emptydir-tmp");
    Files.createDirectories(tmp);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    return tmp;
  }
}
