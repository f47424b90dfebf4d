package dev.lockstep.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The environments' runs in a real PostgreSQL database, as two environments would share it. */
@ExtendWith(PostgresExtension.class)
class SharedRunsTableTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private DatabaseConfig database;
  private SharedRunsTable shared;

  @BeforeEach
  void freshDatabase() {
    database = PostgresExtension.freshDatabase("shared_runs");
    shared = new SharedRunsTable(database);
  }

  @Test
  void of_beforeAnyRunIsRecorded_isEmptyAndCreatesNothing() throws SQLException {
    assertThat(shared.of("staging")).isEmpty();
    assertThat(tableExists()).isFalse();
  }

  @Test
  void record_createsTheTable_andEachEnvironmentReadsItsOwnRunsOldestFirst() {
    shared.record(
        "staging", run("run-2", "1.1.0", "1.2.0", RunStatus.ROLLED_BACK, T0.plusSeconds(60)));
    shared.record("staging", run("run-1", "1.0.0", "1.1.0", RunStatus.SUCCEEDED, T0));
    shared.record("production", run("run-9", "1.0.0", "1.1.0", RunStatus.SUCCEEDED, T0));

    assertThat(new SharedRunsTable(database).of("staging"))
        .containsExactly(
            new SharedRun(1, "staging", "run-1", "upgrade", "1.0.0", "1.1.0", "succeeded", T0),
            new SharedRun(
                1,
                "staging",
                "run-2",
                "upgrade",
                "1.1.0",
                "1.2.0",
                "rolled_back",
                T0.plusSeconds(60)));
    assertThat(shared.of("production")).extracting(SharedRun::runId).containsExactly("run-9");
  }

  @Test
  void record_theSameRunAgain_rewritesIt() {
    shared.record("staging", run("run-1", "1.0.0", "1.1.0", RunStatus.FAILED, T0));
    shared.record("staging", run("run-1", "1.0.0", "1.1.0", RunStatus.SUCCEEDED, T0));

    assertThat(shared.of("staging")).extracting(SharedRun::status).containsExactly("succeeded");
  }

  @Test
  void of_aRowOfANewerFormat_isRefusedNamingTheRunAndTheFix() throws SQLException {
    shared.record("staging", run("run-1", "1.0.0", "1.1.0", RunStatus.SUCCEEDED, T0));
    execute("UPDATE lockstep_shared_runs SET format_version = 2");

    assertThatThrownBy(() -> shared.of("staging"))
        .hasMessageContaining("Run run-1 in lockstep_shared_runs")
        .hasMessageContaining("has format version 2, newer than the 1 this Lockstep reads")
        .hasMessageContaining("Fix: upgrade Lockstep here");
  }

  private boolean tableExists() throws SQLException {
    try (Connection connection = new Database(database).connect();
        Statement query = connection.createStatement();
        var rows = query.executeQuery("SELECT to_regclass('lockstep_shared_runs') IS NOT NULL")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = new Database(database).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static RunRecord run(
      String id, String from, String to, RunStatus status, Instant endedAt) {
    return new RunRecord(
        id,
        RunKind.UPGRADE,
        "staging",
        from,
        to,
        status,
        endedAt.minusSeconds(30),
        endedAt,
        1,
        Instant.EPOCH,
        "done");
  }
}
