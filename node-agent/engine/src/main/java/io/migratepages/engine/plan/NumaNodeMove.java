package io.migratepages.engine.plan;

/** One pass of the kernel's migration: every page on {@code source} goes to {@code destination}. */
public record NumaNodeMove(int source, int destination) {
  @Override
  public String toString() {
    return source + "->" + destination;
  }
}
