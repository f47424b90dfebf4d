package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.rehearsal.RehearsalReport;
import dev.lockstep.engine.release.ReleaseLintReport;
import dev.lockstep.engine.release.ReleaseLinter;
import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.engine.schema.SchemaDrift;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Knowing what a migration changed: measured classes outrank declared ones, drift is refused,
 * rehearsals prove forward compatibility on a copy, and the vendor's lint catches a wrong class.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class MigrationInsightTest {
  SampleRun run;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
  }

  @AfterEach
  void tearDown() {
    run.close();
  }

  @Test
  void upgrade_releaseCallingAContractChangeExpand_stopsBeforeDeployingAndRestores()
      throws IOException {
    upgrade("1.1.0");
    long id = run.sample.notes().write("tagged", "kept", "a");
    declareV3("expand");

    RunReport report = upgrade("2.0.0");

    assertThat(report.exitCode()).isEqualTo(3);
    StepReport migrate =
        report.steps().stream().filter(s -> s.name().equals("migrate")).findFirst().orElseThrow();
    assertThat(migrate.status()).isEqualTo("failed");
    assertThat(migrate.detail())
        .contains("declares its migrations expand, but the schema change they made is contract")
        .contains("body was renamed to content");
    assertThat(report.steps())
        .filteredOn(s -> s.phase().equals("forward"))
        .extracting(StepReport::name)
        .doesNotContain("install", "start-services");
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().reason()).contains("measured is contract");
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  @Test
  void upgrade_afterAHandMadeSchemaChange_isRefusedAsDriftUnlessAllowed() {
    upgrade("1.0.0");
    Sql.execute(run.deployment.config().database(), "ALTER TABLE notes ADD COLUMN hotfix text");

    DriftReport drift = new SchemaDrift(run.deployment.config(), null).measure();
    assertThat(drift.drifted()).isTrue();
    assertThat(drift.changes().get(0).reason()).contains("public.notes.hotfix");
    assertThatThrownBy(() -> upgrade("1.1.0"))
        .isInstanceOf(GateBlockedException.class)
        .hasMessageContaining("no schema drift")
        .hasMessageContaining("public.notes.hotfix");

    RunReport allowed =
        run.deployment.upgrade(Version.parse("1.1.0"), new UpgradeOptions(null, true, false));

    assertThat(allowed.exitCode()).isZero();
    assertThat(new SchemaDrift(run.deployment.config(), null).measure().drifted()).isFalse();
  }

  @Test
  void rehearse_expandRelease_provesTheInstalledReleaseWorksOnTheNewSchema() {
    upgrade("1.0.0");
    run.sample.notes().write("before", "the rehearsal", null);

    RehearsalReport rehearsal = run.deployment.rehearse(Version.parse("1.1.0"));

    assertThat(rehearsal.forwardCompatible()).isTrue();
    assertThat(rehearsal.measured()).isEqualTo(MigrationClass.EXPAND);
    assertThat(rehearsal.migrationsApplied()).containsExactly("2");
    assertThat(rehearsal.migrationTime()).isPositive();
    assertThat(rehearsal.tables()).extracting(t -> t.table()).contains("public.notes");
    assertThat(rehearsal.checks()).hasSize(3).allMatch(c -> c.passed());
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");
    RunReport upgraded =
        run.deployment.upgrade(Version.parse("1.1.0"), new UpgradeOptions(null, false, true));
    assertThat(upgraded.exitCode()).isZero();
  }

  @Test
  void rehearse_contractRelease_showsTheInstalledReleaseFailsAndLeavesProductionAlone() {
    upgrade("1.1.0");
    long id = run.sample.notes().write("tagged", "still here", "x");

    RehearsalReport rehearsal = run.deployment.rehearse(Version.parse("2.0.0"));

    assertThat(rehearsal.forwardCompatible()).isFalse();
    assertThat(rehearsal.measured()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(rehearsal.checks()).anyMatch(c -> !c.passed());
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
    assertThat(
            Sql.queryLong(
                run.deployment.config().database(),
                "SELECT count(*) FROM pg_database WHERE datname = '"
                    + run.deployment.config().rehearsal().database()
                    + "'"))
        .isZero();
    assertThatThrownBy(
            () ->
                run.deployment.upgrade(
                    Version.parse("2.0.0"), new UpgradeOptions(null, false, true)))
        .isInstanceOf(GateBlockedException.class)
        .hasMessageContaining("did not pass");
  }

  @Test
  void releaseLint_observed_catchesAContractMigrationDeclaredExpand() throws IOException {
    declareV3("expand");

    ReleaseLintReport report =
        new ReleaseLinter()
            .observe(
                new ManifestLoader()
                    .load(run.sample.folder().resolve("releases/2.0.0/release.yaml")),
                null);

    assertThat(report.failed()).isTrue();
    assertThat(report.migrations().get(2).misclassified()).isTrue();
    assertThat(report.migrations().get(2).findings())
        .extracting(f -> f.rule())
        .contains("rename-column");
    assertThat(report.migrations().get(0).misclassified()).isFalse();
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }

  /** The vendor's mistake: V3 renames a column, but the manifest says it is expand. */
  private void declareV3(String type) throws IOException {
    Path manifest = run.sample.folder().resolve("releases/2.0.0/release.yaml");
    String text = Files.readString(manifest);
    int v3 = text.indexOf("V3__rename_body_to_content.sql");
    int classAt = text.indexOf("class: contract", v3);
    Files.writeString(
        manifest, text.substring(0, classAt) + "class: " + type + text.substring(classAt + 15));
  }
}
