package dev.lockstep.postgres.migrate;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Words a Flyway failure for the operator: which migration, Postgres's own error, what stays
 * applied, and what to do. Flyway's full message is not used for a failed statement because it
 * quotes the SQL, which may hold a role's password.
 */
final class FlywayFailure {
  private final FlywayException error;
  private final ReleaseManifest release;
  private final DatabaseConfig db;

  FlywayFailure(FlywayException error, ReleaseManifest release, DatabaseConfig db) {
    this.error = error;
    this.release = release;
    this.db = db;
  }

  MigrationFailedException toException(List<AppliedMigration> appliedBefore) {
    MigrationInfo migration =
        error instanceof FlywayMigrateException migrate ? migrate.getMigration() : null;
    String applied =
        appliedBefore.isEmpty()
            ? "No migration of this run was applied."
            : "Applied before it, and still applied: "
                + appliedBefore.stream()
                    .map(m -> m.script() == null ? m.description() : m.script())
                    .collect(Collectors.joining(", "))
                + ".";
    String message;
    String version = null;
    if (migration != null) {
      version = migration.getVersion() == null ? null : migration.getVersion().getVersion();
      SQLException sql = sqlCause(error);
      int line = ((FlywayMigrateException) error).getLineNumber();
      message =
          "Migration "
              + migration.getScript()
              + " ("
              + migration.getDescription()
              + ") of release "
              + release.version()
              + " failed on "
              + db
              + (line > 0 ? " at line " + line : "")
              + ": "
              + redact(sql != null ? postgresMessage(sql) : error.getMessage())
              + "\nPostgres rolled back this migration. "
              + applied
              + "\nFix: correct the migration (or the data it trips on) and run again.";
    } else {
      message =
          "Migrating "
              + db
              + " to release "
              + release.version()
              + " failed before any migration ran: "
              + redact(error.getMessage())
              + "\n"
              + applied;
    }
    return new MigrationFailedException(message, version, appliedBefore, error);
  }

  private static SQLException sqlCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static String postgresMessage(SQLException sql) {
    String state = sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")";
    return sql.getMessage().strip().replaceAll("\\s*\\n\\s*", "; ") + state;
  }

  /** Belt and braces: Flyway never prints passwords, and this makes sure ours is not one. */
  private String redact(String message) {
    if (message == null) {
      return "";
    }
    String secret = db.password() == null ? "" : db.password().reveal();
    return secret.isEmpty() ? message : message.replace(secret, "******");
  }
}
