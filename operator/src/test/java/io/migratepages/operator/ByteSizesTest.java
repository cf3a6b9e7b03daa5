package io.migratepages.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1023, 1023",
    "1024, 1Ki",
    "1536, 1.5Ki",
    "268435456, 256Mi",
    "1048575, 1Mi",
    "3435973837, 3.2Gi",
    "9223372036854775807, 8Ei"
  })
  void formatsWithBinarySuffixes(long bytes, String expected) {
    assertThat(ByteSizes.human(bytes)).isEqualTo(expected);
  }
}
