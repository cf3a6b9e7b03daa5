package io.migratepages.numanodes;

import io.migratepages.api.format.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed node spec ({@code all}, {@code 1}, {@code 0,2-3}, {@code !0}, {@code +0,2}), not yet
 * resolved against a host. The grammar and every deliberate difference from numactl are in {@code
 * docs/node-sets.md}.
 *
 * <pre>
 * spec  := 'local' | '!'? '+'? ( 'all' | item ( ',' item )* )      'local': destinations only
 * item  := id ( '-' id )?           first id &lt;= second id
 * id    := 0 | [1-9][0-9]*          decimal, no leading zeros, at most 1023
 * </pre>
 */
public final class NumaNodeSpec {

  /** Which side of a migration a spec names; decides validation and message prefixes. */
  public enum Role {
    /** Nodes to move pages away from: must exist (be online) on the host. */
    SOURCE("from-nodes"),
    /** Nodes to move pages to: must be online and have memory. */
    DESTINATION("to-nodes");

    private final String argumentName;

    Role(String argumentName) {
      this.argumentName = argumentName;
    }

    /**
     * {@code from-nodes} or {@code to-nodes}, as in {@code migratepages pid from-nodes to-nodes}.
     */
    public String argumentName() {
      return argumentName;
    }
  }

  /** The forms accepted, for messages. */
  public static final String VALID_FORMS = "all, N, N,M, N-M, !spec, +N";

  /**
   * The destination spec for "the NUMA nodes of the CPUs the process may run on", resolved per
   * process at the time of the move ({@link #resolveLocal}).
   */
  public static final String LOCAL = "local";

  private static final String ID = "(0|[1-9][0-9]{0,2}|10[01][0-9]|102[0-3])";

  private static final String NODES =
      "!?\\+?(all|" + ID + "(-" + ID + ")?(," + ID + "(-" + ID + ")?)*)";

  /**
   * A regex accepting exactly the texts {@link #parse(String)} accepts, except that it cannot see
   * reversed ranges ({@code 3-1}), which only {@link #parse} rejects. Usable unchanged as a Java
   * regex (with {@code matches()}), an OpenAPI/Kubernetes CRD {@code pattern} (RE2/ECMA) and in
   * annotations (it is a compile-time constant).
   */
  public static final String PATTERN = "^(" + LOCAL + "|" + NODES + ")$";

  /** {@link #PATTERN} without {@code local}: what a source spec (from-nodes) may be. */
  public static final String SOURCE_PATTERN = "^" + NODES + "$";

  private record Range(int first, int last) {}

  private final String text;
  private final boolean inverted;
  private final boolean relative;
  private final boolean all;
  private final boolean local;
  private final List<Range> ranges;

  private NumaNodeSpec(
      String text, boolean inverted, boolean relative, boolean all, List<Range> ranges) {
    this(text, inverted, relative, all, false, ranges);
  }

  private NumaNodeSpec(
      String text,
      boolean inverted,
      boolean relative,
      boolean all,
      boolean local,
      List<Range> ranges) {
    this.text = text;
    this.inverted = inverted;
    this.relative = relative;
    this.all = all;
    this.local = local;
    this.ranges = List.copyOf(ranges);
  }

  /** Checks syntax and number ranges (0-1023); no host needed. Messages carry no argument name. */
  public static NumaNodeSpec parse(String text) {
    return new Parser(text, null).parse();
  }

  /**
   * Like {@link #parse(String)}, messages prefixed with the role's argument name; {@code local} is
   * refused for a SOURCE.
   */
  public static NumaNodeSpec parse(String text, Role role) {
    NumaNodeSpec spec = new Parser(text, role.argumentName()).parse();
    if (spec.local && role == Role.SOURCE) {
      throw localAsSource(text, role.argumentName());
    }
    return spec;
  }

  private static InvalidNumaNodeSpecException localAsSource(String text, String subject) {
    return new InvalidNumaNodeSpecException(
        text,
        prefix(subject)
            + "\"local\" names destinations only (the NUMA nodes of the process's CPUs); valid"
            + " here: "
            + VALID_FORMS);
  }

