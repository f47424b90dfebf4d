package dev.lockstep.postgres.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class TestRestoreTest {
  private static final Progress NONE = Progress.NONE.start("t", 0, Progress.Unit.BYTES);

  @TempDir Path dir;

  @Test
  // A reader that kept its tables locked would deadlock with ADD PRIMARY KEY: fail, not hang.
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void run_readsEveryRowWhileTheIndexesAreBuilt_thenTheRestoreIsWhole(
      DatabaseConfig source, DatabaseConfig scratch) throws Exception {
    Path dump = dump(source);
    TableFingerprints fingerprints = new TableFingerprints(scratch, 2, 8 * 8192);

    TestRestore.Outcome<Map<String, TableFingerprint>> outcome;
    try (Readers readers = fingerprints.openAhead()) {
      outcome =
          restore()
              .run(
                  dump,
                  scratch,
                  source.name(),
                  0,
                  "test restore",
                  () -> fingerprints.computeWith(readers, NONE));
    }

    assertThat(outcome.result().succeeded()).isTrue();
    assertThat(outcome.read()).isEqualTo(TableFingerprints.of(source, NONE));
    assertThat(outcome.read().get("public.notes").rows()).isEqualTo(20_000);
    assertThat(outcome.read().get("public.shapes").contentHash()).startsWith("m:");
    assertThat(Sql.queryLong(scratch, "SELECT count(*) FROM pg_indexes WHERE tablename = 'notes'"))
        .isEqualTo(2);
    assertThat(
            Sql.queryLong(
                scratch, "SELECT count(*) FROM pg_constraint WHERE conname = 'tags_note_id_fkey'"))
        .isEqualTo(1);
  }

  @Test
  void run_readingFails_throwsThatFailure(DatabaseConfig source, DatabaseConfig scratch)
      throws Exception {
    Path dump = dump(source);

    assertThatThrownBy(
            () ->
                restore()
                    .run(
                        dump,
                        scratch,
                        source.name(),
                        0,
                        "test restore",
                        () -> {
                          throw new SQLException("hashing failed");
                        }))
        .isInstanceOf(SQLException.class)
        .hasMessage("hashing failed");
  }

  @Test
  void run_postDataFails_isAFailedOutcomeWithoutWhatWasRead(
      DatabaseConfig source, DatabaseConfig scratch) throws Exception {
    Path dump = dump(source);
    // Takes the name of the index that post-data creates.
    Sql.execute(scratch, "CREATE TABLE notes_body (x int)");

    TestRestore.Outcome<String> outcome =
        restore().run(dump, scratch, source.name(), 0, "test restore", () -> "read");

    assertThat(outcome.result().succeeded()).isFalse();
    assertThat(outcome.result().describeFailure()).contains("notes_body");
    assertThat(outcome.read()).isNull();
  }

  private Path dump(DatabaseConfig db) throws SQLException {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int PRIMARY KEY, body text)",
        "CREATE INDEX notes_body ON notes (body)",
        "CREATE TABLE tags (note_id int REFERENCES notes, tag text)",
        "INSERT INTO notes SELECT g, md5(g::text) FROM generate_series(1, 20000) g",
        "INSERT INTO tags SELECT id, 'tag' FROM notes WHERE id % 3 = 0",
        "CREATE TABLE shapes (id int PRIMARY KEY, p point)",
        "INSERT INTO shapes SELECT g, point(g, -g) FROM generate_series(1, 50) g");
    Path target = dir.resolve("dump");
    new SnapshotDump(PgTools.find(), Progress.NONE)
        .dump(db, new DumpOptions(DumpFormat.DIRECTORY, 2, null), target, "notes");
    return target;
  }

  private static TestRestore restore() {
    return new TestRestore(new PgRestore(PgTools.find(), Progress.NONE, 2));
  }
}
