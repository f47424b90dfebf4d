package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.examples.TallyDeployment;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep release import} from a product's renamed knex table. */
@ExtendWith(PostgresExtension.class)
class ReleaseImportCommandTest {
  static TallyDeployment tally;

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void knexHistory() throws SQLException {
    tally =
        TallyDeployment.create(
            PostgresExtension.server(), "import_cli_" + ProcessHandle.current().pid());
    try (Connection connection = new Database(tally.config().database()).connect();
        Statement sql = connection.createStatement()) {
      // knex 3.1's own DDL for tableName: 'acme_migrations', and what three runs recorded.
      sql.execute(
          "create table \"acme_migrations\" (\"id\" serial primary key, \"name\" varchar(255),"
              + " \"batch\" integer, \"migration_time\" timestamptz)");
      sql.execute(
          "insert into \"acme_migrations\" (\"batch\", \"migration_time\", \"name\") values"
              + " (1, now(), '20230101000000_init.js'),"
              + " (2, now(), '20240101120000_create_notes.js'),"
              + " (3, now(), '20240301090000_add_tags.js')");
    }
  }

  @AfterAll
  static void tearDown() {
    tally.close();
  }

  private int run(String... args) {
    String[] command = new String[args.length + 4];
    command[0] = "release";
    command[1] = "import";
    command[2] = "-c";
    command[3] = tally.configFile().toString();
    System.arraycopy(args, 0, command, 4, args.length);
    return LockstepCli.run(command, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void import_since_printsAMigrationsSectionAManifestLoads() throws IOException {
    int exitCode =
        run("--format", "knex", "--table", "acme_migrations", "--since", "20230101000000_init.js");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("# 2 migrations from public.acme_migrations after 20230101000000_init.js.")
        .contains("history: {format: knex, table: 'acme_migrations'}")
        .contains("baseline: '20230101000000_init.js'")
        .contains("- id: '20240101120000_create_notes.js'\n      class: contract");
    Files.writeString(
        dir.resolve("release.yaml"),
        "product: acme\nversion: 2.0.0\ncomponents:\n  api:\n    image: ghcr.io/acme/api@sha256:"
            + "a".repeat(64)
            + "\n"
            + out);
    ReleaseManifest manifest = new ManifestLoader().load(dir.resolve("release.yaml"));
    assertThat(manifest.history().baseline()).isEqualTo("20230101000000_init.js");
    assertThat(manifest.migrations())
        .extracting(MigrationScript::version, MigrationScript::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "20240101120000_create_notes.js", MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(
                "20240301090000_add_tags.js", MigrationClass.CONTRACT));
  }

  @Test
  void import_asJson_listsTheIds() {
    int exitCode = run("--format", "knex", "--table", "acme_migrations", "--output", "json");

    assertThat(exitCode).as(err.toString()).isZero();
    JsonNode result = Json.read(out.toString(), JsonNode.class);
    assertThat(result.get("read").asText()).isEqualTo("public.acme_migrations");
    assertThat(result.get("scripts")).hasSize(3);
    assertThat(result.get("scripts").get(0).get("id").asText()).isEqualTo("20230101000000_init.js");
  }

  @Test
  void import_sinceNotRecorded_isAUsageErrorNamingTheRange() {
    int exitCode = run("--format", "knex", "--table", "acme_migrations", "--since", "nope.js");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains("--since nope.js is not recorded in public.acme_migrations")
        .contains("20230101000000_init.js … 20240301090000_add_tags.js");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void import_fromTheToolsFolder_needsNoDatabase() throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("000001_init.up.sql"), "CREATE TABLE t (id int);");
    Files.writeString(migrations.resolve("000001_init.down.sql"), "DROP TABLE t;");
    Files.writeString(migrations.resolve("000002_tags.up.sql"), "ALTER TABLE t ADD tag text;");
    StringWriter folderOut = new StringWriter();
    StringWriter folderErr = new StringWriter();

    int exitCode =
        LockstepCli.run(
            new String[] {
              "release",
              "import",
              "--format",
              "golang-migrate",
              "--folder",
              migrations.toString(),
              "--since",
              "1"
            },
            new PrintWriter(folderOut),
            new PrintWriter(folderErr));

    assertThat(exitCode).as(folderErr.toString()).isZero();
    assertThat(folderOut.toString())
        .contains("# 1 migration from " + migrations + " after 1.")
        .contains("history: {format: golang-migrate}")
        .contains("- id: '000002'\n      class: contract");
  }

  private int runWithoutConfig(StringWriter stdout, StringWriter stderr, String... args) {
    String[] command = new String[args.length + 2];
    command[0] = "release";
    command[1] = "import";
    System.arraycopy(args, 0, command, 2, args.length);
    return LockstepCli.run(command, new PrintWriter(stdout), new PrintWriter(stderr));
  }

  @Test
  void import_observe_writesEachMeasuredClassWithWhatWasMeasured() throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("observed"));
    Files.writeString(
        migrations.resolve("000001_init.up.sql"),
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text);");
    Files.writeString(migrations.resolve("000001_init.down.sql"), "DROP TABLE notes;");
    Files.writeString(
        migrations.resolve("000002_tags.up.sql"), "ALTER TABLE notes ADD COLUMN tags text;");
    Files.writeString(
        migrations.resolve("000003_drop_body.up.sql"), "ALTER TABLE notes DROP COLUMN body;");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    int exitCode =
        runWithoutConfig(
            stdout,
            stderr,
            "--format",
            "golang-migrate",
            "--folder",
            migrations.toString(),
            "--since",
            "1",
            "--observe");

