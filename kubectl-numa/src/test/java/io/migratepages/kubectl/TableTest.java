package io.migratepages.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void alignsColumnsOnTheWidestCellWithTwoSpacesAndNoTrailingBlanks() {
    String text =
        new Table(List.of("POD", "N0", "LOCAL"))
            .row(List.of("db-0", "1.5Gi", "97%"))
            .row(List.of("cache-long-name", "0", "-"))
            .render();

    assertThat(text)
        .isEqualTo(
            "POD              N0     LOCAL\n"
                + "db-0             1.5Gi  97%\n"
                + "cache-long-name  0      -\n");
  }

  @Test
  void aRowOfTheWrongWidthIsABug() {
    assertThatThrownBy(() -> new Table(List.of("A", "B")).row(List.of("x")))
        .hasMessageContaining("1 cells for 2 columns");
  }
}
