package io.migratepages.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportChangeTest {
  private static final long MI = 1 << 20;
  private final ReportChange change = new ReportChange(16 * MI, Duration.ofMinutes(5));

  private static NodeNumaReportStatus report(String time, long onNode1, String cpus, long free) {
    ContainerNumaPlacement container =
        ContainerNumaPlacement.builder()
            .name("db")
            .cpus(cpus)
            .bytes(new TreeMap<>(Map.of("0", 100 * MI, "1", onNode1)))
            .build();
    PodNumaPlacement pod =
        new PodNumaPlacement("shop", "db-0", "uid-1", new ArrayList<>(List.of(container)));
    NumaNodeTopology node = new NumaNodeTopology(0, "0-3", 8192 * MI, free, Map.of("0", 10));
    return NodeNumaReportStatus.builder()
        .reportTime(time)
        .cpus("0-3")
        .numaNodes(new ArrayList<>(List.of(node)))
        .pods(new ArrayList<>(List.of(pod)))
        .build();
  }

  @Test
  void theFirstReadingIsAlwaysWritten() {
    assertThat(change.significant(null, report("2026-12-02T10:00:00Z", 0, "0-3", 0))).isTrue();
  }

  @Test
  void smallMovesAreSkippedLargeOnesWritten() {
    NodeNumaReportStatus last = report("2026-12-02T10:00:00Z", 10 * MI, "0-3", 4000 * MI);

    assertThat(change.significant(last, report("2026-12-02T10:00:30Z", 20 * MI, "0-3", 4010 * MI)))
        .isFalse();
    assertThat(change.significant(last, report("2026-12-02T10:00:30Z", 30 * MI, "0-3", 4000 * MI)))
        .as("20 MiB more on NUMA node 1")
        .isTrue();
    assertThat(change.significant(last, report("2026-12-02T10:00:30Z", 10 * MI, "0-3", 3900 * MI)))
        .as("100 MiB less free memory")
        .isTrue();
  }

  @Test
  void aCpuSetChangeOrAnAgedReportIsWritten() {
    NodeNumaReportStatus last = report("2026-12-02T10:00:00Z", 10 * MI, "0-3", 4000 * MI);

    assertThat(change.significant(last, report("2026-12-02T10:00:30Z", 10 * MI, "2-3", 4000 * MI)))
        .isTrue();
    assertThat(change.significant(last, report("2026-12-02T10:05:00Z", 10 * MI, "0-3", 4000 * MI)))
        .isTrue();
  }

  @Test
  void aPodThatCameOrWentIsWritten() {
    NodeNumaReportStatus last = report("2026-12-02T10:00:00Z", 10 * MI, "0-3", 4000 * MI);
    NodeNumaReportStatus gone = report("2026-12-02T10:00:30Z", 10 * MI, "0-3", 4000 * MI);
    gone.setPods(new ArrayList<>());

    assertThat(change.significant(last, gone)).isTrue();
  }
}
