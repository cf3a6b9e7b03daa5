package io.migratepages.engine.preflight;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.engine.host.CallerProcess;
import io.migratepages.engine.host.NumaBalancing;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a planned migration against the host before calling the kernel, so that the cases the
 * kernel handles silently (dropped destinations, pages pulled back by NUMA balancing) are said out
 * loud.
 */
public final class Preflight {
  private final NumaTopology topology;
  private final CallerProcess caller;
  private final NumaBalancing balancing;

  public Preflight(NumaTopology topology, CallerProcess caller, NumaBalancing balancing) {
    this.topology = topology;
    this.caller = caller;
    this.balancing = balancing;
  }

  public PreflightReport check(MigrationPlan plan, NumaPlacement before) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    checkDestinations(plan.to(), errors);
    checkCallerCpuset(plan.to(), errors);
    checkSources(plan, warnings);
    checkFreeMemory(plan, before, warnings);
    if (balancing.enabled()) {
      warnings.add(
          "automatic NUMA balancing is on (/proc/sys/kernel/numa_balancing = "
              + balancing.mode()
              + "): the kernel may move pages back later; set it to 0 to keep this placement");
    }
    return new PreflightReport(errors, warnings);
  }

  private void checkDestinations(NumaNodeSet to, List<String> errors) {
    NumaNodeSet offline = to.minus(topology.online());
    NumaNodeSet memoryless = to.intersect(topology.online()).minus(topology.withMemory());
    if (!offline.isEmpty()) {
      errors.add(
          "destination node(s) "
              + offline.describe()
              + " do not exist on this host (online nodes: "
              + topology.online().describe()
              + ")");
    }
    if (!memoryless.isEmpty()) {
      errors.add(
          "destination node(s) "
              + memoryless.describe()
              + " have no memory (nodes with memory: "
              + topology.withMemory().describe()
              + ")");
    }
  }

  private void checkCallerCpuset(NumaNodeSet to, List<String> errors) {
    NumaNodeSet outside = to.intersect(topology.online()).minus(caller.memsAllowed());
    if (!outside.isEmpty()) {
      errors.add(
          "destination node(s) "
              + outside.describe()
              + " lie outside this process's own cpuset (Mems_allowed_list "
              + caller.memsAllowed().describe()
              + "): the kernel would silently drop them; run migratepages in a cpuset that"
              + " covers every memory node");
    }
  }

  private void checkSources(MigrationPlan plan, List<String> warnings) {
    NumaNodeSet skipped = NumaNodeSet.empty();
    if (plan.from().size() != plan.to().size()) {
      skipped = plan.from().intersect(plan.to());
    }
    if (!skipped.isEmpty()) {
      warnings.add(
          "source node(s) "
              + skipped.describe()
              + " are also destinations and keep their pages: when FROM and TO have different"
              + " sizes the kernel skips sources that are in TO");
    } else if (plan.movesNothing() && !plan.from().equals(plan.to()) && !plan.from().isEmpty()) {
      warnings.add("moving " + plan.from() + " to " + plan.to() + " moves nothing");
    }
  }

  private void checkFreeMemory(MigrationPlan plan, NumaPlacement before, List<String> warnings) {
    Map<Integer, Long> outgoing = plan.outgoingBytes(before);
    for (Map.Entry<Integer, Long> incoming : plan.incomingBytes(before).entrySet()) {
      int node = incoming.getKey();
      // The kernel empties a node before filling it when it can, so what leaves counts as room.
      long net = incoming.getValue() - outgoing.getOrDefault(node, 0L);
      long free = topology.memFreeBytes(node);
      if (net > free) {
        warnings.add(
            "node "
                + node
                + " has "
                + ByteSizes.human(free)
                + " free but "
                + ByteSizes.human(net)
                + " would move there: some pages may stay behind");
      }
    }
  }
}
