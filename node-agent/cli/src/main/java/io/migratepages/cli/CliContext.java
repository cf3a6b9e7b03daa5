package io.migratepages.cli;

import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.JnaNumaSyscalls;
import io.migratepages.engine.syscall.NumaSyscalls;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * What the command runs against: the host root, the syscall layer (created only when needed, so
 * --help never loads JNA) and the two output streams. Tests pass a fixture root and scripted
 * syscalls.
 */
public record CliContext(
    HostPaths host, Supplier<NumaSyscalls> syscalls, PrintWriter out, PrintWriter err) {

  /**
   * Without it, JNA's first library load runs {@code /sbin/ldconfig -p} (a child process, about a
   * tenth of a second of CPU) to build a search path. The CLI only loads libc, which JNA takes from
   * the running process (dlopen of the process itself), so that path is never searched.
   */
  static final String JNA_SEARCH_PATH = "jna.platform.library.path";

  public static CliContext real() {
    return new CliContext(
        HostPaths.REAL,
        CliContext::realSyscalls,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true));
  }

  private static NumaSyscalls realSyscalls() {
    if (System.getProperty(JNA_SEARCH_PATH) == null) {
      System.setProperty(JNA_SEARCH_PATH, "");
    }
    return new JnaNumaSyscalls();
  }
}
