package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.history.HistoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The SQL a tool runs to apply one migration of its folder, as the tool reads its files: the whole
 * file, the file inside the migration's folder, or the "up" section of a file that holds both
 * directions. For {@code release import --observe}, which runs it on a throwaway server.
 */
final class UpSql {
  /** What to run and where it came from. */
  record Script(String id, Path file, String sql) {}

  private UpSql() {}

  static Script of(HistoryFormat format, ChangelogFolder.Entry entry) {
    Path path = entry.path();
    return switch (format) {
      case FLYWAY, GOLANG_MIGRATE, SQLX, ATLAS -> whole(entry, path);
      case PRISMA -> whole(entry, path.resolve("migration.sql"));
      case DIESEL -> whole(entry, path.resolve("up.sql"));
      case SQITCH -> whole(entry, path);
      case GOOSE -> goose(entry);
      case DBMATE -> section(entry, "-- migrate:up", "-- migrate:down", "dbmate");
      default ->
          throw new IllegalArgumentException(format.label() + " migrations are not SQL files");
    };
  }

  /** goose runs SQL files between {@code -- +goose Up} and {@code -- +goose Down}; .go is code. */
  private static Script goose(ChangelogFolder.Entry entry) {
    if (entry.path().getFileName().toString().endsWith(".go")) {
      throw CodeMigrations.refusal(
          "goose migration "
              + entry.path().getFileName()
              + " is Go code, compiled into the product");
    }
    return section(entry, "-- +goose Up", "-- +goose Down", "goose");
  }

  private static Script whole(ChangelogFolder.Entry entry, Path file) {
    return new Script(entry.id(), file, read(entry, file));
  }

  /**
   * The lines after the one that starts with {@code up} until the one that starts with {@code
   * down}, case aside: the annotations and their options ({@code transaction:false}) are comments
   * to PostgreSQL, so they stay.
   */
  private static Script section(ChangelogFolder.Entry entry, String up, String down, String tool) {
    List<String> lines = read(entry, entry.path()).lines().toList();
    int start = -1;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip().toLowerCase(Locale.ROOT);
      if (start < 0 && line.startsWith(up.toLowerCase(Locale.ROOT))) {
        start = i + 1;
      } else if (start >= 0 && line.startsWith(down.toLowerCase(Locale.ROOT))) {
        end = i;
        break;
      }
    }
    if (start < 0) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "release import --observe: "
              + entry.path()
              + " has no '"
              + up
              + "' line, so "
              + tool
              + " would not know what to run. Fix the file. Nothing was written.");
    }
    return new Script(
        entry.id(), entry.path(), String.join("\n", lines.subList(start, end)) + "\n");
  }

  private static String read(ChangelogFolder.Entry entry, Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "release import --observe: cannot read "
              + file
              + ", the SQL of migration "
              + entry.id()
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "). Nothing was written.",
          e);
    }
  }
}
