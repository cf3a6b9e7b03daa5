package io.migratepages.engine;

import io.migratepages.engine.host.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * numactl's migratepages accepts any thread id, since all threads share one address space; but
 * pidfd_open only takes a thread-group leader (EINVAL otherwise), and numa_maps is the same for all
 * threads. So a thread id is replaced by its process's id (the Tgid line of /proc/TID/status).
 */
final class ThreadGroups {
  private final HostPaths host;

  ThreadGroups(HostPaths host) {
    this.host = host;
  }

  /** The process a thread belongs to, if {@code tid} is a thread other than the leader. */
  OptionalInt leaderIfThread(int tid) {
    Path status = host.proc().resolve(Integer.toString(tid)).resolve("status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Tgid:")) {
          int tgid = Integer.parseInt(line.substring("Tgid:".length()).trim());
          return tgid != tid ? OptionalInt.of(tgid) : OptionalInt.empty();
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone or unreadable: carry on with the id as given and let the syscalls say what is wrong.
    }
    return OptionalInt.empty();
  }
}
