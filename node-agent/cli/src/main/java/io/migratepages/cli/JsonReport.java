package io.migratepages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.engine.MigrationException;
import io.migratepages.engine.MigrationPreview;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.plan.NumaNodeMove;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The one JSON object {@code --json} prints. Field names are an interface (the NUMA VM tests parse
 * them): pid, from, to, dryRun, plan, pagesNotMoved, elapsedNanos, before, after, beforeAnonymous,
 * afterAnonymous, processExited, warnings; on failure pid, error, reason, errno (reason is a
 * MigrationException reason, or USAGE for a command line that does not parse).
 */
final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every online node gets a key, even with 0 bytes, so readers need no defaults. */
  private final NumaNodeSet nodes;

  JsonReport(NumaNodeSet nodes) {
    this.nodes = nodes;
  }

  String result(MigrationResult r) {
    ObjectNode json = common(r.pid(), r.plan(), false);
    json.put("pagesNotMoved", r.pagesNotMoved());
    json.put("elapsedNanos", r.elapsedNanos());
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

  String preview(MigrationPreview p) {
    NumaPlacement before = p.before();
    ObjectNode json = common(p.pid(), p.plan(), true);
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
