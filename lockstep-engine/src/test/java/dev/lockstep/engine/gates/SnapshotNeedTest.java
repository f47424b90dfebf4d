package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotNeedTest {
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
  void of_expandDeclaredAndNoRehearsal_takesTheSnapshot() {
    assertThat(need()).isEqualTo(new SnapshotNeed(true, null));
  }

  @Test
  void of_expandDeclaredAndRehearsalMeasuredExpand_skipsSayingWhy() {
    String id = rehearsed(RunStatus.SUCCEEDED, "EXPAND", "[\"2\"]");

    SnapshotNeed need = need();

    assertThat(need.take()).isFalse();
    assertThat(need.planNote())
        .isEqualTo(
            "snapshot skipped: every pending migration is proven expand (V2 add note tags"
                + " declared expand; rehearsal "
                + id
                + " measured expand), so a rollback is a revert; the verified backup stays");
  }

  @Test
  void of_rehearsalMeasuredContract_takesTheSnapshot() {
    rehearsed(RunStatus.SUCCEEDED, "CONTRACT", "[\"2\"]");

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_rehearsalFailed_takesTheSnapshot() {
    rehearsed(RunStatus.FAILED, "EXPAND", "[\"2\"]");

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_rehearsalAppliedLessThanIsPending_takesTheSnapshot() {
    rehearsed(RunStatus.SUCCEEDED, "EXPAND", "[]");

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_aPendingMigrationDeclaredContract_takesTheSnapshotWhateverTheRehearsal() {
    fixture.target =
        fixture.release(
            "1.1.0",
            List.of(
                GateFixture.V1,
                new MigrationScript("2", "drop body", null, MigrationClass.CONTRACT)));
    rehearsed(RunStatus.SUCCEEDED, "EXPAND", "[\"2\"]");

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_nothingPendingWithLockstepsRunner_skips() {
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of("1", "2"));

    SnapshotNeed need = need();

    assertThat(need.take()).isFalse();
    assertThat(need.planNote()).startsWith("snapshot skipped: no migration is pending");
  }

  @Test
  void of_nothingPendingWithTheProductsRunner_takesTheSnapshot() {
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of("1", "2"));
    fixture.target = GateFixture.withRunner(fixture.target, MigrationRunnerKind.COMMAND);

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_firstInstall_takesTheSnapshot() {
    fixture.previous = null;
    fixture.installedVersion = null;

    assertThat(need().take()).isTrue();
  }

  @Test
  void of_snapshotsOff_skipsWithoutANote() {
    SnapshotNeed need = SnapshotNeed.of(context(fixture.config(), false));

    assertThat(need.take()).isFalse();
    assertThat(need.planNote()).isNull();
  }

  private SnapshotNeed need() {
    return SnapshotNeed.of(context(fixture.config(), true));
  }

  private GateContext context(DeploymentConfig config, boolean snapshot) {
    BackupConfig b = config.backup();
    DeploymentConfig withSnapshot =
        DeploymentConfig.builder()
            .file(config.file())
            .environment(config.environment())
            .stateDir(config.stateDir())
            .releases(config.releases())
            .database(config.database())
            .migrations(config.migrations())
            .target(config.target())
            .services(config.services())
            .checks(config.checks())
            .stores(config.stores())
            .backup(
                new BackupConfig(
                    b.dir(),
                    b.format(),
                    b.jobs(),
                    b.compression(),
                    b.encryptionKey(),
                    snapshot,
                    b.retention()))
            .rehearsal(config.rehearsal())
            .drift(config.drift())
            .build();
    return new GateContext(
        withSnapshot,
        fixture.journal,
        fixture.installedVersion,
        fixture.previous,
        fixture.target,
        fixture.database,
        fixture.options);
  }

  private String rehearsed(RunStatus status, String measured, String applied) {
    String id = fixture.journal.startRun(RunKind.REHEARSAL, "test", "1.0.0", "1.1.0").id();
    fixture.journal.recordFact(id, "rehearsal.measured", measured);
    fixture.journal.recordFact(id, "rehearsal.applied", applied);
    fixture.journal.finishRun(id, status, "done");
    return id;
  }
}
