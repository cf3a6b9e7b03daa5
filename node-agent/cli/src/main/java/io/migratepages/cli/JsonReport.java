package io.migratepages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.engine.MigrationException;
import io.migratepages.engine.MigrationPreview;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.MoveStats;
import io.migratepages.engine.local.LocalNodes;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.plan.NumaNodeMove;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The one JSON object {@code --json} prints. Field names are an interface (the NUMA VM tests parse
 * them): pid, from, to, dryRun, plan, mode (whole or bounded), pagesNotMoved, elapsedNanos, calls,
 * longestCallNanos, p99CallNanos, bytesMoved, throughputBytesPerSecond, notMovedByReason (errno
 * name → pages), before, after, beforeAnonymous, afterAnonymous, processExited, warnings; local
 * (cpus, cpuNodes, nodes) when TO-NODES is local; in a dry run bytesToMove, and batches in bounded
 * mode; on failure pid, error, reason, errno (reason is a MigrationException reason, or USAGE for a
 * command line that does not parse).
 */
final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every online node gets a key, even with 0 bytes, so readers need no defaults. */
  private final NumaNodeSet nodes;

  JsonReport(NumaNodeSet nodes) {
    this.nodes = nodes;
  }

  String result(MigrationResult r, Optional<LocalNodes> local) {
    ObjectNode json = common(r.pid(), r.plan(), false);
    json.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
    local.ifPresent(l -> json.set("local", local(l)));
    json.put("pagesNotMoved", r.pagesNotMoved());
    json.put("elapsedNanos", r.elapsedNanos());
    MoveStats stats = r.stats();
    json.put("calls", stats.calls());
    json.put("longestCallNanos", stats.longestCallNanos());
    json.put("p99CallNanos", stats.p99CallNanos());
    json.put("bytesMoved", stats.bytesMoved());
    json.put("throughputBytesPerSecond", Math.round(stats.throughputBytesPerSecond()));
    ObjectNode reasons = json.putObject("notMovedByReason");
    stats.notMovedByReason().forEach(reasons::put);
    json.set("before", bytes(r.before().bytes()));
    json.set("after", r.processExited() ? MAPPER.createObjectNode() : bytes(r.after().bytes()));
    json.set("beforeAnonymous", bytes(r.before().anonymousBytes()));
    json.set(
        "afterAnonymous",
        r.processExited() ? MAPPER.createObjectNode() : bytes(r.after().anonymousBytes()));
    json.put("processExited", r.processExited());
    json.set("warnings", strings(r.warnings()));
    return json.toString();
  }

  String preview(MigrationPreview p, Optional<LocalNodes> local) {
    NumaPlacement before = p.before();
    ObjectNode json = common(p.pid(), p.plan(), true);
    json.put("mode", p.options().mode().name().toLowerCase(Locale.ROOT));
    local.ifPresent(l -> json.set("local", local(l)));
    p.batches()
        .ifPresent(
            b ->
                json.putObject("batches")
                    .put("mappings", b.mappings())
                    .put("firstBatchPages", b.firstBatchPages())
                    .put("maxBatchPages", b.maxBatchPages())
                    .put("targetCallNanos", b.targetCallNanos())
                    .put("maxPauseNanos", p.options().maxPausePerCall().toNanos())
                    .put("rateLimitBytesPerSecond", p.options().rateLimitBytesPerSecond())
                    .put("minimumNanos", b.minimumNanos()));
    json.set("before", bytes(before.bytes()));
    json.set("beforeAnonymous", bytes(before.anonymousBytes()));
    json.put("bytesToMove", p.plan().bytesToMove(before));
    json.set("warnings", strings(p.preflight().warnings()));
    json.set("errors", strings(p.preflight().errors()));
    return json.toString();
  }

  static String error(Integer pid, String message, MigrationException cause) {
    ObjectNode json = MAPPER.createObjectNode();
    if (pid != null) {
      json.put("pid", pid);
    }
    json.put("error", message);
    if (cause != null) {
      json.put("reason", cause.reason().name());
      cause.errno().ifPresent(errno -> json.put("errno", errno.name()));
    }
    return json.toString();
  }

  /** A command line that does not parse: the same shape as {@link #error}, reason USAGE. */
  static String usageError(String message) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("error", message);
    json.put("reason", "USAGE");
    return json.toString();
  }

  private ObjectNode common(int pid, MigrationPlan plan, boolean dryRun) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("pid", pid);
    json.set("from", numbers(plan.from()));
    json.set("to", numbers(plan.to()));
    json.put("dryRun", dryRun);
    ArrayNode moves = json.putArray("plan");
    for (NumaNodeMove move : plan.moves()) {
      moves.addObject().put("from", move.source()).put("to", move.destination());
    }
    return json;
  }

  private static ObjectNode local(LocalNodes local) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("cpus", local.cpus());
    json.set("cpuNodes", numbers(local.cpuNodes()));
    json.set("nodes", numbers(local.nodes()));
    return json;
  }

  private ObjectNode bytes(SortedMap<Integer, Long> perNode) {
    TreeSet<Integer> keys = new TreeSet<>(nodes.toList());
    keys.addAll(perNode.keySet());
    ObjectNode json = MAPPER.createObjectNode();
    keys.forEach(node -> json.put(Integer.toString(node), perNode.getOrDefault(node, 0L)));
    return json;
  }

  private static ArrayNode numbers(NumaNodeSet set) {
    ArrayNode array = MAPPER.createArrayNode();
    set.forEach(array::add);
    return array;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
