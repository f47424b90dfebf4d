package dev.lockstep.core.secrets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A libpq password file that exists only while one child process (pg_dump, pg_restore, a command
 * from the config) runs. It is the only way a password reaches a child process: never its
 * arguments, where {@code ps} shows it to every user, and never {@code PGPASSWORD}, which {@code
 * /proc/<pid>/environ} and crash reports can show. libpq ignores the file unless it is 0600, which
 * is how it is created. {@link SecretFiles} says where it goes.
 */
public final class PgPassFile implements AutoCloseable {
  private final Path path;

  private PgPassFile(Path path) {
    this.path = path;
  }

  /** Writes a password file for {@code host}, {@code port} and {@code user} in {@code folder}. */
  static PgPassFile create(String host, int port, String user, Secret password, Path folder) {
    String line =
        escape(host)
            + ":"
            + port
            + ":*:"
            + escape(user)
            + ":"
            + escape(password == null ? "" : password.reveal())
            + "\n";
    Path file = null;
    try {
      file = SecureFiles.createTempFile(folder, "lockstep-", ".pgpass");
      SecureFiles.writeString(file, line);
      return new PgPassFile(file);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException(
          "cannot write a password file in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** libpq reads {@code \:} as a colon and {@code \\} as a backslash. */
  static String escape(String field) {
    return field.replace("\\", "\\\\").replace(":", "\\:");
  }

  public Path path() {
    return path;
  }

  /** The environment a child process needs to find this file. */
  public Map<String, String> environment() {
    return Map.of("PGPASSFILE", path.toString());
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the password file " + path + "; delete it by hand", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Best effort: the write already failed and that error is the one reported.
      }
    }
  }
}
