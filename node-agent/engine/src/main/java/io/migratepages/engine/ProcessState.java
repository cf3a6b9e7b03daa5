package io.migratepages.engine;

import io.migratepages.engine.host.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>/status} says about a target: whether it still has an address space to
 * move. A zombie (exited, not yet reaped) and a kernel thread have none, and migrate_pages answers
 * both with EINVAL; the pidfd of a zombie still reports it alive.
 *
 * @param name the {@code Name:} line (the command, at most 15 characters)
 * @param state the {@code State:} letter: R, S, D, T, t, Z (zombie), X (dead), I (idle kthread)
 * @param kernelThread {@code Kthread: 1} (Linux 6.1+), or no {@code VmSize:} line (no mm) while the
 *     process is not a zombie
 */
record ProcessState(String name, char state, boolean kernelThread) {

  /** Empty when the status file is missing, unreadable or has no State line: nothing is known. */
  static Optional<ProcessState> read(HostPaths host, int pid) {
    Path status = host.proc().resolve(Integer.toString(pid)).resolve("status");
    String name = "";
    char state = '?';
    Boolean kthread = null;
    boolean hasMm = false;
    try {
      for (String line : Files.readAllLines(status)) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        if (line.startsWith("Name:")) {
          name = value;
        } else if (line.startsWith("State:") && !value.isEmpty()) {
          state = value.charAt(0);
        } else if (line.startsWith("Kthread:")) {
          kthread = value.equals("1");
        } else if (line.startsWith("VmSize:")) {
          hasMm = true;
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (state == '?') {
      return Optional.empty();
    }
    boolean zombie = isZombie(state);
    return Optional.of(
        new ProcessState(name, state, kthread != null ? kthread : !zombie && !hasMm));
  }

  boolean zombie() {
    return isZombie(state);
  }

  private static boolean isZombie(char state) {
    return state == 'Z' || state == 'X';
  }
}
