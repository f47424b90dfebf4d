package dev.lockstep.engine.schema;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.schema.snapshot.SchemaChecksum;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The schema snapshots Lockstep keeps in its state folder: one before and one after every migration
 * step, and the schema as the last finished run left it, which drift is measured against.
 */
public final class SchemaRecords {
  private static final String CURRENT = "current.json";

  private final Path dir;
  private final DatabaseConfig database;

  public SchemaRecords(DeploymentConfig config) {
    this.dir = config.stateDir().resolve("schemas");
    this.database = config.database();
  }

  /** The live schema of the product's database, read from its catalog. */
  public SchemaSnapshot live() {
    return live(database);
  }

  /** The live schema of any database on the product's server (a scratch copy, say). */
  public static SchemaSnapshot live(DatabaseConfig database) {
    try (Connection connection = new Database(database).connect()) {
      return SchemaReader.read(connection);
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the schema of " + database + ": " + e.getMessage() + ".",
          e);
    }
  }

  /**
   * Reads the live schema into {@code file} and returns the catalog checksum taken just before, on
   * the same connection: a change made between the two leaves a checksum that matches neither and
   * is seen as a change, never missed.
   */
  public String recordWithChecksum(Path file) {
    try (Connection connection = new Database(database).connect()) {
      String checksum = SchemaChecksum.of(connection);
      SchemaReader.read(connection).write(file);
      return checksum;
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  /** The catalog checksum of the live schema ({@link SchemaChecksum}): one query. */
  public String checksum() {
    try (Connection connection = new Database(database).connect()) {
      return SchemaChecksum.of(connection);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  private LockstepException unreadable(SQLException e) {
    return new LockstepException(
        ErrorCode.DATABASE_UNREACHABLE,
        "Could not read the schema of " + database + ": " + e.getMessage() + ".",
        e);
  }

  public Path beforeRun(String runId) {
    return dir.resolve(runId + "-before.json");
  }

  public Path afterRun(String runId) {
    return dir.resolve(runId + "-after.json");
  }

  /** Records the live schema as what the last finished run left, for drift. */
  public void recordCurrent() {
    live().write(currentFile());
  }

  public Path currentFile() {
    return dir.resolve(CURRENT);
  }

  /** The schema the last finished run left, if one was recorded. */
  public Optional<SchemaSnapshot> current() {
    return read(currentFile());
  }

  public Optional<SchemaSnapshot> read(Path file) {
    return Files.isRegularFile(file) ? Optional.of(SchemaSnapshot.read(file)) : Optional.empty();
  }
}
