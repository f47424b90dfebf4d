package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalGateTest {
  private static final String NAME = "rehearsal";
  private static final String FIX = "run `lockstep rehearse --to 1.1.0` and look at what it says.";

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_notRequiredAndNoneRun_passes() {
    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "not required"));
  }

  @Test
  void check_notRequiredAndOneFailed_passesSayingSo() {
    String id = rehearsed("1.0.0", "1.1.0", RunStatus.FAILED, "migrate failed");

    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "last rehearsal " + id + ": failed"));
  }

  @Test
  void check_requiredAndThisUpgradePassed_passes() {
    requireRehearsal();
    String id = rehearsed("1.0.0", "1.1.0", RunStatus.SUCCEEDED, "all 7 steps passed");

    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "rehearsal " + id + " passed: all 7 steps passed"));
  }

  @Test
  void check_requiredAndNoneRun_blocks() {
    requireRehearsal();

    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result)
        .isEqualTo(GateResult.blocked(NAME, "no rehearsal of 1.0.0 → 1.1.0 was run.", FIX));
  }

  @Test
  void check_requiredAndOnlyAnotherUpgradeRehearsed_blocks() {
    requireRehearsal();
    rehearsed("0.9.0", "1.1.0", RunStatus.SUCCEEDED, "all 7 steps passed");
    rehearsed("1.0.0", "1.2.0", RunStatus.SUCCEEDED, "all 7 steps passed");

    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result)
        .isEqualTo(GateResult.blocked(NAME, "no rehearsal of 1.0.0 → 1.1.0 was run.", FIX));
  }

  @Test
  void check_requiredAndTheLatestRehearsalFailed_blocksWithItsSummary() {
    requireRehearsal();
    rehearsed("1.0.0", "1.1.0", RunStatus.SUCCEEDED, "all 7 steps passed");
    String latest = rehearsed("1.0.0", "1.1.0", RunStatus.FAILED, "migrate failed: V2");

    GateResult result = fixture.check(new RehearsalGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "the latest rehearsal of this upgrade, "
                    + latest
                    + ", did not pass: migrate failed: V2",
                FIX));
  }

  private void requireRehearsal() {
    fixture.options = new UpgradeOptions(null, false, true);
  }

  private String rehearsed(String from, String to, RunStatus status, String summary) {
    String id = fixture.journal.startRun(RunKind.REHEARSAL, "test", from, to).id();
    fixture.journal.finishRun(id, status, summary);
    return id;
  }
}
