package dev.lockstep.backup;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.testing.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/** A small product (schema, files, a stand-in graph database) shared by the backup tests. */
final class Fixtures {
  static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  static final String OTHER_KEY_HEX =
      "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  private Fixtures() {}

  static void seed(DatabaseConfig db, int notes) {
    Sql.execute(
        db,
        "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, created timestamptz"
            + " DEFAULT '2026-01-02 03:04:05+00')",
        "CREATE TABLE tags (note_id int REFERENCES notes, tag text)",
        "CREATE INDEX notes_body ON notes (body)",
        "INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, " + notes + ") g",
        "INSERT INTO tags SELECT id, 'tag' FROM notes WHERE id % 2 = 0");
  }

  static BackupConfig settings(DumpFormat format) {
    return new BackupConfig(null, format, 2, null, null, false, new BackupConfig.Retention(5, 3));
  }

  /** Uncompressed, so that only the encryption can hide the data. */
  static BackupConfig encrypted(DumpFormat format, String keyHex) {
    return new BackupConfig(
        null, format, 2, 0, Secret.of(keyHex), false, new BackupConfig.Retention(5, 3));
  }

  static BackupRequest request() {
    return new BackupRequest("run-1", "2.3.0", BackupRequest.Purpose.UPGRADE);
  }

  /** A file tree with nested folders, an empty folder, odd modes and a symbolic link. */
  static Path tree(Path root) throws IOException {
    Files.createDirectories(root.resolve("docs/deep"));
    Files.createDirectories(root.resolve("empty"));
    Files.writeString(root.resolve("readme.txt"), "hello\n");
    Files.writeString(root.resolve("docs/a.txt"), "a".repeat(3000));
    Files.write(root.resolve("docs/deep/b.bin"), HexFormat.of().parseHex("00ff10ee"));
    Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(
        root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(
        root.resolve("docs"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(root.resolve("latest"), Path.of("docs/a.txt"));
    return root;
  }

  /**
   * A stand-in for a graph database: its "data folder" is copied out by the dump command and back
   * in by the load command, as neo4j-admin dump and load would.
   */
  static StoreConfig graph(String name, Path data, boolean scratchLoad) throws IOException {
    Files.createDirectories(data);
    if (!Files.exists(data.resolve("nodes.db"))) {
      Files.writeString(data.resolve("nodes.db"), "node:1\nnode:2\n");
      Files.writeString(data.resolve("edges.db"), "1->2\n");
    }
    String dump = "cp -a " + data + "/. {dir}/";
    String load = "rm -rf " + data + " && mkdir -p " + data + " && cp -a {dir}/. " + data + "/";
    String scratch = "cp -a {dir}/. {scratch}/ && test -s {scratch}/nodes.db";
    return StoreConfig.command(name, dump, load, scratchLoad ? scratch : null);
  }

  /** A shell script standing in for a program; {@code body} is its text after the #! line. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