  /** Like {@link #parse(String)}, messages prefixed with {@code subject} (e.g. a CR field path). */
  public static NumaNodeSpec parse(String text, String subject) {
    return new Parser(text, subject).parse();
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  /** Whether the spec starts with {@code !}. */
  public boolean inverted() {
    return inverted;
  }

  /** Whether the spec uses numactl's {@code +N} form (ranks among the host's nodes with memory). */
  public boolean relative() {
    return relative;
  }

  /** Whether the spec is {@code local}: resolve it with {@link #resolveLocal}. */
  public boolean isLocal() {
    return local;
  }

  /** Whether the spec is {@code all} (possibly as {@code !all} or {@code +all}). */
  public boolean isAll() {
    return all;
  }

  /** Resolves against the host's nodes; messages are prefixed with the role's argument name. */
  public NumaNodeSet resolve(NumaNodeUniverse universe, Role role) {
    return resolve(universe, role, role.argumentName());
  }

  /**
   * Applies {@code all}, {@code +} and {@code !} against the host's nodes, then validates for the
   * role: SOURCE ids must be online, DESTINATION ids online with memory. Inside a range {@code N-M}
   * both ends are validated and ids in between that the role cannot use are skipped (sparse node
   * ids). Ids under {@code !} need only be online. A SOURCE may resolve to the empty set (moves
   * nothing); an empty DESTINATION is an error.
   *
   * @param subject prefix for messages, e.g. {@code to-nodes} or {@code spec.toNodes}
   * @throws InvalidNumaNodeSpecException naming the offending node and the host's valid nodes
   */
  public NumaNodeSet resolve(NumaNodeUniverse universe, Role role, String subject) {
    Objects.requireNonNull(universe, "universe");
    Objects.requireNonNull(role, "role");
    if (local) {
      if (role == Role.SOURCE) {
        throw localAsSource(text, subject);
      }
      throw new InvalidNumaNodeSpecException(
          text,
          prefix(subject)
              + "\"local\" depends on the process: it is resolved for each process at the time of"
              + " the move, from the CPUs it may run on");
    }
    NumaNodeSet memory = universe.memoryNodes();
    NumaNodeSet selected;
    if (all) {
      selected = memory;
    } else if (relative) {
      selected = resolveRelative(memory, subject);
    } else {
      selected = resolveAbsolute(universe, inverted ? Role.SOURCE : role, subject);
    }
    if (inverted) {
      selected = memory.minus(selected);
    }
    if (selected.isEmpty() && role == Role.DESTINATION) {
      throw new InvalidNumaNodeSpecException(
          text,
          prefix(subject)
              + quote(text)
              + " selects no node with memory (nodes with memory: "
              + memory.describe()
              + ")");
    }
    return selected;
  }

  /**
   * Resolves {@code local}: the nodes with memory among {@code cpuNodes}, the NUMA nodes of the
   * CPUs a process may run on.
   *
   * @throws InvalidNumaNodeSpecException when none of those nodes has memory
   */
  public NumaNodeSet resolveLocal(NumaNodeUniverse universe, NumaNodeSet cpuNodes, String subject) {
    if (!local) {
      throw new IllegalStateException(text + " is not " + LOCAL);
    }
    NumaNodeSet selected = universe.memoryNodes().intersect(cpuNodes);
    if (selected.isEmpty()) {
      throw new InvalidNumaNodeSpecException(
          text,
          prefix(subject)
              + "\"local\": the process's CPUs are on node(s) "
              + cpuNodes.describe()
              + ", none of which has memory (nodes with memory: "
              + universe.memoryNodes().describe()
              + ")");
    }
    return selected;
  }

  private NumaNodeSet resolveRelative(NumaNodeSet memory, String subject) {
    NumaNodeSet selected = NumaNodeSet.empty();
    for (Range r : ranges) {
      if (r.last() >= memory.size()) {
        String valid =
            memory.isEmpty()
                ? "the host has no node with memory"
                : "the host has "
                    + memory.size()
                    + (memory.size() == 1 ? " node" : " nodes")
                    + " with memory ("
                    + memory
                    + (memory.size() == 1
                        ? "), so only +0 is valid"
                        : "), so +0 to +" + (memory.size() - 1) + " are valid");
        throw new InvalidNumaNodeSpecException(
            text,
            prefix(subject)
                + quote(text)
                + ": relative node +"
                + r.last()
                + " does not exist: "
                + valid);
      }
      for (int rank = r.first(); rank <= r.last(); rank++) {
        selected = selected.union(NumaNodeSet.of(memory.nth(rank)));
      }
    }
    return selected;
  }

  private NumaNodeSet resolveAbsolute(NumaNodeUniverse universe, Role rule, String subject) {
    NumaNodeSet usable = rule == Role.DESTINATION ? universe.memoryNodes() : universe.online();
    NumaNodeSet selected = NumaNodeSet.empty();
    for (Range r : ranges) {
      checkNode(universe, rule, r.first(), subject);
      checkNode(universe, rule, r.last(), subject);
      selected = selected.union(NumaNodeSet.range(r.first(), r.last()).intersect(usable));
    }
    return selected;
  }

  private void checkNode(NumaNodeUniverse universe, Role rule, int id, String subject) {
    if (!universe.online().contains(id)) {
      throw new InvalidNumaNodeSpecException(
          text,
          prefix(subject)
              + "node "
              + id
              + " does not exist on this host (online nodes: "
              + universe.online().describe()
              + ")");
    }
    if (rule == Role.DESTINATION && !universe.withMemory().contains(id)) {
      throw new InvalidNumaNodeSpecException(
          text,
          prefix(subject)
              + "node "
              + id
              + " has no memory (nodes with memory: "
              + universe.memoryNodes().describe()
              + ")");
    }
  }

  private static String prefix(String subject) {
    return subject == null || subject.isEmpty() ? "" : subject + ": ";
  }

  /**
   * Quoted, with control characters escaped ({@code \r}, {@code \x0b}): echoing a spec must not
   * garble the terminal or a status message.
   */
  private static String quote(String s) {
    return '"' + ControlCharacters.escape(s) + '"';
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumaNodeSpec other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Hand-written scanner so that every error can name the exact token. */
  private static final class Parser {
    private final String text;
    private final String subject;
    private int pos;

    Parser(String text, String subject) {
      this.text = text;
      this.subject = subject;
    }

    NumaNodeSpec parse() {
      if (text == null) {
        throw new InvalidNumaNodeSpecException(
            null, prefix(subject) + "no node spec given (valid: " + VALID_FORMS + ")");
      }
      if (text.isEmpty()) {
        throw error("empty node spec");
      }
      for (int i = 0; i < text.length(); i++) {
        if (Character.isWhitespace(text.charAt(i))) {
          throw error("whitespace is not allowed (at position " + i + ")");
        }
      }
      if (text.equals(LOCAL)) {
        return new NumaNodeSpec(text, false, false, false, true, List.of());
      }
      boolean inverted = accept('!');
      boolean relative = accept('+');
      if (atEnd()) {
        throw error("expected all or a node list after '" + text.charAt(pos - 1) + "'");
      }
      if (text.substring(pos).equals("all")) {
        return new NumaNodeSpec(text, inverted, relative, true, List.of());
      }
      List<Range> ranges = new ArrayList<>();
      while (true) {
        int first = number(null);
        int last = first;
        if (accept('-')) {
          last = number("after '-'");
          if (last < first) {
            throw error(
                "reversed range \"" + first + "-" + last + "\" (write " + last + "-" + first + ")");
          }
        }
        ranges.add(new Range(first, last));
        if (atEnd()) {
          return new NumaNodeSpec(text, inverted, relative, false, ranges);
        }
        if (!accept(',')) {
          throw error("unexpected " + quote(token()) + " after node " + last);
        }
        if (atEnd()) {
          throw error("trailing comma");
        }
      }
    }

    private int number(String where) {
      int start = pos;
      while (!atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      String expected = "expected a node number" + (where == null ? "" : " " + where);
      if (pos == start) {
        if (atEnd()) {
          throw error(expected);
        }
        String token = token();
        String hint =
            switch (token.charAt(0)) {
              case '!' -> "; '!' is only allowed at the start";
              case '+' -> "; '+' is only allowed at the start or after a leading '!'";
              default ->
                  token.startsWith("all")
                      ? "; all must be the whole spec"
                      : token.startsWith(LOCAL) ? "; local must be the whole spec" : "";
            };
        throw error(expected + " but found " + quote(token) + hint);
      }
      String digits = text.substring(start, pos);
      if (digits.length() > 1 && digits.charAt(0) == '0') {
        throw error(
            quote(digits)
                + ": node numbers are decimal without leading zeros"
                + " (numactl would read 010 as octal 8)");
      }
      if (digits.length() > 4 || Integer.parseInt(digits) > NumaNodeSet.MAX_NODE_ID) {
        throw error("node number " + digits + " is out of range 0-" + NumaNodeSet.MAX_NODE_ID);
      }
      return Integer.parseInt(digits);
    }

    /** The text from the current position up to the next comma, for messages. */
    private String token() {
      int end = text.indexOf(',', pos + 1);
      return text.substring(pos, end < 0 ? text.length() : end);
    }

    private boolean accept(char c) {
      if (!atEnd() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private InvalidNumaNodeSpecException error(String problem) {
      return new InvalidNumaNodeSpecException(
          text, prefix(subject) + quote(text) + ": " + problem + " (valid: " + VALID_FORMS + ")");
    }
  }
}
