package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EtaEstimateTest {

  @Test
  void of_firstTick_isUnknown() {
    // What the first tick of a 2 GB dump saw: 3 MB in 2 s.
    assertThat(EtaEstimate.of(3L << 20, 2L << 30, Duration.ofSeconds(2))).isEmpty();
  }

  @Test
  void of_littleDoneAfterLong_isUnknown() {
    assertThat(EtaEstimate.of(10, 1000, Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void of_aQuarterDoneInTenSeconds_isThirtySecondsLeft() {
    assertThat(EtaEstimate.of(250, 1000, Duration.ofSeconds(10))).contains(Duration.ofSeconds(30));
  }

  @Test
  void of_unknownTotal_isUnknown() {
    assertThat(EtaEstimate.of(250, 0, Duration.ofSeconds(10))).isEmpty();
  }
}
