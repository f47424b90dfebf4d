package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import org.junit.jupiter.api.Test;

class JsonPathPointerTest {
  @Test
  void of_pathsToOneValue_becomeTheirPointers() {
    assertThat(JsonPathPointer.of("$")).contains(JsonPointer.empty());
    assertThat(JsonPathPointer.of("$.inFlight")).contains(JsonPointer.compile("/inFlight"));
    assertThat(JsonPathPointer.of("$.nodes[2].count"))
        .contains(JsonPointer.compile("/nodes/2/count"));
    assertThat(JsonPathPointer.of("$['in-flight'][\"a/b\"]"))
        .contains(JsonPointer.compile("/in-flight/a~1b"));
  }

  @Test
  void of_pathsToSeveralValuesOrNone_areEmpty() {
    assertThat(JsonPathPointer.of("inFlight")).isEmpty();
    assertThat(JsonPathPointer.of("$.nodes[*].count")).isEmpty();
    assertThat(JsonPathPointer.of("$..count")).isEmpty();
    assertThat(JsonPathPointer.of("$.nodes[?(@.up)]")).isEmpty();
    assertThat(JsonPathPointer.of("$.a b")).isEmpty();
    assertThat(JsonPathPointer.of(null)).isEmpty();
  }
}
