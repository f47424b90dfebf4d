package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.io.Json;
import dev.lockstep.examples.TallyDeployment;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code lockstep release lint}: its verdicts, the same in text and JSON, and its exit codes. */
@ExtendWith(PostgresExtension.class)
class ReleaseLintCommandTest {
  private static final String CREATE =
      "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(200), state text DEFAULT 'new');";
  private static final Map<String, String> SECOND_MIGRATION =
      Map.of(
          "holds", "ALTER TABLE orders ADD COLUMN paid_at date;",
          "undecided", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);",
          "misclassified", "ALTER TABLE orders RENAME COLUMN note TO remark;");

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run lint(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] command = new String[args.length + 2];
    command[0] = "release";
    command[1] = "lint";
    System.arraycopy(args, 0, command, 2, args.length);
    int exitCode = LockstepCli.run(command, new PrintWriter(out), new PrintWriter(err));
    return new Run(exitCode, out.toString(), err.toString());
  }

  private Path release(String version, String secondSql) throws IOException {
    Path folder = dir.resolve("releases").resolve(version);
    Files.createDirectories(folder.resolve("migrations"));
    Files.writeString(folder.resolve("migrations/V1__orders.sql"), CREATE);
    Files.writeString(folder.resolve("migrations/V2__change.sql"), secondSql);
    Files.writeString(
        folder.resolve("release.yaml"),
        String.join(
            "\n",
            "product: shop",
            "version: " + version,
            "components:",
            "  api:",
            "    image: example/api@sha256:" + "b".repeat(64),
            "migrations:",
            "  location: migrations",
            "  scripts:",
            "    - file: V1__orders.sql",
            "      class: expand",
            "    - file: V2__change.sql",
            "      class: expand",
            ""));
    return folder;
  }

  @Test
  void lint_withoutObserveOnAMigrationItCannotDecide_exits1AndNeverSaysOk() throws IOException {
    Path release = release("1.1.0", SECOND_MIGRATION.get("undecided"));

    Run run = lint(release.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .doesNotContain("OK: every migration")
        .contains("V2__change.sql: declared expand, read: cannot tell without running it")
        .contains("ALTER COLUMN public.orders.note TYPE varchar (20)")
        .contains("UNDECIDED (exit 1): not every class could be decided")
        .contains("--observe runs it and decides");
  }

  @ParameterizedTest
  @CsvSource({
    "holds, 0, HOLDS, OK:",
    "undecided, 1, UNDECIDED, UNDECIDED (exit 1)",
    "misclassified, 1, MISCLASSIFIED, FAILED (exit 1)"
  })
  void lint_asTextAndAsJson_sameVerdictAndExitCode(
      String scenario, int exitCode, String verdict, String closing) throws IOException {
    Path release = release("1.1.0", SECOND_MIGRATION.get(scenario));

    Run text = lint(release.toString());
    Run json = lint(release.toString(), "--output", "json");

    assertThat(text.exitCode()).isEqualTo(exitCode);
    assertThat(json.exitCode()).isEqualTo(exitCode);
    assertThat(text.out()).contains(closing);
    JsonNode result = Json.read(json.out(), JsonNode.class);
    assertThat(result.get("exitCode").asInt()).isEqualTo(exitCode);
    assertThat(result.get("verdict").asText()).isEqualTo(verdict);
    assertThat(result.get("observed").asBoolean()).isFalse();
    JsonNode second = result.get("releases").get(0).get("migrations").get(1);
    assertThat(second.get("verdict").asText()).isEqualTo(verdict);
    assertThat(second.get("declared").asText()).isEqualTo("EXPAND");
  }

  @Test
  void lint_schemaOutWithoutObserve_exits2AndWritesNothing() throws IOException {
    Path release = release("1.1.0", SECOND_MIGRATION.get("holds"));
    Path schema = dir.resolve("schema.json");

    Run text = lint(release.toString(), "--schema-out", schema.toString());
    Run json = lint(release.toString(), "--schema-out", schema.toString(), "--output", "json");

    assertThat(text.exitCode()).isEqualTo(2);
    assertThat(text.err()).contains("--schema-out needs --observe").contains("Add --observe");
    assertThat(text.out()).isEmpty();
    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(Json.read(json.out(), JsonNode.class).get("error").get("exitCode").asInt())
        .isEqualTo(2);
    assertThat(schema).doesNotExist();
  }

  @Test
  void lint_configWithoutObserve_exits2() throws IOException {
    Path release = release("1.1.0", SECOND_MIGRATION.get("holds"));

    Run run = lint(release.toString(), "-c", dir.resolve("lockstep.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("-c needs --observe");
  }

  @Test
  void lint_aFolderOfReleases_lintsEveryReleaseOldestFirst() {
    Run run = lint("../examples/notes/releases");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("OK: every migration's class holds.");
    List<Integer> positions =
        List.of(
            run.out().indexOf("Release notes 1.0.0"),
            run.out().indexOf("Release notes 1.1.0"),
            run.out().indexOf("Release notes 2.0.0"));
    assertThat(positions).doesNotContain(-1).isSorted();
  }

  @Test
  void lint_aFolderWithoutReleases_exits2AndSaysWhatToName() throws IOException {
    Files.createDirectories(dir.resolve("empty"));

    Run run = lint(dir.resolve("empty").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("holds no release.yaml").contains("name a release folder");
  }

  @Test
  void lint_observedMigrationThatFailsDeclaredContract_exits1WithTheFailureInJson()
      throws IOException {
    Path release = release("2.0.0", "ALTER TABLE ordrs DROP COLUMN note;");
    Files.writeString(
        release.resolve("release.yaml"),
        Files.readString(release.resolve("release.yaml"))
            .replace(
                "V2__change.sql\n      class: expand", "V2__change.sql\n      class: contract"));

    Run run = lint(release.toString(), "--observe", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode result = Json.read(run.out(), JsonNode.class);
    assertThat(result.get("verdict").asText()).isEqualTo("FAILED");
    assertThat(result.get("exitCode").asInt()).isEqualTo(1);
    assertThat(result.get("observed").asBoolean()).isTrue();
    assertThat(result.get("timezone").get("zone").asText()).isEqualTo("America/New_York");
    assertThat(result.get("timezone").get("source").asText()).isEqualTo("ASSUMED");
    assertThat(result.get("serverStartMillis").asLong()).isPositive();
    JsonNode failed = result.get("releases").get(0).get("migrations").get(1);
    assertThat(failed.get("declared").asText()).isEqualTo("CONTRACT");
    assertThat(failed.get("verdict").asText()).isEqualTo("FAILED");
    assertThat(failed.get("findings").toString()).contains("observed-failure").contains("ordrs");
  }

  @Test
  void lint_observedWithADeploymentConfig_judgesUnderTheZoneOfItsDatabase() throws Exception {
    Path release = release("1.1.0", SECOND_MIGRATION.get("holds"));
    String name = "tally_lint_" + ProcessHandle.current().pid();
    try (TallyDeployment tally = TallyDeployment.create(PostgresExtension.server(), name)) {
      String sessionZone;
      try (Connection connection =
              new Database(PostgresExtension.server().database(name)).connect();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SHOW TimeZone")) {
        rows.next();
        sessionZone = rows.getString(1);
      }

      Run run =
          lint(
              release.toString(),
              "--observe",
              "-c",
              tally.configFile().toString(),
              "--output",
              "json");

      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode timezone = Json.read(run.out(), JsonNode.class).get("timezone");
      assertThat(timezone.get("zone").asText()).isEqualTo(sessionZone);
      assertThat(timezone.get("source").asText()).isEqualTo("PRODUCTION");
      assertThat(timezone.get("from").asText()).startsWith(name + "@127.0.0.1:");
      assertThat(run.out()).doesNotContain(tally.password().reveal());
    }
  }
}
