package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.history.DirtyState;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.history.MigrationHistory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirtyMigrationsGateTest {
  private static final String NAME = "no half-applied migration";

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
  void check_noHistoryTable_passes() {
    GateResult result = fixture.check(new DirtyMigrationsGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "no history table yet"));
  }

  @Test
  void check_cleanTablesOfTwoTools_passesNamingBoth() {
    found(
        new MigrationHistory(
            HistoryFormat.LOCKSTEP, "public.lockstep_schema_history", List.of(), List.of()),
        new MigrationHistory(
            HistoryFormat.PRISMA, "public._prisma_migrations", List.of(), List.of()));

    GateResult result = fixture.check(new DirtyMigrationsGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "clean history (Lockstep, Prisma)"));
  }

  @Test
  void check_toolsLeftDirtyStates_blocksWithEveryOneAndItsWayOut() {
    DirtyState golang =
        new DirtyState(
            HistoryFormat.GOLANG_MIGRATE,
            "golang-migrate recorded version 2 as dirty.",
            "`migrate force 1`.");
    DirtyState liquibase =
        new DirtyState(
            HistoryFormat.LIQUIBASE, "Liquibase's lock is held.", "`liquibase release-locks`.");
    found(
        new MigrationHistory(
            HistoryFormat.LIQUIBASE, "public.databasechangelog", List.of(), List.of(liquibase)),
        new MigrationHistory(
            HistoryFormat.GOLANG_MIGRATE, "public.schema_migrations", List.of(), List.of(golang)));

    GateResult result = fixture.check(new DirtyMigrationsGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "Liquibase's lock is held. golang-migrate recorded version 2 as dirty.",
                "`liquibase release-locks`. `migrate force 1`."));
  }

  @Test
  void check_historyTablesUnreadable_blocksWithWhy() {
    fixture.database =
        probeWith(new HistoryTables(List.of(), "permission denied for table schema_migrations"));

    GateResult result = fixture.check(new DirtyMigrationsGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "cannot read the history tables: permission denied for table schema_migrations",
                null));
  }

  @Test
  void check_databaseUnreachable_blocks() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new DirtyMigrationsGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null));
  }

  private void found(MigrationHistory... histories) {
    fixture.database = probeWith(new HistoryTables(List.of(histories), null));
  }

  private static DatabaseProbe probeWith(HistoryTables histories) {
    return new DatabaseProbe(null, "15.4", 0, List.of(), histories, SchemaLook.empty());
  }
}
