package dev.lockstep.engine.release;

import static dev.lockstep.engine.release.TestReleases.migration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.release.HistoryImport.ImportResult;
import dev.lockstep.engine.release.HistoryImport.ImportedScript;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.schema.diff.SchemaChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code release import --folder --observe} on the shared test server. */
@ExtendWith(PostgresExtension.class)
class ObservedImportTest {
  @TempDir Path folder;

  private final ObservedImport importer = new ObservedImport(TestServers::refuse);

  private ImportResult observe(String format, String since) {
    return importer.fromFolder(format, null, folder, since, PostgresExtension.server());
  }

  private void write(String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void fromFolder_golangMigrate_runsTheBaselineFirstAndMeasuresEachListedMigration()
      throws IOException {
    write("000001_init.up.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text);");
    write("000001_init.down.sql", "DROP TABLE notes;");
    write("000002_tags.up.sql", "ALTER TABLE notes ADD COLUMN tags text;");
    write("000002_tags.down.sql", "ALTER TABLE notes DROP COLUMN tags;");
    write("000003_drop_body.up.sql", "ALTER TABLE notes DROP COLUMN body;");

    ImportResult result = observe("golang-migrate", "1");

    assertThat(result.measuredOn()).startsWith("PostgreSQL ");
    assertThat(result.baseline()).isEqualTo("1");
    assertThat(result.scripts()).extracting(ImportedScript::id).containsExactly("000002", "000003");
    ImportedScript tags = result.scripts().get(0);
    assertThat(tags.measured().type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(tags.measured().file()).endsWith("000002_tags.up.sql");
    assertThat(tags.measured().changes())
        .extracting(SchemaChange::reason)
        .containsExactly(
            "new column public.notes.tags (text) is nullable: the previous release can ignore it");
    ImportedScript dropBody = result.scripts().get(1);
    assertThat(dropBody.measured().type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(dropBody.measured().changes())
        .extracting(SchemaChange::object)
        .containsExactly("public.notes.body");
  }

  @Test
  void fromFolder_flyway_measuresEachClassAsReleaseLintObserveDoes() {
    ReleaseManifest release =
        TestReleases.write(
            folder,
            "2.0.0",
            List.of(
                migration("V1__init.sql", "expand", "CREATE TABLE events (id bigint, body text);"),
                migration("V1.1__narrow.sql", "expand", "ALTER TABLE events ALTER id TYPE int;"),
                migration("V2__widen.sql", "expand", "ALTER TABLE events ALTER id TYPE bigint;"),
                migration(
                    "V3__jsonb.sql",
                    "expand",
                    "ALTER TABLE events ALTER body TYPE jsonb" + " USING to_jsonb(body);")));
    List<MigrationClass> linted =
        new ReleaseLinter(TestServers::refuse)
                .observe(List.of(release), LintTimezone.assumed(), null, PostgresExtension.server())
                .releases()
                .get(0)
                .migrations()
                .stream()
                .map(MigrationLint::measured)
                .toList();

    ImportResult result =
        importer.fromFolder(
            "flyway", null, folder.resolve("2.0.0/migrations"), null, PostgresExtension.server());

    assertThat(result.scripts())
        .extracting(ImportedScript::id)
        .containsExactly("1", "1.1", "2", "3");
    assertThat(result.scripts()).extracting(s -> s.measured().type()).isEqualTo(linted);
    assertThat(linted)
        .containsExactly(
            MigrationClass.EXPAND,
            MigrationClass.CONTRACT,
            MigrationClass.EXPAND,
            MigrationClass.CONTRACT);
  }

  @Test
  void fromFolder_gooseAndDbmate_runOnlyTheUpSection() throws IOException {
    write(
        "00001_init.sql",
        "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n");
    write(
        "00002_tag.sql",
        "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE t ADD COLUMN tag text;\n"
            + "-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE t;\n");

    ImportResult goose = observe("goose", "1");

    assertThat(goose.scripts())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("00002");
              assertThat(s.measured().type()).isEqualTo(MigrationClass.EXPAND);
            });

    Path dbmate = Files.createDirectories(folder.resolve("dbmate"));
    Files.writeString(
        dbmate.resolve("20240101000000_init.sql"),
        "-- migrate:up\nCREATE TABLE u (id int);\n\n-- migrate:down\nDROP TABLE u;\n");
    Files.writeString(
        dbmate.resolve("20240201000000_tag.sql"),
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY u_id ON u (id);\n\n"
            + "-- migrate:down\nDROP TABLE u;\n");

    ImportResult dbmateResult =
        importer.fromFolder("dbmate", null, dbmate, null, PostgresExtension.server());

    assertThat(dbmateResult.scripts())
        .extracting(s -> s.measured().type())
        .containsExactly(MigrationClass.EXPAND, MigrationClass.EXPAND);
  }

  @Test
  void fromFolder_prismaAndSqitch_readTheSqlWhereTheToolKeepsIt() throws IOException {
    write("20240101000000_init/migration.sql", "CREATE TABLE p (id int, old text);");
    write("20240201000000_drop_old/migration.sql", "ALTER TABLE p DROP COLUMN old;");

    assertThat(observe("prisma", "20240101000000_init").scripts())
        .singleElement()
        .satisfies(s -> assertThat(s.measured().type()).isEqualTo(MigrationClass.CONTRACT));

    Path sqitch = Files.createDirectories(folder.resolve("sqitch"));
    Files.writeString(
        sqitch.resolve("sqitch.plan"),
        "%syntax-version=1.0.0\n%project=notes\n\n"
            + "users 2024-01-01T00:00:00Z A <a@b> # users\n"
            + "flags [users] 2024-02-01T00:00:00Z A <a@b> # flags\n");
    Files.createDirectories(sqitch.resolve("deploy"));
    Files.writeString(
        sqitch.resolve("deploy/users.sql"), "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n");
    Files.writeString(
        sqitch.resolve("deploy/flags.sql"),
        "BEGIN;\nALTER TABLE users ADD COLUMN flag boolean NOT NULL DEFAULT false;\nCOMMIT;\n");

    ImportResult result =
        importer.fromFolder("sqitch", null, sqitch, "users", PostgresExtension.server());

    assertThat(result.scripts())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("flags");
              assertThat(s.measured().type()).isEqualTo(MigrationClass.EXPAND);
            });
  }

  @Test
  void fromFolder_aMigrationThatFails_namesTheFileAndPostgresError() throws IOException {
    write("000001_init.up.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);");
    write("000002_typo.up.sql", "ALTER TABLE ntoes ADD COLUMN tags text;");

    assertThatThrownBy(() -> observe("golang-migrate", "1"))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED))
        .hasMessageContaining("000002_typo.up.sql")
        .hasMessageContaining("after the 1 migration before it")
        .hasMessageContaining("relation \"ntoes\" does not exist");
    assertThat(importDatabases()).isZero();
  }

  @Test
  void fromFolder_codeMigrations_areRefusedBeforeAnyServerStarts() throws IOException {
    write("20240101000000_init.js", "exports.up = knex => knex.schema.createTable('t', () => {});");

    assertThatThrownBy(
            () -> new ObservedImport(TestServers::refuse).fromFolder("knex", null, folder, null))
        .isInstanceOfSatisfying(
            LockstepException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("knex migrations are JavaScript")
        .hasMessageContaining("cannot run them on a throwaway server")
        .hasMessageContaining("Declare classes by hand");
  }

  @Test
  void fromFolder_aGooseGoMigration_isRefusedNamingTheFile() throws IOException {
    write("00001_init.sql", "-- +goose Up\nCREATE TABLE t (id int);\n");
    write("00002_backfill.go", "package migrations\n");

    assertThatThrownBy(
            () -> new ObservedImport(TestServers::refuse).fromFolder("goose", null, folder, null))
        .isInstanceOfSatisfying(
            LockstepException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("goose migration 00002_backfill.go is Go code");
  }

  @Test
  void requireFolder_withoutFolder_namesFolderAsTheFix() {
    assertThatThrownBy(() -> ObservedImport.requireFolder("golang-migrate", null))
        .isInstanceOfSatisfying(
            LockstepException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("--folder DIR");
    assertThatThrownBy(() -> ObservedImport.requireFolder("rails", null))
        .hasMessageContaining("Rails migrations are Ruby");
  }

  private static int importDatabases() {
    try (Connection connection =
            new dev.lockstep.postgres.Database(PostgresExtension.server().database("postgres"))
                .connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'lockstep_import_%'")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
