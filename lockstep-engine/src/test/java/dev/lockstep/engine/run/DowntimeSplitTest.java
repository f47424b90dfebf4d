package dev.lockstep.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DowntimeSplitTest {
  private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

  @Test
  void of_successfulUpgrade_countsStoppingMigratingAndStartingAsTheProducts() {
    Map<String, String> facts = windowFacts();
    facts.put(RunFacts.MIGRATIONS_TOOK, "PT0.2S");

    DowntimeSplit split = DowntimeSplit.of(facts, steps());

    assertThat(split.toHealthy()).isEqualTo(Duration.ofMillis(5500));
    // window 6 s − (stop 1 s + start 0.4 s + until the first check passed 1 s + migrations 0.2 s)
    assertThat(split.lockstepOwn()).isEqualTo(Duration.ofMillis(3400));
  }

  @Test
  void of_stopThatCopiedTheReleaseBeforeTheDowntime_countsOnlyItsPartInsideTheWindow() {
    Map<String, String> facts = windowFacts();
    facts.put(RunFacts.MIGRATIONS_TOOK, "PT0.2S");
    List<StepRecord> steps = new ArrayList<>(steps());
    steps.set(1, step(2, "stop-services", -800, 1000));

    DowntimeSplit split = DowntimeSplit.of(facts, steps);

    assertThat(split.lockstepOwn()).isEqualTo(Duration.ofMillis(3400));
  }

  @Test
  void of_runThatRolledBack_givesNoOwnTime() {
    Map<String, String> facts = windowFacts();
    facts.put(RunFacts.ROLLBACK_STRATEGY, "REVERT_SERVICES");

    DowntimeSplit split = DowntimeSplit.of(facts, steps());

    assertThat(split.toHealthy()).isEqualTo(Duration.ofMillis(5500));
    assertThat(split.lockstepOwn()).isNull();
  }

  @Test
  void of_runBeforeTheSplitWasMeasured_isUnknown() {
    Map<String, String> facts = windowFacts();
    facts.remove(RunFacts.SERVICES_HEALTHY_AT);

    assertThat(DowntimeSplit.of(facts, steps())).isEqualTo(new DowntimeSplit(null, null));
  }

  private static Map<String, String> windowFacts() {
    Map<String, String> facts = new HashMap<>();
    facts.put(RunFacts.SERVICES_STOPPED_AT, at(0).toString());
    facts.put(RunFacts.SERVICES_HEALTHY_AT, at(5500).toString());
    facts.put(RunFacts.SERVICES_BACK_AT, at(6000).toString());
    return facts;
  }

  private static List<StepRecord> steps() {
    return List.of(
        step(1, "backup", -9000, -5000),
        step(2, "stop-services", 0, 1000),
        step(3, "snapshot-databases", 1000, 3000),
        step(4, "migrate", 3000, 4000),
        step(5, "install", 4000, 4100),
        step(6, "start-services", 4100, 4500),
        step(7, "validate", 4500, 6000));
  }

  private static StepRecord step(int seq, String name, long fromMillis, long toMillis) {
    return new StepRecord(
        "run", seq, name, Phase.FORWARD, StepStatus.SUCCEEDED, at(fromMillis), at(toMillis), "");
  }

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }
}
