package dev.lockstep.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {
  @Test
  void parse_acceptsStrictSemver() {
    assertThat(Version.parse("2.3.1")).isEqualTo(new Version(2, 3, 1, null));
    assertThat(Version.parse("1.0.0-rc.1").preRelease()).isEqualTo("rc.1");
  }

  @Test
  void compareTo_ordersNumericallyAndPreReleasesFirst() {
    assertThat(Version.parse("1.10.0")).isGreaterThan(Version.parse("1.9.9"));
    assertThat(Version.parse("2.0.0")).isGreaterThan(Version.parse("2.0.0-rc.1"));
  }

  @ParameterizedTest
  @CsvSource({
    "latest, moving tag",
    "stable, moving tag",
    "^2.1.0, version range",
    "~2.1, version range",
    ">=2.0.0, version range",
    "2.x, version range",
    "2.1, not a version",
    "v2.1.0, not a version"
  })
  void parse_refusesWhatIsNotPinned(String text, String reason) {
    assertThatThrownBy(() -> Version.parse(text))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void parse_numbersUpToTheLargestInt_areAccepted() {
    assertThat(Version.parse("2147483647.0.1").major()).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({
    "4294967296.0.0, 4294967296",
    "1.2147483648.0, 2147483648",
    "1.0.99999999999, 99999999999"
  })
  void parse_numberLargerThanAnInt_isRefusedNamingItAndTheLimit(String text, String number) {
    assertThatThrownBy(() -> Version.parse(text, null, "--to"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("--to")
        .hasMessageContaining(number + " is larger than 2147483647")
        .hasMessageContaining("Fix: name one exact release whose numbers are each at most");
  }
}
