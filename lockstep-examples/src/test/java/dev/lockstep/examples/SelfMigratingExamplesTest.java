package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.migrations.MigrationsReport.Applied;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two examples in {@code examples/self-migrating} as an operator would run them: the ledger
 * product migrating as it starts ({@code runner: startup}) and by its own migrate command ({@code
 * runner: command}), each installed at 1.0.0 and upgraded to 1.1.0 on a real PostgreSQL, its
 * Liquibase-style history read as it is.
 */
@ExtendWith(PostgresExtension.class)
class SelfMigratingExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "self-migrating");
  private static final String FIRST = "db/changelog.yaml::1::ledger";
  private static final String SECOND = "db/changelog.yaml::2::ledger";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"startup", "command"})
  void example_installsThenUpgrades_readingItsLiquibaseHistory(String runner) throws Exception {
    DeploymentConfig config = deploy(runner, "ledger_" + runner, true);

    try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
      try {
        RunReport install = deployment.upgrade(Version.parse("1.0.0"));
        assertThat(install.exitCode()).as(install.summary()).isZero();

        RunReport upgrade = deployment.upgrade(Version.parse("1.1.0"));

        assertThat(upgrade.exitCode()).as(upgrade.summary()).isZero();
        assertThat(upgrade.migrations())
            .extracting(MigrationReport::version)
            .containsExactly(SECOND);
        assertThat(deployment.status().installed()).isEqualTo("1.1.0");
        assertThat(deployment.migrations(null, null).tables())
            .singleElement()
            .satisfies(
                table -> {
                  assertThat(table.format()).isEqualTo("liquibase");
                  assertThat(table.applied())
                      .extracting(Applied::id)
                      .containsExactly(FIRST, SECOND);
                  assertThat(table.dirty()).isEmpty();
                });
      } finally {
        deployment.stopServices();
      }
    }
  }

  @Test
  void plan_roleWithoutCreatedb_isBlockedBeforeAnythingRunsWithTheAlterRoleToRun()
      throws Exception {
    DeploymentConfig config = deploy("command", "ledger_nocreatedb", false);

    try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
      Plan plan = deployment.plan(Version.parse("1.0.0"));

      assertThat(plan.blockingGates())
          .singleElement()
          .satisfies(
              gate -> {
                assertThat(gate.gate()).isEqualTo("database privileges");
                assertThat(gate.message()).contains("cannot create databases");
                assertThat(gate.fix())
                    .endsWith("ALTER ROLE \"" + config.database().user() + "\" CREATEDB;");
              });
      assertThatThrownBy(() -> deployment.upgrade(Version.parse("1.0.0")))
          .isInstanceOf(GateBlockedException.class);
      assertThat(config.stateDir()).doesNotExist();
    }
  }

  /** A role and database for the example's ledger, and the example's config pointed at them. */
  private DeploymentConfig deploy(String runner, String hint, boolean createdb) throws Exception {
    String name = hint + "_" + ProcessHandle.current().pid();
    Secret password = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    ThrowawayPostgres server = PostgresExtension.server();
    createRoleAndDatabase(server, name, password, createdb);
    Path folder = copy(EXAMPLES.resolve(runner), dir.resolve(hint));
    return new ConfigLoader(
            Variables.of(
                Map.of(
                    "LEDGER_PG_PORT", String.valueOf(server.port()),
                    "LEDGER_DB_NAME", name,
                    "LEDGER_DB_USER", name,
                    "LEDGER_DB_PASSWORD", password.reveal(),
                    "PSQL", PgTools.find().psql().toString())))
        .load(folder.resolve("lockstep.yaml"));
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  private static void createRoleAndDatabase(
      ThrowawayPostgres server, String name, Secret password, boolean createdb)
      throws SQLException {
    server.createRole(name, password, createdb);
    try (Connection connection = new Database(server.database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + name);
    }
  }
}
