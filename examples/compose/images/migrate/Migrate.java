// The entry point of the notes `migrate` image: applies the release's SQL migrations in
// /migrations with Flyway, into the history table Lockstep reads, and exits.
//
// Configured like Lockstep's own MigrationRunner (lockstep-postgres), so a migration applied by
// this container and one applied by Lockstep leave the same history row.
// Env: NOTES_DB_URL, NOTES_DB_USER, NOTES_DB_PASSWORD; NOTES_HISTORY_TABLE (default
// lockstep_schema_history).
// Exit codes: 0 migrated (or nothing to do), 1 a migration or validation failed, 2 bad config.
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

public class Migrate {
  public static void main(String[] args) {
    // Flyway logs through java.util.logging here: one line per message, not JUL's two.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
    String url = System.getenv("NOTES_DB_URL");
    if (url == null || url.isBlank()) {
      System.err.println("migrate: NOTES_DB_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/notes)");
      System.exit(2);
    }
    String table = env("NOTES_HISTORY_TABLE", "lockstep_schema_history");
    String location = env("NOTES_MIGRATIONS", "/migrations");
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(url, env("NOTES_DB_USER", null), env("NOTES_DB_PASSWORD", ""))
          .locations("filesystem:" + location)
          .table(table)
          .encoding(StandardCharsets.UTF_8)
          .baselineOnMigrate(false)
          .cleanDisabled(true)
          .failOnMissingLocations(true)
          .validateMigrationNaming(true)
          .load()
          .migrate();
      System.out.printf("migrate: %d migration(s) applied, schema now at version %s (history table %s)%n",
          result.migrationsExecuted, result.targetSchemaVersion == null
              ? result.initialSchemaVersion : result.targetSchemaVersion, table);
    } catch (FlywayException e) {
      String password = System.getenv("NOTES_DB_PASSWORD");
      String message = String.valueOf(e.getMessage());
      if (password != null && !password.isEmpty()) message = message.replace(password, "***");
      System.err.println("migrate: FAILED: " + message);
      System.exit(1);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
