package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final String VALID =
      """
      environment: staging
      database:
        name: notes
        user: notes
        password: {env: DB_PASSWORD}
      target:
        type: process
      services:
        api:
          run: [java, -jar, "{artifact}", --port, "${API_PORT:-8081}"]
          stopTimeout: 5s
      checks:
        - name: health
          http:
            url: http://127.0.0.1:8081/.status
            assertions: ['$.status == "ok"']
          retries: 2
      """;

  @TempDir Path dir;

  private final ConfigLoader loader =
      new ConfigLoader(
          Variables.of(
              Map.of(
                  "DB_PASSWORD", "s3cret-pw",
                  "SHORT_KEY", "c2hvcnQ=",
                  "BACKUP_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")));

  @Test
  void load_appliesDefaultsAndResolvesPaths() throws IOException {
    DeploymentConfig config = loader.load(write(VALID));

    assertThat(config.environment()).isEqualTo("staging");
    assertThat(config.stateDir()).isEqualTo(dir.resolve(".lockstep"));
    assertThat(config.releases()).isEqualTo(dir.resolve("releases"));
    assertThat(config.database().port()).isEqualTo(5432);
    assertThat(config.database().password().reveal()).isEqualTo("s3cret-pw");
    assertThat(config.database().toString()).doesNotContain("s3cret-pw");
    ServiceConfig api = config.services().get("api");
    assertThat(api.component()).isEqualTo("api");
    assertThat(api.nodes()).containsExactly("local");
    assertThat(api.run()).containsExactly("java", "-jar", "{artifact}", "--port", "8081");
    assertThat(api.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
    CheckConfig health = config.checks().get(0);
    assertThat(health.http().method()).isEqualTo("GET");
    assertThat(health.http().expectStatus()).isEqualTo(200);
    assertThat(health.http().assertions().get(0).path()).isEqualTo("$.status");
    assertThat(health.retries()).isEqualTo(2);
    assertThat(config.migrations().historyTable()).isEqualTo("lockstep_schema_history");
  }

  @Test
  void load_storesAndBackupSettings() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                VALID
                    + """
                    stores:
                      - name: analytics
                        postgres: {database: analytics}
                      - name: uploads
                        files: {path: uploads}
                      - name: graph
                        command:
                          dump: graph-dump --to {dir}
                          load: graph-load --from {dir}
                    backup:
                      format: custom
                      jobs: 4
                      compression: 0
                      encryption: {key: {env: BACKUP_KEY}}
                      snapshot: false
                      retention: {keepLast: 2, keepRuns: 1}
                    """));

    assertThat(config.stores())
        .extracting(StoreConfig::name, StoreConfig::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("notes", StoreConfig.Kind.POSTGRES),
            org.assertj.core.groups.Tuple.tuple("analytics", StoreConfig.Kind.POSTGRES),
            org.assertj.core.groups.Tuple.tuple("uploads", StoreConfig.Kind.FILES),
            org.assertj.core.groups.Tuple.tuple("graph", StoreConfig.Kind.COMMAND));
    assertThat(config.stores().get(1).database().name()).isEqualTo("analytics");
    assertThat(config.stores().get(1).database().password().reveal()).isEqualTo("s3cret-pw");
    assertThat(config.stores().get(2).path()).isEqualTo(dir.resolve("uploads"));
    BackupConfig backup = config.backup();
    assertThat(backup.format()).isEqualTo(BackupConfig.DumpFormat.CUSTOM);
    assertThat(backup.jobs()).isEqualTo(4);
    assertThat(backup.compression()).isZero();
    assertThat(backup.encrypted()).isTrue();
    assertThat(EncryptionKey.decode(backup.encryptionKey().reveal())).isPresent();
    assertThat(backup.snapshot()).isFalse();
    assertThat(backup.retention()).isEqualTo(new BackupConfig.Retention(2, 1));
  }

  @Test
  void load_backupDefaults_directoryFormatOneJobPerCoreAndSnapshots() throws IOException {
    BackupConfig backup = loader.load(write(VALID)).backup();

    assertThat(backup.format()).isEqualTo(BackupConfig.DumpFormat.DIRECTORY);
    assertThat(backup.jobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(backup.snapshot()).isTrue();
    assertThat(backup.encrypted()).isFalse();
  }

  @Test
  void load_readsThePasswordFromAFile() throws IOException {
    Files.writeString(dir.resolve("db.secret"), "from-file\n");
    DeploymentConfig config =
        loader.load(write(VALID.replace("{env: DB_PASSWORD}", "{file: db.secret}")));

    assertThat(config.database().password().reveal()).isEqualTo("from-file");
  }

  @Test
  void load_missingFile_namesTheFile() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("does not exist");
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("malformed YAML", "environment: [staging\n", "", "not valid YAML"),
        Arguments.of(
            "unknown field, with a suggestion",
            VALID.replace("stopTimeout: 5s", "stopTimout: 5s"),
            "services.api",
            "did you mean 'stopTimeout'"),
        Arguments.of(
            "wrong type",
            VALID.replace("retries: 2", "retries: many"),
            "checks[0].retries",
            "whole number"),
        Arguments.of(
            "missing environment",
            VALID.replace("environment: staging\n", ""),
            "environment",
            "required"),
        Arguments.of(
            "password written in the file",
            VALID.replace("{env: DB_PASSWORD}", "hunter2"),
            "database.password",
            "must not be written in the config"),
        Arguments.of(
            "password variable not set",
            VALID.replace("{env: DB_PASSWORD}", "{env: NOT_SET_ANYWHERE}"),
            "database.password.env",
            "NOT_SET_ANYWHERE"),
        Arguments.of(
            "unset environment variable",
            VALID.replace("${API_PORT:-8081}", "${API_PORT}"),
            "services.api.run[4]",
            "API_PORT"),
        Arguments.of(
            "bad duration",
            VALID.replace("stopTimeout: 5s", "stopTimeout: five seconds"),
            "services.api.stopTimeout",
            "not a duration"),
        Arguments.of(
            "unknown target type",
            VALID.replace("type: process", "type: kubernetes-ish"),
            "target.type",
            "not a target type"),
        Arguments.of(
            "process service without run",
            VALID.replace(
                "run: [java, -jar, \"{artifact}\", --port, \"${API_PORT:-8081}\"]",
                "component: api"),
            "services.api.run",
            "required for the process target"),
        Arguments.of(
            "unknown placeholder",
            VALID.replace("{artifact}", "{artefact}"),
            "services.api.run[2]",
            "{artefact}"),
        Arguments.of(
            "check without http or command",
            VALID.replace(
                "    http:\n      url: http://127.0.0.1:8081/.status\n      assertions: ['$.status == \"ok\"']\n",
                ""),
            "checks[0]",
            "exactly one of http or command"),
        Arguments.of(
            "not an http URL",
            VALID.replace("http://127.0.0.1:8081/.status", "ftp://host/x"),
            "checks[0].http.url",
            "not an http(s) URL"),
        Arguments.of(
            "assertion that does not parse",
            VALID.replace("'$.status == \"ok\"'", "'status is ok'"),
            "checks[0].http.assertions[0]",
            "not an assertion"),
        Arguments.of(
            "port out of range",
            VALID.replace("  user: notes\n", "  user: notes\n  port: 70000\n"),
            "database.port",
            "not a TCP port"),
        Arguments.of(
            "password on a command line",
            VALID.replace("--port", "--password=s3cret-pw"),
            "services.api",
            "password on a command line"),
        Arguments.of(
            "command-target field on a process service",
            VALID.replace("    stopTimeout: 5s", "    stopTimeout: 5s\n    stop: systemctl stop x"),
            "services.api.stop",
            "belongs to the command target"),
        Arguments.of(
            "no services",
            VALID.substring(0, VALID.indexOf("services:")) + "services: {}\n",
            "services",
            "required"),
        Arguments.of("empty file", "", "", "is empty"),
        Arguments.of("a list instead of a mapping", "- a\n- b\n", "", "must be a mapping"),
        Arguments.of(
            "bad history table name",
            VALID + "migrations:\n  historyTable: \"drop table x;\"\n",
            "migrations.historyTable",
            "not a plain table name"),
        Arguments.of(
            "bad backup format",
            VALID + "backup:\n  format: zip\n",
            "backup.format",
            "directory or custom"),
        Arguments.of(
            "store with two kinds",
            VALID + "stores:\n  - name: x\n    files: {path: /a}\n    postgres: {database: b}\n",
            "stores[0]",
            "exactly one of postgres, files or command"),
        Arguments.of(
            "store named like the database",
            VALID + "stores:\n  - name: notes\n    files: {path: /a}\n",
            "stores[0].name",
            "names two stores"),
        Arguments.of(
            "dump command without {dir}",
            VALID + "stores:\n  - name: graph\n    command: {dump: dump-it, load: 'load {dir}'}\n",
            "stores[0].command.dump",
            "does not use {dir}"),
        Arguments.of(
            "encryption key that is not 256 bits",
            VALID + "backup:\n  encryption: {key: {env: SHORT_KEY}}\n",
            "backup.encryption.key",
            "not a 256-bit key"),
        Arguments.of(
            "encryption key written in the file",
            VALID + "backup:\n  encryption: {key: abc}\n",
            "backup.encryption.key",
            "must not be written in the config"),
        Arguments.of(
            "compression out of range",
            VALID + "backup:\n  compression: 12\n",
            "backup.compression",
            "not a compression level"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void load_badInput_namesFileFieldAndFixWithExitCode2(
      String name, String yaml, String field, String message) throws IOException {
    Path file = write(yaml);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .satisfies(
            e -> {
              LockstepException failure = (LockstepException) e;
              assertThat(failure.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(failure.exitCode()).isEqualTo(2);
              assertThat(failure.getMessage())
                  .contains(file.toString())
                  .contains(field)
                  .contains(message)
                  .doesNotContain("s3cret-pw");
            });
  }

  @Test
  void load_reportsEveryProblemAtOnce() throws IOException {
    Path file =
        write(
            VALID
                .replace("environment: staging\n", "")
                .replace("stopTimeout: 5s", "stopTimeout: soon")
                .replace("type: process", "type: nope"));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .satisfies(e -> assertThat(((BadInputException) e).problems()).hasSize(3));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void load_oneDocumentWithItsMarkers_isAccepted() throws IOException {
    DeploymentConfig config = loader.load(write("---\n" + VALID + "...\n"));

    assertThat(config.environment()).isEqualTo("staging");
  }

  @Test
  void load_variableWhoseBytesWereNotUtf8_namesTheVariableAndTheField() throws IOException {
    ConfigLoader withBadBytes =
        new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw", "API_PORT", "80\uFFFD1")));

    assertThatThrownBy(() -> withBadBytes.load(write(VALID)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api.run[4]")
        .hasMessageContaining("environment variable API_PORT")
        .hasMessageContaining("not UTF-8")
        .hasMessageNotContaining("80\uFFFD1");
  }
}
