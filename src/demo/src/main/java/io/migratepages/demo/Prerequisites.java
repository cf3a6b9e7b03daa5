package io.migratepages.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What must be in place before the demo can run, each with the command that puts it there. */
final class Prerequisites {
  private Prerequisites() {}

  static void check(ProjectLayout layout) {
    for (Path jar : List.of(layout.operatorJar(), layout.agentJar())) {
      if (!Files.isRegularFile(jar)) {
        throw new DemoException(
            layout.relative(jar)
                + " is missing: build the operator and the node agent first with `mvn -B"
                + " -DskipTests package` in "
                + layout.root()
                + " (bin/demo does it)");
      }
    }
    for (Path file : List.of(layout.nodeScript(), layout.demoMigration())) {
      if (!Files.isRegularFile(file)) {
        throw new DemoException(layout.relative(file) + " is missing from the checkout");
      }
    }
    String check = numaVmCheck(layout);
    if (check != null) {
      throw new DemoException(
          "the NUMA VM is not ready: "
              + check
              + "\nRun `src/numa-vm/numa-vm setup` (needs the Debian packages qemu-system-x86"
              + " busybox-static cpio xz-utils zstd gcc numactl) or `.ci/run`, which installs them"
              + " and sets the VM up; bin/demo does the same.");
    }
  }

  /** Null when `numa-vm check` passes, else what it said. */
  private static String numaVmCheck(ProjectLayout layout) {
    try {
      Process process =
          new ProcessBuilder(layout.numaVm().toString(), "check")
              .directory(layout.root().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "`numa-vm check` did not answer within 60 s";
      }
      return process.exitValue() == 0 ? null : output.strip();
    } catch (IOException e) {
      return "cannot run " + layout.numaVm() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted", e);
    }
  }
}
