package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandSecretsRuleTest {
  private static final String PASSWORD = "s3cret-pw";
  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static final String COMMAND_TARGET =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      backup: {encryption: {key: {env: BACKUP_KEY}}}
      target: {type: command}
      services:
        api:
          stop: STOP
          install: INSTALL
          start: START
          version: VERSION
      migrations:
        command: MIGRATE
        startup: {service: api, success: ok, failure: failed, log: LOG}
      checks:
        - name: db
          command: {run: CHECK}
      stores:
        - name: graph
          command: {dump: "DUMP {dir}", load: "LOAD {dir}", scratchLoad: "SCRATCH {dir} {scratch}"}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader =
      new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", PASSWORD, "BACKUP_KEY", KEY)));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "STOP, services.api.stop",
    "INSTALL, services.api.install",
    "START, services.api.start",
    "VERSION, services.api.version",
    "MIGRATE, migrations.command",
    "LOG, migrations.startup.log",
    "CHECK, checks[0].command.run",
    "DUMP, stores[0].command.dump",
    "LOAD, stores[0].command.load",
    "SCRATCH, stores[0].command.scratchLoad"
  })
  void load_aPasswordInAnyCommand_isRefusedNamingTheFieldAndTheSafeWay(String token, String field)
      throws IOException {
    Path file = write(COMMAND_TARGET.replace(token, "psql postgres://notes:" + PASSWORD + "@db"));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .satisfies(
            e -> {
              Problem problem = ((BadInputException) e).problems().get(0);
              assertThat(problem.field()).isEqualTo(field);
              assertThat(problem.message()).contains("the database password on a command line");
              assertThat(problem.fix()).contains("PGPASSFILE");
              assertThat(e.getMessage()).doesNotContain(PASSWORD);
            });
  }

  @Test
  void load_theBackupKeyInACommand_isRefusedToo() throws IOException {
    Path file = write(COMMAND_TARGET.replace("DUMP", "encrypt --key " + KEY));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("stores[0].command.dump")
        .hasMessageContaining("the backup encryption key on a command line");
  }

  @Test
  void load_aPasswordInAProcessServicesEnv_isTheOperatorsChoice_butNotInItsRun()
      throws IOException {
    String process =
        """
        environment: staging
        database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
        target: {type: process}
        services:
          api:
            run: [java, -jar, app.jar]
            env: {DB_PASSWORD: "${DB_PASSWORD}"}
        """;
    assertThat(loader.load(write(process)).services().get("api").env())
        .containsEntry("DB_PASSWORD", PASSWORD);

    Path refused = write(process.replace("app.jar]", "app.jar, \"${DB_PASSWORD}\"]"));

    assertThatThrownBy(() -> loader.load(refused))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api.run[3]")
        .hasMessageContaining("services.<name>.env");
  }

  @Test
  void load_commandsWithoutSecrets_areAccepted() throws IOException {
    assertThat(loader.load(write(COMMAND_TARGET)).checks()).hasSize(1);
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
