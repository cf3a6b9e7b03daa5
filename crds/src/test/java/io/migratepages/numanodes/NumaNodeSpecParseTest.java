package io.migratepages.numanodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSpec.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumaNodeSpecParseTest {

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource({
    // text, inverted, relative, all
    "all, false, false, true",
    "!all, true, false, true",
    "+all, false, true, true",
    "0, false, false, false",
    "1023, false, false, false",
    "'0,2-3', false, false, false",
    "'3,0', false, false, false",
    "0-0, false, false, false",
    "'1,1', false, false, false",
    "'0-3,2', false, false, false",
    "!0, true, false, false",
    "'+0,2', false, true, false",
    "!+1, true, true, false",
    "'10-12,1000-1023', false, false, false"
  })
  void acceptsNumactlForms(String text, boolean inverted, boolean relative, boolean all) {
    NumaNodeSpec spec = NumaNodeSpec.parse(text);
    assertThat(spec.text()).isEqualTo(text);
    assertThat(spec.toString()).isEqualTo(text);
    assertThat(spec.inverted()).isEqualTo(inverted);
    assertThat(spec.relative()).isEqualTo(relative);
    assertThat(spec.isAll()).isEqualTo(all);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = ';',
      value = {
        "''; empty node spec",
        "' 1'; whitespace is not allowed (at position 0)",
        "'1 '; whitespace is not allowed (at position 1)",
        "'0, 1'; whitespace is not allowed (at position 2)",
        "1-x; expected a node number after '-' but found \"x\"",
        "1-; expected a node number after '-'",
        "3-1; reversed range \"3-1\" (write 1-3)",
        "1024; node number 1024 is out of range 0-1023",
        "99999; node number 99999 is out of range",
        "'0,'; trailing comma",
        "',0'; expected a node number but found \",0\"",
        "'0,,1'; expected a node number but found \",1\"",
        "!; expected all or a node list after '!'",
        "+; expected all or a node list after '+'",
        "!+; expected all or a node list after '+'",
        "+!0; found \"!0\"; '!' is only allowed at the start",
        "'0,+1'; found \"+1\"; '+' is only allowed at the start",
        "'0,all'; found \"all\"; all must be the whole spec",
        "'all,0'; found \"all\"; all must be the whole spec",
        "ALL; found \"ALL\"",
        "01; \"01\": node numbers are decimal without leading zeros",
        "0x1; unexpected \"x1\" after node 0",
        "-1; expected a node number but found \"-1\"",
        "1-2-3; unexpected \"-3\" after node 2",
        "'1-3,5x'; unexpected \"x\" after node 5",
        "１; found \"１\""
      })
  void rejectsMalformedSpecsNamingTheToken(String text, String fragment) {
    assertThatThrownBy(() -> NumaNodeSpec.parse(text))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessageStartingWith("\"" + text + "\": ")
        .hasMessageContaining(fragment)
        .hasMessageEndingWith("(valid: all, N, N,M, N-M, !spec, +N)")
        .satisfies(e -> assertThat(e.getMessage().split("\\(valid: ", -1)).hasSize(2))
        .extracting(e -> ((InvalidNumaNodeSpecException) e).spec())
        .isEqualTo(text);
  }

  @Test
  void newlineIsWhitespaceToo() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("1\n"))
        .hasMessageContaining("whitespace is not allowed (at position 1)");
  }

  @Test
  void controlCharactersAreEscapedNotEchoed() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("1\r", Role.SOURCE))
        .hasMessageStartingWith("from-nodes: \"1\\r\": whitespace is not allowed (at position 1)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r"));
    assertThatThrownBy(() -> NumaNodeSpec.parse("0\u000b1"))
        .hasMessageStartingWith("\"0\\x0b1\": ");
    assertThatThrownBy(() -> NumaNodeSpec.parse("\u001b[2J"))
        .hasMessageStartingWith("\"\\x1b[2J\": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
  }

  @Test
  void messagesNameTheArgument() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("1-x", Role.SOURCE))
        .hasMessage(
            "from-nodes: \"1-x\": expected a node number after '-' but found \"x\""
                + " (valid: all, N, N,M, N-M, !spec, +N)");
    assertThatThrownBy(() -> NumaNodeSpec.parse("", Role.DESTINATION))
        .hasMessageStartingWith("to-nodes: \"\": empty node spec");
    assertThatThrownBy(() -> NumaNodeSpec.parse("x", "spec.toNodes"))
        .hasMessageStartingWith("spec.toNodes: \"x\": ");
    assertThatThrownBy(() -> NumaNodeSpec.parse(null, Role.SOURCE))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessage("from-nodes: no node spec given (valid: all, N, N,M, N-M, !spec, +N)");
  }

  @Test
  void equalityIsByText() {
    assertThat(NumaNodeSpec.parse("0-1")).isEqualTo(NumaNodeSpec.parse("0-1"));
    assertThat(NumaNodeSpec.parse("0-1")).isNotEqualTo(NumaNodeSpec.parse("0,1"));
  }
}
