package io.migratepages.numanodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRD's admission regex and the parser must agree, in both directions. */
class NumaNodeSpecPatternTest {

  private static final Pattern PATTERN = Pattern.compile(NumaNodeSpec.PATTERN);

  private static boolean parses(String text) {
    try {
      NumaNodeSpec.parse(text);
      return true;
    } catch (InvalidNumaNodeSpecException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "all",
        "!all",
        "+all",
        "!+all",
        "0",
        "9",
        "10",
        "99",
        "100",
        "999",
        "1000",
        "1009",
        "1019",
        "1020",
        "1023",
        "0,2-3",
        "3,0",
        "1,1",
        "0-0",
        "0-1023",
        "!0",
        "+0,2",
        "!+1-2",
        "5,7-9,11",
        "",
        " ",
        " 1",
        "1 ",
        "1\n",
        "0,",
        ",0",
        "0,,1",
        "-1",
        "1-",
        "1-x",
        "!",
        "+",
        "!+",
        "+!0",
        "!!0",
        "++0",
        "0,all",
        "all,0",
        "ALL",
        "al",
        "alll",
        "01",
        "00",
        "0x1",
        "1024",
        "1030",
        "1100",
        "2000",
        "9999",
        "10000",
        "1-2-3",
        "1,!2",
        "1,+2",
        "1-+2",
        "１",
        "0-01",
        "٣",
        "local",
        "!local",
        "+local",
        "local,0",
        "0,local",
        "LOCAL",
        "locals"
      })
  void patternAcceptsExactlyWhatParseAccepts(String text) {
    assertThat(PATTERN.matcher(text).matches()).as("PATTERN on %s", text).isEqualTo(parses(text));
  }

  /**
   * Every string up to 5 characters over an alphabet that can form every token, including the
   * malformed ones. The only allowed disagreement is a reversed range, which no regex can see.
   */
  @Test
  void patternAndParserAgreeOnAllShortStrings() {
    char[] alphabet = {'0', '1', '2', '-', ',', '!', '+', 'a', 'l', ' '};
    List<String> strings = new ArrayList<>();
    strings.add("");
    for (int length = 1; length <= 5; length++) {
      int total = (int) Math.pow(alphabet.length, length);
      for (int n = 0; n < total; n++) {
        int rest = n;
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
          chars[i] = alphabet[rest % alphabet.length];
          rest /= alphabet.length;
        }
        strings.add(new String(chars));
      }
    }
    int accepted = 0;
    for (String text : strings) {
      boolean matches = PATTERN.matcher(text).matches();
      String parseError = parseError(text);
      if (parseError == null) {
        accepted++;
        assertThat(matches).as("PATTERN rejects %s, which parse() accepts", text).isTrue();
      } else if (matches) {
        assertThat(parseError)
            .as("PATTERN accepts %s, which parse() rejects", text)
            .contains("reversed range");
      }
    }
    assertThat(strings).hasSize(1 + 10 + 100 + 1000 + 10000 + 100000);
    assertThat(accepted).isGreaterThan(100);
  }

  @Test
  void theSourcePatternIsThePatternWithoutLocal() {
    Pattern source = Pattern.compile(NumaNodeSpec.SOURCE_PATTERN);
    assertThat(source.matcher("local").matches()).isFalse();
    assertThat(PATTERN.matcher("local").matches()).isTrue();
    for (String text : List.of("all", "!0", "+1", "0,2-3", "3-1")) {
      assertThat(source.matcher(text).matches()).as(text).isTrue();
    }
    assertThat(source.matcher("x").matches()).isFalse();
  }

  @Test
  void reversedRangesAreTheOnlyThingPatternCannotSee() {
    assertThat(PATTERN.matcher("3-1").matches()).isTrue();
    assertThat(parses("3-1")).isFalse();
  }

  private static String parseError(String text) {
    try {
      NumaNodeSpec.parse(text);
      return null;
    } catch (InvalidNumaNodeSpecException e) {
      return e.getMessage();
    }
  }
}
