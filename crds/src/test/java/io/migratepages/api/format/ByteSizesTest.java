package io.migratepages.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {
  @ParameterizedTest
  @CsvSource({
    "-1, -1",
    "0, 0",
    "1023, 1023",
    "1024, 1Ki",
    "1075, 1Ki",
    "1076, 1.1Ki",
    "1536, 1.5Ki",
    "1048063, 1023.5Ki",
    "1048524, 1023.9Ki",
    "1048525, 1Mi",
    "1048575, 1Mi",
    "1048576, 1Mi",
    "157706240, 150.4Mi",
    "268435456, 256Mi",
    "1073741823, 1Gi",
    "3435973837, 3.2Gi",
    "1152921504606846975, 1Ei",
    "9223372036854775807, 8Ei"
  })
  void formatsWithBinarySuffixesAndOneDecimal(long bytes, String expected) {
    assertThat(ByteSizes.human(bytes)).isEqualTo(expected);
  }
}
