package dev.lockstep.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({"500ms, 500", "30s, 30000", "2m, 120000", "1h, 3600000", "8760h, 31536000000"})
  void parse_upToTheLongestAccepted(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    assertThat(Durations.isTooLong(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8761h",
        "525601m",
        "99999999999999999999s",
        "9999999999999999h",
        "9223372036855s"
      })
  void isTooLong_forLongerOrOverflowingDurations(String text) {
    assertThat(Durations.isTooLong(text)).isTrue();
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"five seconds", "-5s", "5", "1d"})
  void parse_whatIsNoDuration_isNeitherParsedNorTooLong(String text) {
    assertThat(Durations.parse(text)).isEmpty();
    assertThat(Durations.isTooLong(text)).isFalse();
  }
}
