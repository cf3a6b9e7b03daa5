package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

  @Test
  void helmLintStrictPasses() {
    LintResult result = Chart.lintStrict();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("only INFO-level remarks are acceptable")
        .allMatch(m -> m.startsWith("[INFO]"));
  }
}
