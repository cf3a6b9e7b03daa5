package io.migratepages.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the demo has started, closed newest first exactly once: at the end of a run, or from a
 * shutdown hook when the user presses Ctrl-C.
 */
final class Resources {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private boolean closed;

  synchronized <T extends AutoCloseable> T register(T resource) {
    if (closed) {
      close(resource);
      throw new DemoException("the demo was stopped");
    }
    open.push(resource);
    return resource;
  }

  synchronized void closeAll() {
    closed = true;
    while (!open.isEmpty()) {
      close(open.pop());
    }
  }

  private static void close(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("demo: could not stop " + resource + ": " + e);
    }
  }
}
