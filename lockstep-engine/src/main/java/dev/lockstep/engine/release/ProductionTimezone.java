package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The time zone of a Lockstep session on the production database: the session Lockstep's runner
 * applies migrations in. (The JDBC driver sets it from the Java runtime's zone when it connects,
 * and that outranks the server's and the database's settings; so this is what an upgrade started on
 * the same machine gets.)
 */
public final class ProductionTimezone {
  private static final String WITHOUT_IT =
      " (-c is read for the time zone of its database; lint without -c to assume a non-UTC"
          + " zone.)";

  private ProductionTimezone() {}

  public static LintTimezone read(DatabaseConfig database) {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW TimeZone")) {
      rows.next();
      return new LintTimezone(
          rows.getString(1),
          LintTimezone.Source.PRODUCTION,
          database.name() + "@" + database.host() + ":" + database.port());
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the time zone of " + database + ": " + e.getMessage() + "." + WITHOUT_IT,
          e);
    }
  }

  private static Connection connect(DatabaseConfig database) {
    try {
      return new Database(database).connect();
    } catch (LockstepException e) {
      throw new LockstepException(e.errorCode(), e.getMessage() + WITHOUT_IT, e);
    }
  }
}
