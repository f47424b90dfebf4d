package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonAssertionTest {
  @Test
  void parse_readsPathOperatorAndJsonValue() {
    JsonAssertion assertion = JsonAssertion.parse("$.status == \"ok\"").orElseThrow();

    assertThat(assertion.path()).isEqualTo("$.status");
    assertThat(assertion.operator()).isEqualTo(JsonAssertion.Operator.EQUALS);
    assertThat(assertion.expected().asText()).isEqualTo("ok");
  }

  @Test
  void parse_acceptsNumbersAndExists() {
    assertThat(JsonAssertion.parse("$.count >= 3").orElseThrow().operator())
        .isEqualTo(JsonAssertion.Operator.AT_LEAST);
    assertThat(JsonAssertion.parse("$.items exists").orElseThrow().operator())
        .isEqualTo(JsonAssertion.Operator.EXISTS);
  }

  @Test
  void parse_refusesUnquotedTextAndOrderingOnText() {
    assertThat(JsonAssertion.parse("$.status == ok")).isEmpty();
    assertThat(JsonAssertion.parse("$.status > \"a\"")).isEmpty();
    assertThat(JsonAssertion.parse("status == \"ok\"")).isEmpty();
  }
}