    assertThat(exitCode).as(stderr.toString()).isZero();
    assertThat(stdout.toString())
        .contains("# 2 migrations from " + migrations + " after 1.")
        .contains("# Classes measured: each migration ran on a throwaway PostgreSQL ")
        .contains(
            "    # measured (000002_tags.up.sql):\n"
                + "    #   expand: new column public.notes.tags (text) is nullable: the previous"
                + " release can ignore it\n"
                + "    - id: '000002'\n"
                + "      class: expand\n")
        .contains("    #   contract: column public.notes.body")
        .contains("    - id: '000003'\n      class: contract\n")
        .doesNotContain("Classes are not measured");
    Files.writeString(
        dir.resolve("release.yaml"),
        "product: acme\nversion: 2.0.0\ncomponents:\n  api:\n    image: ghcr.io/acme/api@sha256:"
            + "a".repeat(64)
            + "\n"
            + stdout);
    ReleaseManifest manifest = new ManifestLoader().load(dir.resolve("release.yaml"));
    assertThat(manifest.migrations())
        .extracting(MigrationScript::version, MigrationScript::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("000002", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("000003", MigrationClass.CONTRACT));
  }

  @Test
  void import_observeAMigrationThatFails_exits1NamingTheFileAndTheError() throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("failing"));
    Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE notes (id bigint);");
    Files.writeString(migrations.resolve("V2__typo.sql"), "ALTER TABLE ntoes ADD tags text;");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    int exitCode =
        runWithoutConfig(
            stdout, stderr, "--format", "flyway", "--folder", migrations.toString(), "--observe");

    assertThat(exitCode).isEqualTo(1);
    assertThat(stderr.toString())
        .contains("Migration 2 (" + migrations.resolve("V2__typo.sql") + ") failed")
        .contains("relation \"ntoes\" does not exist");
    assertThat(stdout.toString()).isEmpty();
  }

  @Test
  void import_observeKnexMigrations_isRefusedWithWhatToDoInstead() throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("knex"));
    Files.writeString(migrations.resolve("20240101120000_create_notes.js"), "exports.up = k => k;");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    int exitCode =
        runWithoutConfig(
            stdout, stderr, "--format", "knex", "--folder", migrations.toString(), "--observe");

    assertThat(exitCode).isEqualTo(2);
    assertThat(stderr.toString())
        .contains("knex migrations are JavaScript; Lockstep cannot run them on a throwaway server")
        .contains("Declare classes by hand")
        .contains("Leave --observe out");
    assertThat(stdout.toString()).isEmpty();
  }

  @Test
  void import_observeFromAHistoryTable_isRefusedNamingFolder() {
    int exitCode =
        run("--format", "knex", "--table", "acme_migrations", "--observe", "--since", "x");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("knex migrations are JavaScript");

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int sqlTool = runWithoutConfig(stdout, stderr, "--format", "golang-migrate", "--observe");

    assertThat(sqlTool).isEqualTo(2);
    assertThat(stderr.toString())
        .contains("a history table records only which migrations ran")
        .contains("--folder DIR");
    assertThat(stdout.toString()).isEmpty();
  }

  @Test
  void import_unknownFormat_isAUsageErrorListingTheTools() {
    int exitCode = run("--format", "mybatis");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("--format 'mybatis' is not a tool", "knex", "sqitch");
  }
}
