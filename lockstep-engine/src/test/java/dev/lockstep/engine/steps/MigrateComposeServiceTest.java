package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import dev.lockstep.targets.compose.ComposeTarget;
import dev.lockstep.targets.testing.ComposeEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the compose target, {@code target.compose.migrate} set and {@code migrations.command} not,
 * the migrate step runs the compose one-shot service on the real engine.
 */
@ExtendWith(PostgresExtension.class)
class MigrateComposeServiceTest {
  @TempDir Path dir;
  private final Journal journal = Journal.empty();
  private final String project = "lockstep-test-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void engine() {
    ComposeEngine.require();
  }

  @AfterEach
  void close() {
    ComposeEngine.down(dir, project);
    journal.close();
  }

  @Test
  void run_migrateServiceExitsNonZero_failsWithItsExitCodeAndOutput(DatabaseConfig db)
      throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)",
        "INSERT INTO schema_migrations VALUES (1, false)");
    Files.writeString(
        dir.resolve("compose.yaml"),
        """
        services:
          migrate:
            image: ${API_IMAGE}
            profiles: [tools]
            command: ["/bin/sh", "-c", "echo applying 2; echo 'ERROR: relation tags exists' >&2; exit 4"]
        """);
    Files.writeString(dir.resolve(".env.images"), "API_IMAGE=" + ComposeEngine.IMAGE_1 + "\n");
    DeploymentConfig config = config(db);
    Toolbox tools =
        new Toolbox(config, new ComposeTarget(config), null, null, null, null, Clock.systemUTC());
    RunFacts facts =
        new RunFacts(journal, journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id());

    assertThatThrownBy(() -> new MigrateCommandStep(tools, release()).run(facts))
        .isInstanceOf(LockstepException.class)
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.MIGRATION_FAILED))
        .hasMessageContaining("failed with exit code 4")
        .hasMessageContaining("-p " + project)
        .hasMessageContaining("run --name … migrate")
        .hasMessageContaining("ERROR: relation tags exists");
    assertThat(config.logsDir().resolve("migrate.log")).content().contains("applying 2");
  }

  private DeploymentConfig config(DatabaseConfig db) {
    ComposeConfig compose =
        new ComposeConfig(
            project,
            List.of(dir.resolve("compose.yaml")),
            List.of(),
            List.of(),
            dir.resolve(".env.images"),
            "migrate",
            List.of(),
            Duration.ofMinutes(1));
    return DeploymentConfig.builder()
        .file(dir.resolve("lockstep.yaml"))
        .environment("test")
        .stateDir(dir.resolve("state"))
        .releases(dir.resolve("releases"))
        .database(db)
        .migrations(
            new MigrationsConfig(
                "lockstep_schema_history",
                Duration.ZERO,
                Duration.ofSeconds(5),
                5,
                null,
                null,
                Duration.ofMinutes(2)))
        .target(new TargetConfig(TargetConfig.TargetType.COMPOSE, "sh", compose))
        .stores(List.of(StoreConfig.postgres("app", db)))
        .backup(
            new BackupConfig(
                dir.resolve("backups"), BackupConfig.DumpFormat.CUSTOM, 1, null, null, true, null))
        .build();
  }

  /** 1.1.0 declares golang-migrate versions 1 and 2; the database has 1. */
  private ReleaseManifest release() {
    return new ReleaseManifest(
        dir.resolve("releases/1.1.0/release.yaml"),
        "notes",
        Version.parse("1.1.0"),
        Map.of(),
        null,
        List.of(
            new MigrationScript("1", "create notes", null, MigrationClass.EXPAND),
            new MigrationScript("2", "add tags", null, MigrationClass.EXPAND)),
        null,
        MigrationRunnerKind.COMMAND,
        new HistoryRef("golang-migrate", null),
        null);
  }
}
