package io.migratepages.engine.bounded;

import java.util.concurrent.TimeUnit;

/** Time for the mover: measuring calls and waiting for the rate limit. Tests script it. */
public interface MoverClock {
  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  MoverClock SYSTEM =
      new MoverClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };
}
