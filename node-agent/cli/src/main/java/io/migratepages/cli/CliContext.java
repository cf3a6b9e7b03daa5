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

  public static CliContext real() {
    return new CliContext(
        HostPaths.REAL,
        JnaNumaSyscalls::new,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true));
  }
}
