package io.migratepages.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints the demo's steps, each with the time since the demo started. */
public final class Narrator {
  private final PrintStream out;
  private final long startNanos;

  public Narrator(PrintStream out) {
    this.out = out;
    this.startNanos = System.nanoTime();
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  public synchronized void step(String format, Object... args) {
    out.printf(
        Locale.ROOT,
        "[%5.1fs] %s%n",
        elapsed().toMillis() / 1000.0,
        String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** A line without a time stamp (tables, the status). */
  public synchronized void line(String text) {
    out.println(text);
    out.flush();
  }
}
