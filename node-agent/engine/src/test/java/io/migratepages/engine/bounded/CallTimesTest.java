package io.migratepages.engine.bounded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallTimesTest {

  @Test
  void p99IsTheNearestRankAndLongestTheMaximum() {
    CallTimes times = new CallTimes();
    for (int i = 1; i <= 200; i++) {
      times.record(i * 1000L);
    }
    assertThat(times.count()).isEqualTo(200);
    assertThat(times.longest()).isEqualTo(200_000);
    assertThat(times.p99()).isEqualTo(198_000);
  }

  @Test
  void noCallsMeansZero() {
    assertThat(new CallTimes().p99()).isZero();
    assertThat(new CallTimes().longest()).isZero();
  }

  @Test
  void theSizerBacksOffAfterASlowCall() {
    BatchSizer sizer = new BatchSizer(10_000_000, BatchSizer.MAX_BATCH_PAGES);
    sizer.record(64, 64 * 1_000L); // 1 µs a page: would allow 8000, grows to 128 only
    assertThat(sizer.nextBatchPages()).isEqualTo(128);
    sizer.record(128, 128 * 1_000_000L); // 1 ms a page: the average is ~0.5 ms
    assertThat(sizer.nextBatchPages()).isBetween(1, 16);
  }
}
