package io.migratepages.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
  @Test
  void namedControlsUseTheirEscapes() {
    assertThat(ControlCharacters.escape("0\r\n\t1")).isEqualTo("0\\r\\n\\t1");
  }

  @Test
  void otherControlsAreHexEscaped() {
    assertThat(ControlCharacters.escape("0\u000b1\u001b[2J")).isEqualTo("0\\x0b1\\x1b[2J");
  }

  @Test
  void printableTextIsUnchanged() {
    assertThat(ControlCharacters.escape("0-3,!5 +1 ü")).isEqualTo("0-3,!5 +1 ü");
  }
}
