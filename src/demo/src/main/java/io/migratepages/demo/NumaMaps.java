package io.migratepages.demo;

import io.migratepages.testsupport.NumaMapsBytes;

/**
 * One /proc/PID/numa_maps snapshot read by the tests' independent reader ({@link NumaMapsBytes},
 * not the engine's parser): bytes per node over every mapping and over the purely anonymous ones.
 */
public record NumaMaps(NumaNodeBytes all, NumaNodeBytes anonymous) {

  public static NumaMaps parse(String text) {
    NumaMapsBytes bytes = NumaMapsBytes.parse(text);
    return new NumaMaps(new NumaNodeBytes(bytes.all()), new NumaNodeBytes(bytes.anonymous()));
  }
}
