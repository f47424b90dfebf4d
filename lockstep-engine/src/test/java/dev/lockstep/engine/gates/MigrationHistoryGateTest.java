package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationHistoryGateTest {
  private static final String NAME = "migration history";

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
  void check_everyAppliedMigrationShipped_passesCountingThePending() {
    GateResult result = fixture.check(new MigrationHistoryGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "1 applied, 1 pending"));
  }

  @Test
  void check_emptyDatabase_passesWithAllPending() {
    fixture.database = new DatabaseProbe(null, "15.4", 0, List.of());

    GateResult result = fixture.check(new MigrationHistoryGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "0 applied, 2 pending"));
  }

  @Test
  void check_databaseHasMigrationsTheTargetDoesNotShip_blocksNamingThem() {
    fixture.database = new DatabaseProbe(null, "15.4", 0, List.of("1", "2", "3", "4"));

    GateResult result = fixture.check(new MigrationHistoryGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "the database has migrations [3, 4] that release 1.1.0 does not ship: it was"
                    + " migrated by something else, or by a newer release.",
                "find out where they came from before upgrading; `lockstep status` shows the"
                    + " history."));
  }

  @Test
  void check_databaseUnreachable_blocks() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new MigrationHistoryGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null));
  }
}
