package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.MigrationsConfig.StartupWatch;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.plan.GateResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerGateTest {
  private static final String NAME = "migration runner";

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
  void check_lockstepRuns_passes() {
    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "Lockstep applies the SQL migrations (Flyway)"));
  }

  @Test
  void check_productCommandConfigured_passesNamingIt() {
    migratedBy(MigrationRunnerKind.COMMAND);
    fixture.migrations = migrations("./migrate {version}", null);

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "the product's command: ./migrate {version}"));
  }

  @Test
  void check_productCommandNotConfigured_isInvalid() {
    migratedBy(MigrationRunnerKind.COMMAND);

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(
            GateResult.invalid(
                NAME,
                "release 1.1.0 migrates with the product's own command, but the config has no"
                    + " migrations.command.",
                "set migrations.command, e.g. docker compose --profile deploy run --rm migrate,"
                    + " or, with the compose target, target.compose.migrate."));
  }

  @Test
  void check_composeTargetWithItsMigrateService_passesNamingIt() {
    migratedBy(MigrationRunnerKind.COMMAND);
    fixture.targetType = TargetType.COMPOSE;
    fixture.compose =
        new ComposeConfig(
            "notes",
            List.of(Path.of("compose.yaml")),
            List.of(),
            List.of(),
            Path.of(".env.images"),
            "migrate",
            List.of(),
            Duration.ofMinutes(2));

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "the compose target's one-shot service migrate"));
  }

  @Test
  void check_composeImagesGate_leavesOtherTargetsOut() {
    assertThat(fixture.check(new ComposeImagesGate())).isNull();
  }

  @Test
  void check_startupWatched_passesNamingTheService() {
    migratedBy(MigrationRunnerKind.STARTUP);
    fixture.migrations = migrations(null, new StartupWatch("api", "migrated", "failed", null));

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "the product migrates on start-up; watching api"));
  }

  @Test
  void check_startupNotWatched_isInvalid() {
    migratedBy(MigrationRunnerKind.STARTUP);

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(
            GateResult.invalid(
                NAME,
                "release 1.1.0 migrates when it starts, but the config has no migrations.startup"
                    + " to watch it.",
                "set migrations.startup: {service, success, failure} (and log for the command"
                    + " target)."));
  }

  @Test
  void check_startupOnTheCommandTargetWithoutALog_isInvalid() {
    migratedBy(MigrationRunnerKind.STARTUP);
    fixture.targetType = TargetType.COMMAND;
    fixture.migrations = migrations(null, new StartupWatch("api", "migrated", "failed", null));

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(
            GateResult.invalid(
                NAME,
                "the product migrates when it starts, but with the command target Lockstep cannot"
                    + " read its log without migrations.startup.log.",
                "set migrations.startup.log, e.g. journalctl -u my-service --since -15min"
                    + " --no-pager."));
  }

  @Test
  void check_startupOnTheCommandTargetWithALog_passes() {
    migratedBy(MigrationRunnerKind.STARTUP);
    fixture.targetType = TargetType.COMMAND;
    fixture.migrations =
        migrations(null, new StartupWatch("api", "migrated", "failed", "journalctl -u api"));

    GateResult result = fixture.check(new MigrationRunnerGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "the product migrates on start-up; watching api"));
  }

  private void migratedBy(MigrationRunnerKind runner) {
    fixture.target = GateFixture.withRunner(fixture.target, runner);
  }

  private static MigrationsConfig migrations(String command, StartupWatch startup) {
    return new MigrationsConfig(
        "lockstep_schema_history",
        Duration.ZERO,
        Duration.ofSeconds(5),
        5,
        command,
        startup,
        Duration.ofMinutes(10));
  }
}
