package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The sample product as a Docker Compose project on the real container engine (Podman behind the
 * Docker API, driven by Docker Compose v2): upgrades, a failing contract upgrade rolled back by
 * restoring the backup and putting the previous images back, a migrate container that fails, and an
 * image that is missing. The images are built once per run ({@link ComposeImages}).
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class ComposeStoryTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  ComposeDeployment sample;
  Deployment deployment;

  @BeforeEach
  void deploy() {
    sample =
        ComposeSample.create(
            PostgresExtension.server(),
            "compose_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    deployment = Deployment.open(sample.config(), EngineOptions.quiet());
  }

  @AfterEach
  void tearDown() {
    try {
      deployment.close();
    } finally {
      sample.close();
    }
  }

  @Test
  void upgrades_pinTheReleasesImages_andStatusReadsTheVersionFromTheEngine() throws IOException {
    RunReport installed = upgrade("1.0.0");
    assertThat(installed.exitCode()).as(installed.toString()).isZero();
    long id = sample.notes().write("first", "one two three", null);

    RunReport report = upgrade("1.1.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    assertThat(report.migrations()).extracting(m -> m.version()).containsExactly("2");
    StatusReport status = deployment.status();
    assertThat(status.installed()).isEqualTo("1.1.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
    assertThat(sample.compose("ps", "--format", "{{.Service}} {{.Image}}"))
        .contains("api localhost/lockstep-notes/api:1.1.0")
        .contains("worker localhost/lockstep-notes/worker:1.1.0");
    Path pins = sample.folder().resolve("images.env");
    assertThat(Files.readString(pins))
        .contains("NOTES_API_IMAGE=localhost/lockstep-notes/api:1.1.0")
        .contains("NOTES_WORKER_IMAGE=localhost/lockstep-notes/worker:1.1.0");
    assertThat(Files.readString(sample.folder().resolve("images.env.previous")))
        .contains("NOTES_API_IMAGE=localhost/lockstep-notes/api:1.0.0");
    assertThat(sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  @Test
  void aContractUpgradeFailingItsCheck_restoresTheBackupAndPutsThePreviousImagesBack()
      throws SQLException, IOException {
    upgrade("1.1.0");
    List<Long> written = new ArrayList<>();
    written.add(sample.notes().write("untagged", "breaks 2.0.0", null));
    written.add(sample.notes().write("tagged", "fine", "a,b"));

    RunReport report = upgrade("2.0.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
    assertThat(deployment.status().services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
    assertThat(sample.compose("ps", "--format", "{{.Service}} {{.Image}}"))
        .contains("api localhost/lockstep-notes/api:1.1.0");
    assertThat(Files.readString(sample.folder().resolve("images.env")))
        .contains("NOTES_MIGRATE_IMAGE=localhost/lockstep-notes/migrate:1.1.0")
        .doesNotContain("2.0.0");
    assertThat(columnsOfNotes()).contains("body").doesNotContain("content");
    assertThat(sample.notes().list()).extracting(NotesClient.Note::id).containsAll(written);
  }

  @Test
  void aMigrateContainerThatFails_stopsTheRunBeforeTheAppIsUpgraded_andRollsBack()
      throws SQLException {
    upgrade("1.1.0");
    long id = sample.notes().write("kept", "through a failed migration", null);
    // 2.0.0's V3 renames body to content: a column of that name already there makes it fail.
    execute("ALTER TABLE notes ADD COLUMN content text");

    RunReport report =
        deployment.upgrade(Version.parse("2.0.0"), new UpgradeOptions(null, true, false));

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.steps())
        .filteredOn(step -> step.name().equals("migrate"))
        .singleElement()
        .satisfies(step -> assertThat(step.status()).isEqualTo("failed"));
    assertThat(report.steps())
        .filteredOn(step -> step.phase().equals("forward"))
        .extracting(step -> step.name())
        .endsWith("migrate")
        .doesNotContain("install");
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
    assertThat(sample.compose("ps", "--format", "{{.Service}} {{.Image}}"))
        .contains("api localhost/lockstep-notes/api:1.1.0");
    assertThat(sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  @Test
  void aReleaseWhoseImageIsMissing_isRefusedBeforeAnythingIsStopped() throws IOException {
    upgrade("1.1.0");
    Path release = sample.folder().resolve("releases/1.2.0");
    Files.createDirectories(release);
    Files.writeString(
        release.resolve("release.yaml"),
        Files.readString(sample.folder().resolve("releases/1.1.0/release.yaml"))
            .replace("version: 1.1.0", "version: 1.2.0")
            .replace("api:1.1.0", "api:9.9.9-missing"));
    String before = sample.compose("ps", "--format", "{{.ID}}");

    assertThatThrownBy(() -> upgrade("1.2.0"))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("localhost/lockstep-notes/api:9.9.9-missing");

    assertThat(sample.compose("ps", "--format", "{{.ID}}")).isEqualTo(before);
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
  }

  /** An upgrade as `lockstep upgrade` runs it: Lockstep opened anew for the run. */
  private RunReport upgrade(String version) {
    return upgrade(version, UpgradeOptions.defaults());
  }

  private RunReport upgrade(String version, UpgradeOptions options) {
    deployment.close();
    deployment = Deployment.open(sample.config(), EngineOptions.quiet());
    return deployment.upgrade(Version.parse(version), options);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = new Database(deployment.config().database()).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> columnsOfNotes() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = new Database(deployment.config().database()).connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'notes'")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }
}
