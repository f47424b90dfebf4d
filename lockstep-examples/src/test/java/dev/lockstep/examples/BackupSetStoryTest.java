package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.backup.PruneResult;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.RestoreOutcome;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.journal.Phase;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Backups of every state store through whole upgrades of the sample product: a file tree and a
 * dump/load command beside the database, snapshots or not, verification overrides, restores and
 * retention.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class BackupSetStoryTest {
  SampleRun run;
  Path uploads;
  Path graph;

  @BeforeEach
  void deploy() throws IOException {
    run = new SampleRun();
    uploads = Files.createDirectories(run.sample.folder().resolve("uploads"));
    graph = Files.createDirectories(run.sample.folder().resolve("graph"));
    Files.writeString(uploads.resolve("a.txt"), "written before the upgrade");
    Files.writeString(graph.resolve("nodes.db"), "graph data before the upgrade");
  }

  @AfterEach
  void tearDown() {
    run.close();
  }

  @Test
  void failedContractUpgrade_restoresEveryStore_databaseBySnapshotSwap() throws IOException {
    withStores(true, "scratchLoad: 'cp -a {dir}/. {scratch}/'", RunListener.NONE);
    upgrade("1.1.0");
    run.sample.notes().write("untagged", "2.0.0 fails on me", null);
    withStores(true, "scratchLoad: 'cp -a {dir}/. {scratch}/'", writesDuringTheUpgrade());
    DatabaseConfig db = run.sample.config().database();
    DatabaseSnapshots server = new DatabaseSnapshots(db);
    // Another deployment's snapshot on the same server: not this journal's to drop.
    String neighbours = TakenSnapshot.PREFIX + "neighbour" + ProcessHandle.current().pid() + "_1";
    Sql.execute(db.withName(db.maintenanceDatabase()), "CREATE DATABASE " + neighbours);

    try {
      RunReport report = upgrade("2.0.0");

      assertThat(report.exitCode()).isEqualTo(3);
      assertThat(step(report, "restore-backup").detail())
          .contains("snapshot swapped in")
          .contains("uploads (from backup")
          .contains("graph (from backup");
      assertThat(uploads.resolve("a.txt")).hasContent("written before the upgrade");
      assertThat(uploads.resolve("written-by-2.0.0.txt")).doesNotExist();
      assertThat(graph.resolve("nodes.db")).hasContent("graph data before the upgrade");
      assertThat(run.deployment.status().installed()).isEqualTo("1.1.0");
      // The failed database was set aside by the swap and dropped once the run ended.
      assertThat(server.list(TakenSnapshot.prefixOf(report.runId()))).isEmpty();
      assertThat(server.exists(neighbours)).isTrue();
    } finally {
      server.drop(neighbours);
    }
  }

  @Test
  void failedContractUpgrade_withoutSnapshots_restoresTheDatabaseFromTheBackup() {
    withStores(false, "scratchLoad: 'cp -a {dir}/. {scratch}/'", RunListener.NONE);
    upgrade("1.1.0");
    long id = run.sample.notes().write("untagged", "2.0.0 fails on me", null);

    RunReport report = upgrade("2.0.0");

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.steps()).extracting(StepReport::name).doesNotContain("snapshot-databases");
    assertThat(step(report, "restore-backup").detail()).contains("notes_").contains("(from backup");
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  @Test
  void upgrade_withAStoreThatCannotBeVerified_stopsUnlessTheOperatorAcceptsIt() {
    withStores(true, "", RunListener.NONE); // the graph store has no scratchLoad: unverifiable

    RunReport refused = upgrade("1.0.0");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.summary())
        .contains("is not verified")
        .contains("--accept-unverified-backup");
    assertThat(run.deployment.status().installed()).isNull();

    RunReport accepted =
        run.deployment.upgrade(
            Version.parse("1.0.0"),
            new UpgradeOptions("graph dumps are verified by the vendor", false, false));

    assertThat(accepted.exitCode()).isZero();
    assertThat(step(accepted, "verify-backup").detail())
        .contains("NOT verified, accepted by the operator: graph dumps are verified by the vendor");
  }

  @Test
  void backupRestore_refusesAnotherReleasesBackup_andBacksUpTheCurrentStateFirst() {
    withStores(true, "scratchLoad: 'cp -a {dir}/. {scratch}/'", RunListener.NONE);
    upgrade("1.0.0");
    BackupSet onOneZero = run.deployment.backups().create();
    upgrade("1.1.0");
    run.deployment.stopServices();

    assertThatThrownBy(() -> run.deployment.backups().restore(onOneZero.id(), false))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("taken on release 1.0.0, but 1.1.0 is installed")
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.RESTORE_REFUSED));

    RestoreOutcome outcome = run.deployment.backups().restore(onOneZero.id(), true);

    assertThat(outcome.restore().stores()).contains("uploads", "graph");
    BackupSummary safety =
        run.deployment.backups().list().stream()
            .filter(b -> b.id().equals(outcome.safetyBackupId()))
            .findFirst()
            .orElseThrow();
    assertThat(safety.purpose()).isEqualTo(BackupRequest.Purpose.SAFETY);
    assertThat(safety.release()).isEqualTo("1.1.0");
  }

  @Test
  void prune_keepsTheRetentionAndNeverTheBackupOfAnUnfinishedRun() {
    withStores(true, "scratchLoad: 'cp -a {dir}/. {scratch}/'", RunListener.NONE);
    upgrade("1.0.0");
    upgrade("1.1.0");
    run.deployment.backups().create();
    int before = run.deployment.backups().list().size();

    PruneResult dryRun = run.deployment.backups().prune(true);
    PruneResult pruned = run.deployment.backups().prune(false);

    assertThat(before).isEqualTo(3);
    assertThat(dryRun.deleted()).isEqualTo(pruned.deleted()).hasSize(1);
    assertThat(run.deployment.backups().list()).hasSize(2);
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }

  private static StepReport step(RunReport report, String name) {
    return report.steps().stream()
        .filter(s -> s.name().equals(name) && s.status().equals("succeeded"))
        .reduce((first, second) -> second)
        .orElseThrow(
            () -> new AssertionError("no succeeded step " + name + " in " + report.steps()));
  }

  /** A file store and a dump/load store beside the database; retention keeps one run's backups. */
  private void withStores(boolean snapshot, String scratchLoad, RunListener listener) {
    String stores =
        """
        stores:
          - name: uploads
            files: {path: uploads}
          - name: graph
            command:
              dump: 'cp -a %1$s/. {dir}/'
              load: 'rm -rf %1$s && mkdir %1$s && cp -a {dir}/. %1$s/'
              %2$s
        backup:
          snapshot: %3$s
          retention: {keepLast: 1, keepRuns: 1}
        """
            .formatted(graph, scratchLoad, snapshot);
    run.reconfigure(config -> config.replace("backup:\n  format: custom\n", stores), listener);
  }

  /** Files the failing release writes while it runs, after the backup was taken. */
  private RunListener writesDuringTheUpgrade() {
    return new RunListener() {
      @Override
      public void stepStarted(Phase phase, int number, int total, String description) {
        if (phase == Phase.FORWARD && description.startsWith("Apply the database migrations")) {
          try {
            Files.writeString(uploads.resolve("written-by-2.0.0.txt"), "lost on rollback");
            Files.writeString(uploads.resolve("a.txt"), "overwritten by 2.0.0");
            Files.writeString(graph.resolve("nodes.db"), "graph data written by 2.0.0");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }
}
