package dev.helios.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.git.errors.InvalidRepositoryNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

  @ParameterizedTest
  @CsvSource({
    "app, app",
    "app.git, app",
    "team/app, team/app",
    "team/app.git, team/app",
    "a-b_c.d, a-b_c.d",
    "A/B/C/d9, A/B/C/d9",
    "x.git.git, x.git",
    "v1.2, v1.2"
  })
  void parse_validName_returnsCanonicalValue(String raw, String expected) {
    RepositoryName name = RepositoryName.parse(raw);

    assertThat(name.value()).isEqualTo(expected);
    assertThat(name.toString()).isEqualTo(expected);
    assertThat(RepositoryName.problem(raw)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| empty",
        "a/../b| segment '..'",
        "..| segment '..'",
        "./a| segment '.'",
        ".hidden| starts with '.'",
        "team/.git| starts with '.'",
        "x y| character ' '",
        "a//b| empty segment",
        "/a| empty segment",
        "a/| empty segment",
        "a\\b| character '\\'",
        "naïve| U+00EF",
        ".git| starts with '.'"
      })
  void parse_invalidName_throwsNamingRuleAndName(String raw, String rule) {
    assertThatThrownBy(() -> RepositoryName.parse(raw))
        .isInstanceOf(InvalidRepositoryNameException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + raw + "'")
        .hasMessageContaining(rule);
    assertThat(RepositoryName.problem(raw)).hasValueSatisfying(p -> assertThat(p).contains(rule));
  }

  @Test
  void parse_201Characters_isTooLong() {
    String raw = "a".repeat(201);

    assertThatThrownBy(() -> RepositoryName.parse(raw))
        .isInstanceOf(InvalidRepositoryNameException.class)
        .hasMessageContaining("201 characters")
        .hasMessageContaining("200");
  }

  @Test
  void parse_200Characters_isValid() {
    assertThat(RepositoryName.parse("a".repeat(200)).value()).hasSize(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"team/app", "x"})
  void constructor_equalValues_areEqualAndOrdered(String value) {
    assertThat(new RepositoryName(value)).isEqualTo(RepositoryName.parse(value));
    assertThat(new RepositoryName("a").compareTo(new RepositoryName("b"))).isNegative();
  }

  @Test
  void constructor_gitSuffix_isKeptVerbatim() {
    assertThat(new RepositoryName("x.git").value()).isEqualTo("x.git");
  }
}
