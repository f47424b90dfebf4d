package dev.lockstep.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.history.HistoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations folders as each tool's CLI lays them out, read as the tool will record them. */
class ChangelogFolderTest {
  @TempDir Path folder;

  private void files(String... names) throws IOException {
    for (String name : names) {
      Files.writeString(folder.resolve(name), "-- " + name);
    }
  }

  private void folders(String... names) throws IOException {
    for (String name : names) {
      Files.createDirectories(folder.resolve(name));
    }
  }

  @Test
  void ids_knex_fileNamesInNameOrder() throws IOException {
    files("20240301090000_add_tags.js", "20240101120000_create_users.js", "README.md");

    assertThat(ChangelogFolder.ids(HistoryFormat.KNEX, folder))
        .containsExactly("20240101120000_create_users.js", "20240301090000_add_tags.js");
  }

  @Test
  void ids_laravel_fileNamesWithoutPhp() throws IOException {
    files("2014_10_12_000000_create_users_table.php", "2024_05_01_120000_add_tags_to_posts.php");

    assertThat(ChangelogFolder.ids(HistoryFormat.LARAVEL, folder))
        .containsExactly(
            "2014_10_12_000000_create_users_table", "2024_05_01_120000_add_tags_to_posts");
  }

  @Test
  void ids_goose_versionsByNumber() throws IOException {
    files("00010_index.sql", "00002_add_tags.go", "00001_init.sql");

    assertThat(ChangelogFolder.ids(HistoryFormat.GOOSE, folder))
        .containsExactly("00001", "00002", "00010");
  }

  @Test
  void ids_flyway_versionsPartByPartWithUnderscoresAsDots() throws IOException {
    files("V1.10__tags.sql", "V1_9__notes.sql", "V2__drop.sql", "R__views.sql", "V1__init.sql");

    assertThat(ChangelogFolder.ids(HistoryFormat.FLYWAY, folder))
        .containsExactly("1", "1.9", "1.10", "2");
  }

  @Test
  void ids_golangMigrate_upFilesOnly() throws IOException {
    files(
        "000001_init.up.sql", "000001_init.down.sql", "000002_tags.up.sql", "000002_tags.down.sql");

    assertThat(ChangelogFolder.ids(HistoryFormat.GOLANG_MIGRATE, folder))
        .containsExactly("000001", "000002");
  }

  @Test
  void ids_sqlx_simpleAndReversibleMigrations_onceEach() throws IOException {
    files("20240101120000_init.sql", "20240201120000_tags.up.sql", "20240201120000_tags.down.sql");

    assertThat(ChangelogFolder.ids(HistoryFormat.SQLX, folder))
        .containsExactly("20240101120000", "20240201120000");
  }

  @Test
  void ids_diesel_foldersAsVersions() throws IOException {
    folders("00000000000000_diesel_initial_setup", "2024-01-01-120000_create_users");

    assertThat(ChangelogFolder.ids(HistoryFormat.DIESEL, folder))
        .containsExactly("00000000000000", "20240101120000");
  }

  @Test
  void ids_prisma_migrationFolders() throws IOException {
    folders("20240501100000_init", "20240502100000_add_tags");
    files("migration_lock.toml");

    assertThat(ChangelogFolder.ids(HistoryFormat.PRISMA, folder))
        .containsExactly("20240501100000_init", "20240502100000_add_tags");
  }

  @Test
  void ids_efCore_migrationsWithoutDesignerFilesOrSnapshot() throws IOException {
    files(
        "20230101000000_InitialCreate.cs",
        "20230101000000_InitialCreate.Designer.cs",
        "20240301090000_AddTags.cs",
        "20240301090000_AddTags.Designer.cs",
        "AppDbContextModelSnapshot.cs");

    assertThat(ChangelogFolder.ids(HistoryFormat.EF_CORE, folder))
        .containsExactly("20230101000000_InitialCreate", "20240301090000_AddTags");
  }

  @Test
  void ids_sqitch_changesOfThePlan() throws IOException {
    Files.writeString(
        folder.resolve("sqitch.plan"),
        """
        %syntax-version=1.0.0
        %project=flipr

        appschema 2024-01-01T10:00:00Z Ann <ann@example.com> # Add schema for all flipr objects.
        users [appschema] 2024-01-01T10:01:00Z Ann <ann@example.com> # Creates table to track our users.
        @v1.0 2024-01-02T10:00:00Z Ann <ann@example.com> # Tag v1.0.
        flips [appschema users] 2024-02-01T10:00:00Z Ann <ann@example.com> # Adds table for storing flips.
        """);

    assertThat(ChangelogFolder.ids(HistoryFormat.SQITCH, folder))
        .containsExactly("appschema", "users", "flips");
  }

  @Test
  void ids_toolWhoseIdsAreNotFileNames_isAUsageErrorPointingAtTheDatabase() {
    assertThatThrownBy(() -> ChangelogFolder.ids(HistoryFormat.LIQUIBASE, folder))
        .isInstanceOf(LockstepException.class)
        .satisfies(e -> assertThat(((LockstepException) e).errorCode()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("Liquibase migrations cannot be read from file names")
        .hasMessageContaining("leave --folder out");
  }

  @Test
  void fromFolder_since_listsWhatComesAfterIt() throws IOException {
    files("20240101120000_init.js", "20240201120000_notes.js", "20240301120000_tags.js");

    HistoryImport.ImportResult result =
        HistoryImport.fromFolder("knex", "acme_migrations", folder, "20240101120000_init.js");

    assertThat(result.baseline()).isEqualTo("20240101120000_init.js");
    assertThat(result.table()).isEqualTo("acme_migrations");
    assertThat(result.scripts())
        .extracting(HistoryImport.ImportedScript::id)
        .containsExactly("20240201120000_notes.js", "20240301120000_tags.js");
  }
}
