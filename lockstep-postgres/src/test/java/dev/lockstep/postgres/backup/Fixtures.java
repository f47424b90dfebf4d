package dev.lockstep.postgres.backup;

import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A small product schema and stand-in programs shared by the backup tests. */
final class Fixtures {
  private Fixtures() {}

  static void seed(DatabaseConfig db, int notes) {
    Sql.execute(
        db,
        "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)",
        "CREATE TABLE tags (note_id int REFERENCES notes, tag text)",
        "CREATE INDEX notes_body ON notes (body)",
        "INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, " + notes + ") g",
        "INSERT INTO tags SELECT id, 'tag' FROM notes WHERE id % 2 = 0");
  }

  static BackupRequest request(BackupConfig.DumpFormat format) {
    return new BackupRequest("run-1", "2.3.0", format, 2);
  }

  /** A shell script standing in for a program; {@code body} is its text after the #! line. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
