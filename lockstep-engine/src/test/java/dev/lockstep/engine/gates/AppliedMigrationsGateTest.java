package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.plan.GateResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts of the applied-migrations gate that need no database. The comparison itself, an
 * edited applied migration named with both checksums, is Flyway's, tested against a real server in
 * {@code MigrationRunnerTest} and end to end in the bad-input suite's {@code
 * applied-migration-changed}.
 */
class AppliedMigrationsGateTest {
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
  void check_productAppliesItsOwnMigrations_passesAsNotLockstepsToCheck() {
    fixture.target = GateFixture.withRunner(fixture.target, MigrationRunnerKind.STARTUP);

    GateResult result = fixture.check(new AppliedMigrationsGate());

    assertThat(result.blocked()).isFalse();
    assertThat(result.message()).contains("the product's tool applies them");
  }

  @Test
  void check_databaseUnreachable_blocksSayingItCannotRead() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new AppliedMigrationsGate());

    assertThat(result.blocked()).isTrue();
    assertThat(result.message()).contains("not reachable");
  }

  @Test
  void check_nothingAppliedYet_passesWithoutReadingTheHistory() {
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of());

    GateResult result = fixture.check(new AppliedMigrationsGate());

    assertThat(result)
        .isEqualTo(GateResult.passed("applied migrations unchanged", "no migration applied yet"));
  }
}
