package io.migratepages.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant T = Instant.parse("2026-11-05T10:00:00.250999Z");

  @Test
  void kubernetesStyleTimestampsHaveWholeSeconds() {
    assertThat(Timestamps.format(T)).isEqualTo("2026-11-05T10:00:00Z");
  }

  @Test
  void deadlineTimestampsKeepMillisecondsAndParseBack() {
    assertThat(Timestamps.formatMillis(T)).isEqualTo("2026-11-05T10:00:00.250Z");
    assertThat(Timestamps.parse(Timestamps.formatMillis(T)))
        .contains(Instant.parse("2026-11-05T10:00:00.250Z"));
  }
}
