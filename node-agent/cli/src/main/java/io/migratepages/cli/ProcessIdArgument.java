package io.migratepages.cli;

/** The PID argument: a positive decimal number (numactl's strtoul would also take 0x.. and 0..). */
final class ProcessIdArgument {
  private ProcessIdArgument() {}

  static int parse(String text) {
    if (text.matches("[1-9][0-9]{0,9}")) {
      long value = Long.parseLong(text);
      if (value <= Integer.MAX_VALUE) {
        return (int) value;
      }
    }
    String hint = text.equals("0") ? "; 0 would mean migratepages itself" : "";
    throw new CliError(
        "PID \""
            + text
            + "\" is not a process id (expected a positive decimal number"
            + hint
            + ")");
  }
}
