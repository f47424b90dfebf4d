package dev.lockstep.targets.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTokenTest {

  @Test
  void first_findsTheFirstSemanticVersion() {
    assertThat(VersionToken.first(List.of("codebolt 2.3.1"))).isEqualTo("2.3.1");
    assertThat(VersionToken.first(List.of("v2.3.1"))).isEqualTo("2.3.1");
    assertThat(VersionToken.first(List.of("{\"status\":\"ok\",\"version\":\"2.4.0-rc.1\"}")))
        .isEqualTo("2.4.0-rc.1");
    assertThat(VersionToken.first(List.of("@codebolt/server@2.3.1"))).isEqualTo("2.3.1");
    assertThat(VersionToken.first(List.of("version 2.3.1."))).isEqualTo("2.3.1");
    assertThat(VersionToken.first(List.of("no version here", "then 1.0.0"))).isEqualTo("1.0.0");
  }

  @Test
  void first_ignoresAddressesAndLongerDottedNumbers() {
    assertThat(VersionToken.first(List.of("listening on 127.0.0.1"))).isNull();
    assertThat(VersionToken.first(List.of("build 1.2.3.4, release 1.2.5"))).isEqualTo("1.2.5");
    assertThat(VersionToken.first(List.of("01.2.3"))).isNull();
  }
}
