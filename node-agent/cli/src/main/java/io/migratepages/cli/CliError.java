package io.migratepages.cli;

/** A user-facing failure: its message is the one line printed after "migratepages: ". */
final class CliError extends RuntimeException {
  CliError(String message) {
    super(message);
  }
}
