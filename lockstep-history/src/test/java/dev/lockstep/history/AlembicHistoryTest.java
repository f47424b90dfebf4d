package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class AlembicHistoryTest {

  /** Alembic 1.13 ({@code MigrationContext._version}: version_num String(32), primary key). */
  static final String ALEMBIC =
      """
      CREATE TABLE alembic_version (
          version_num VARCHAR(32) NOT NULL,
          CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
      )
      """;

  @TempDir Path versions;

  /** A revision file as {@code alembic revision} writes it (the typed template of 1.13). */
  private void revision(String file, String revision, String down) throws IOException {
    Files.writeString(
        versions.resolve(file),
        "\"\"\""
            + file
            + "\n\nRevision ID: "
            + revision
            + "\nRevises: "
            + down
            + "\n\"\"\"\n"
            + "from typing import Sequence, Union\n\nfrom alembic import op\n"
            + "import sqlalchemy as sa\n\n"
            + "# revision identifiers, used by Alembic.\n"
            + "revision: str = '"
            + revision
            + "'\n"
            + "down_revision: Union[str, None] = "
            + down
            + "\n"
            + "branch_labels: Union[str, Sequence[str], None] = None\n"
            + "depends_on: Union[str, Sequence[str], None] = None\n\n\n"
            + "def upgrade() -> None:\n    op.add_column('notes', sa.Column('x', sa.Text()))\n");
  }

  @Test
  void read_head_isTheOnlyEntry(DatabaseConfig db) {
    execute(db, ALEMBIC, "INSERT INTO alembic_version (version_num) VALUES ('27c6a30d7c24')");

    MigrationHistory history = read(db, HistoryFormat.ALEMBIC, null);

    assertThat(history.table()).isEqualTo("public.alembic_version");
    assertThat(history.applied())
        .singleElement()
        .satisfies(
            head -> {
              assertThat(head.id()).isEqualTo("27c6a30d7c24");
              assertThat(head.detail()).isEqualTo(AlembicReader.HEAD);
            });
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void applied_followsDownRevisionsFromTheHead_throughTheReleaseFiles(DatabaseConfig db)
      throws IOException {
    revision("1975ea83b712_create_account.py", "1975ea83b712", "None");
    revision("ae1027a6acf_add_notes.py", "ae1027a6acf", "'1975ea83b712'");
    // The untyped spelling of older templates, with double quotes.
    Files.writeString(
        versions.resolve("27c6a30d7c24_add_tags.py"),
        "revision = \"27c6a30d7c24\"\ndown_revision = \"ae1027a6acf\"\n");
    revision("3f1e0b9d2a11_index_tags.py", "3f1e0b9d2a11", "'27c6a30d7c24'");
    execute(db, ALEMBIC, "INSERT INTO alembic_version (version_num) VALUES ('27c6a30d7c24')");

    MigrationHistory history =
        AlembicRevisions.read(versions).applied(read(db, HistoryFormat.ALEMBIC, null));

    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("1975ea83b712", "ae1027a6acf", "27c6a30d7c24");
    PendingMigrations compared =
        PendingCalculator.compare(history, List.of("27c6a30d7c24", "3f1e0b9d2a11"), "ae1027a6acf");
    assertThat(compared.pending()).containsExactly("3f1e0b9d2a11");
    assertThat(compared.unknown()).isEmpty();
  }

  @Test
  void applied_mergeRevision_bothBranchesApplied(DatabaseConfig db) throws IOException {
    revision("a1_base.py", "a1", "None");
    revision("b1_left.py", "b1", "'a1'");
    revision("c1_right.py", "c1", "'a1'");
    revision("d1_merge.py", "d1", "('b1', 'c1')");
    execute(db, ALEMBIC, "INSERT INTO alembic_version (version_num) VALUES ('d1')");

    MigrationHistory history =
        AlembicRevisions.read(versions).applied(read(db, HistoryFormat.ALEMBIC, null));

    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("a1", "b1", "c1", "d1");
  }

  @Test
  void compare_headsOnly_releaseOrderStandsForTheGraph(DatabaseConfig db) {
    execute(db, ALEMBIC, "INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf')");

    PendingMigrations compared =
        PendingCalculator.compare(
            read(db, HistoryFormat.ALEMBIC, null),
            List.of("1975ea83b712", "ae1027a6acf", "27c6a30d7c24"));

    assertThat(compared.pending()).containsExactly("27c6a30d7c24");
    assertThat(compared.unknown()).isEmpty();
  }

  @Test
  void compare_emptyTable_everythingPending(DatabaseConfig db) {
    execute(db, ALEMBIC);

    assertThat(
            PendingCalculator.compare(read(db, HistoryFormat.ALEMBIC, null), List.of("a1", "b1"))
                .pending())
        .containsExactly("a1", "b1");
  }
}
