package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.PromotionConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.promotion.SharedRuns;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production (this fixture's environment) upgrading to 1.1.0 after staging, with a 24h bake; the
 * environments share a folder ({@link StagingFirstGateOnDatabaseTest}: a database).
 */
class StagingFirstGateTest {
  @TempDir Path dir;
  GateFixture fixture;
  private SharedRuns shared;
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    fixture.promotion = promotion("staging", Duration.ofHours(24));
    shared = SharedRuns.of(fixture.promotion);
  }

  /** The environments' shared place, here a folder. */
  PromotionConfig promotion(String after, Duration bake) {
    return new PromotionConfig(dir.resolve("shared"), null, after, bake);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_noEnvironmentToComeAfter_isLeftOut() {
    fixture.promotion = promotion(null, null);

    assertThat(fixture.check(new StagingFirstGate())).isNull();
  }

  @Test
  void check_stagingNeverRanTheRelease_blocksSayingWhatToDo() {
    staging(RunKind.UPGRADE, "0.9.0", "1.0.0", RunStatus.SUCCEEDED, hoursAgo(100));

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).startsWith("staging has not completed an upgrade to 1.1.0");
    assertThat(result.fix())
        .contains("upgrade staging to 1.1.0 first, and let it run for 24h 0m")
        .contains("--skip-staging REASON");
  }

  @Test
  void check_stagingRanItLessThanTheBakeTime_blocksWithTheTimeLeft() {
    Instant upgraded = hoursAgo(3);
    staging(RunKind.UPGRADE, "1.0.0", "1.1.0", RunStatus.SUCCEEDED, upgraded);

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith("staging has run 1.1.0 for 3h")
        .contains("of the 24h 0m bake time (promotion.bake)")
        .contains(
            "it can come here from "
                + upgraded.plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void check_stagingRanItForTheBakeTime_passes() {
    staging(RunKind.UPGRADE, "1.0.0", "1.1.0", RunStatus.SUCCEEDED, hoursAgo(30));
    // A failed upgrade to 1.2.0 that was rolled back left staging on 1.1.0.
    staging(RunKind.UPGRADE, "1.1.0", "1.2.0", RunStatus.ROLLED_BACK, hoursAgo(2));

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message()).startsWith("staging ran 1.1.0 for 30h 0m so far");
  }

  @Test
  void check_stagingMovedOnAfterTheBakeTime_passes() {
    staging(RunKind.UPGRADE, "1.0.0", "1.1.0", RunStatus.SUCCEEDED, hoursAgo(80));
    staging(RunKind.UPGRADE, "1.1.0", "1.2.0", RunStatus.SUCCEEDED, hoursAgo(50));

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message()).startsWith("staging ran 1.1.0 for 30h 0m (until upgrade run");
  }

  @Test
  void check_stagingRolledTheReleaseBack_blocks() {
    staging(RunKind.UPGRADE, "1.0.0", "1.1.0", RunStatus.SUCCEEDED, hoursAgo(40));
    staging(RunKind.ROLLBACK, "1.1.0", "1.0.0", RunStatus.SUCCEEDED, hoursAgo(10));

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith("staging ran 1.1.0 for 30h 0m, then rollback run")
        .contains("rolled it back");
  }

  @Test
  void check_skippedWithAReason_passesSayingWhy() {
    fixture.options = new UpgradeOptions(null, false, false, null, "hotfix for the outage");

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message())
        .contains("staging has not completed an upgrade to 1.1.0")
        .endsWith("skipped by the operator: hotfix for the outage");
  }

  @Test
  void sharedRuns_aRecordFromANewerLockstep_isRefusedNamingItsVersion() throws Exception {
    // A file here; the shared database's rows are checked in SharedRunsTableTest.
    Path file = Files.createDirectories(dir.resolve("shared/staging")).resolve("x.json");
    Files.writeString(file, "{\"formatVersion\": 9, \"runId\": \"x\"}");

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).contains("cannot read what staging ran").contains("version 9");
  }

  void staging(RunKind kind, String from, String to, RunStatus status, Instant endedAt) {
    shared.record(
        "staging",
        new RunRecord(
            "run-" + runs.incrementAndGet(),
            kind,
            "staging",
            from,
            to,
            status,
            endedAt.minusSeconds(60),
            endedAt,
            1,
            Instant.EPOCH,
            "done"));
  }

  static Instant hoursAgo(int hours) {
    return Instant.now().minus(Duration.ofHours(hours));
  }
}
