package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.PromotionConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every verdict of {@link StagingFirstGateTest}, with the environments sharing a real PostgreSQL
 * database (a fresh one per test) instead of a folder.
 */
@ExtendWith(PostgresExtension.class)
class StagingFirstGateOnDatabaseTest extends StagingFirstGateTest {
  private DatabaseConfig shared;

  /** A fresh database, made when the parent's {@code @BeforeEach} first asks for the place. */
  @Override
  PromotionConfig promotion(String after, Duration bake) {
    if (shared == null) {
      shared = PostgresExtension.freshDatabase("shared_runs");
    }
    return new PromotionConfig(null, shared, after, bake);
  }

  @Override
  void sharedRuns_aRecordFromANewerLockstep_isRefusedNamingItsVersion() {
    // A file of the folder; SharedRunsTableTest refuses a row of a newer format.
  }

  @Test
  void check_sharedDatabaseUnreachable_blocksNamingTheField() {
    fixture.promotion =
        new PromotionConfig(
            null,
            new DatabaseConfig(
                "127.0.0.1", 1, "lockstep_shared", "lockstep", Secret.of("pw"), "postgres"),
            "staging",
            Duration.ofHours(24));

    GateResult result = fixture.check(new StagingFirstGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).startsWith("cannot read what staging ran: Cannot connect");
    assertThat(result.fix())
        .contains(
            "make database lockstep@127.0.0.1:1/lockstep_shared readable here"
                + " (promotion.sharedDatabase)");
  }

  @Test
  void check_stagingRecordedInTheDatabase_isSeenByProduction() {
    staging(RunKind.UPGRADE, "1.0.0", "1.1.0", RunStatus.SUCCEEDED, hoursAgo(25));

    assertThat(fixture.check(new StagingFirstGate()).verdict()).isEqualTo(Verdict.PASSED);
  }
}
