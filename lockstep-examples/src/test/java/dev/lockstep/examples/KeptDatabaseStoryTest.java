package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.KeptDatabases;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A restoring rollback keeps the database it replaced, renamed aside, with what the failed release
 * wrote; the operator reads it and drops it with {@code lockstep kept drop}. Real PostgreSQL, real
 * processes.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class KeptDatabaseStoryTest {
  SampleRun run;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
  }

  @AfterEach
  void tearDown() {
    try {
      for (KeptDatabases.Entry entry : run.deployment.kept().list()) {
        admin().drop(entry.database().kept());
      }
    } finally {
      run.close();
    }
  }

  @Test
  void rollback_bySnapshotSwap_keepsTheReplacedDatabaseWithTheFailedReleasesWrites()
      throws SQLException {
    upgrade("1.1.0");
    RunReport upgrade = upgrade("2.0.0");
    assertThat(upgrade.exitCode()).isZero();
    long lateNote = run.sample.notes().write("on 2.0.0", "written by the release undone", "x");

    RunReport report = run.deployment.rollback();

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(report.rollback().restoredFrom()).isEqualTo("snapshot swap");
    assertThat(report.rollback().description())
        .isEqualTo("stop the services, swap the database snapshot back in, redeploy 1.1.0");
    assertThat(report.summary()).contains("swap the database snapshot back in");
    KeptDatabase kept = onlyKept(report);
    assertThat(kept.database()).isEqualTo(database().name());
    assertThat(kept.kept())
        .isEqualTo(KeptDatabase.nameFor(database().name(), upgrade.runId()))
        .contains("_replaced_");
    assertThat(noteIds(database().withName(kept.kept()))).contains(lateNote);
    assertThat(noteIds(database())).doesNotContain(lateNote);
    assertThat(stepDetail(report)).contains("kept in database " + kept.kept());
  }

  @Test
  void rollback_fromTheBackup_keepsTheReplacedDatabase_untilKeptDropDropsIt() throws SQLException {
    run.reconfigure(
        config ->
            config.replace(
                "backup:\n  format: custom\n", "backup:\n  format: custom\n  snapshot: false\n"),
        RunListener.NONE);
    upgrade("1.1.0");
    RunReport upgrade = upgrade("2.0.0");
    assertThat(upgrade.exitCode()).isZero();
    long lateNote = run.sample.notes().write("on 2.0.0", "written by the release undone", "x");

    RunReport report = run.deployment.rollback();

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(report.rollback().restoredFrom()).isEqualTo("backup " + upgrade.backupId());
    assertThat(report.rollback().description()).contains("restore backup " + upgrade.backupId());
    KeptDatabase kept = onlyKept(report);
    assertThat(kept.restoredFrom()).isEqualTo("backup " + upgrade.backupId());
    assertThat(noteIds(database().withName(kept.kept()))).contains(lateNote);
    assertThat(noteIds(database())).doesNotContain(lateNote);
    assertThat(run.deployment.kept().list())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.present()).isTrue();
              assertThat(entry.runId()).isEqualTo(report.runId());
            });

    run.deployment.kept().drop(kept.kept());

    assertThat(admin().exists(kept.kept())).isFalse();
    assertThat(run.deployment.kept().list()).isEmpty();
    assertThat(
            run.deployment.history().stream()
                .filter(r -> r.runId().equals(report.runId()))
                .findFirst()
                .orElseThrow()
                .rollback()
                .kept())
        .isEmpty();
    assertThatThrownBy(() -> run.deployment.kept().drop(database().name()))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("No rollback kept a database named");
    assertThat(admin().exists(database().name())).isTrue();
  }

  @Test
  void upgrade_failingAndRolledBackByRestore_keepsWhatTheFailedReleaseLeft() {
    upgrade("1.1.0");
    run.sample.notes().write("untagged", "breaks 2.0.0", null);

    RunReport report = upgrade("2.0.0");

    assertThat(report.exitCode()).isEqualTo(3);
    KeptDatabase kept = onlyKept(report);
    assertThat(admin().exists(kept.kept())).isTrue();
    assertThat(report.rollback().proven()).anySatisfy(p -> assertThat(p).contains("failed"));
    assertThat(report.rollback().inferred()).isNotEmpty();
  }

  private static KeptDatabase onlyKept(RunReport report) {
    assertThat(report.rollback().kept()).hasSize(1);
    return report.rollback().kept().get(0);
  }

  private static String stepDetail(RunReport report) {
    return report.steps().stream()
        .filter(s -> s.name().equals("restore-backup"))
        .findFirst()
        .orElseThrow()
        .detail();
  }

  private DatabaseConfig database() {
    return run.deployment.config().database();
  }

  private ServerAdmin admin() {
    return new ServerAdmin(new Database(database()), dev.lockstep.core.api.ErrorCode.INTERNAL);
  }

  private static List<Long> noteIds(DatabaseConfig db) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = new Database(db).connect();
        ResultSet rs = connection.createStatement().executeQuery("SELECT id FROM notes")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }
}
