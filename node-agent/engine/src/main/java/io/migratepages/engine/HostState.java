package io.migratepages.engine;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.CallerProcess;
import io.migratepages.engine.host.CallerProcessReader;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaBalancing;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** One reading of everything the engine needs to know about the host and itself. */
public record HostState(NumaTopology topology, CallerProcess caller, NumaBalancing balancing) {

  public static HostState read(HostPaths host) {
    NumaTopology topology;
    try {
      topology = new SysfsTopologyReader(host).read();
    } catch (NoSuchFileException e) {
      throw new MigrationException(
          Reason.NUMA_UNAVAILABLE,
          "this system does not support NUMA: " + e.getReason() + " (" + e.getFile() + ")");
    } catch (IOException | RuntimeException e) {
      throw unreadable(host.sysfsNodes().toString(), e);
    }
    try {
      return new HostState(
          topology, new CallerProcessReader(host).read(), NumaBalancing.read(host));
    } catch (IOException | RuntimeException e) {
      throw unreadable(host.proc().toString(), e);
    }
  }

  private static MigrationException unreadable(String where, Exception e) {
    return new MigrationException(
        Reason.HOST_UNREADABLE, "cannot read " + where + ": " + e.getMessage());
  }
}
