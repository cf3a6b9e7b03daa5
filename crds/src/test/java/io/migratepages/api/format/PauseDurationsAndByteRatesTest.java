package io.migratepages.api.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PauseDurationsAndByteRatesTest {

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "100us,100000",
    "100000ns,100000",
    "10ms,10000000",
    "10s,10000000000",
    "2s,2000000000"
  })
  void pausesInRangeParse(String text, long nanos) {
    assertThat(PauseDurations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "{0} us")
  @CsvSource({
    "0,0us",
    "1,1us",
    "830,830us",
    "999,999us",
    "1000,1ms",
    "1500,1.5ms",
    "12345,12.3ms",
    "999940,999.9ms",
    "999960,1s",
    "2300000,2.3s",
    "45000000,45s",
    "3600000000,3600s"
  })
  void measuredPausesReadWithOneDecimalInTheLargestUnitBelow1000(long micros, String text) {
    assertThat(PauseDurations.human(micros)).isEqualTo(text);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"99us", "99999ns", "11s", "10001ms"})
  void pausesOutOfRangeNameTheRange(String text) {
    assertThatThrownBy(() -> PauseDurations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range (valid: from 100us to 10s)");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"10 ms", "10", "1.5ms", "10m", ""})
  void malformedPausesNameTheForms(String text) {
    assertThatThrownBy(() -> PauseDurations.parse(text))
        .hasMessageContaining("is not a duration (expected " + PauseDurations.FORMS);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "1,1",
    "1024,1024",
    "1Ki,1024",
    "200Mi,209715200",
    "3Gi,3221225472",
    "1Ti,1099511627776"
  })
  void ratesParse(String text, long bytes) {
    assertThat(ByteRates.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"200M", "200MB", "1.5Gi", "200mi", "-1", ""})
  void malformedRatesNameTheForms(String text) {
    assertThatThrownBy(() -> ByteRates.parse(text))
        .hasMessageContaining("is not a rate (expected " + ByteRates.FORMS);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"0", "0Mi"})
  void zeroIsRefused(String text) {
    assertThatThrownBy(() -> ByteRates.parse(text)).hasMessageContaining("0 would move nothing");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"999999999999999Ti", "999999999999999Gi"})
  void overflowIsRefused(String text) {
    assertThatThrownBy(() -> ByteRates.parse(text)).hasMessageContaining("is too large");
  }
}
