package io.migratepages.cli;

public final class MigratePagesCommand {
  public static void main(String[] args) {}
}
