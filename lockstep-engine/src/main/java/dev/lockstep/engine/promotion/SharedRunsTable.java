package dev.lockstep.engine.promotion;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL database the environments of a product share (never the product's own): each records
 * there the upgrades and rollbacks it finished, one row per run in {@value #TABLE}, which the first
 * environment to record a run creates. Each row carries its format version, as a file would; a row
 * of a newer format is refused rather than misread.
 */
public final class SharedRunsTable implements SharedRuns {
  static final String TABLE = "lockstep_shared_runs";
  static final int FORMAT_VERSION = 1;

  private static final String CREATE =
      """
      CREATE TABLE IF NOT EXISTS %s (
        environment text NOT NULL,
        run_id text NOT NULL,
        format_version integer NOT NULL,
        kind text NOT NULL,
        from_version text,
        to_version text,
        status text NOT NULL,
        ended_at timestamptz NOT NULL,
        PRIMARY KEY (environment, run_id)
      )"""
          .formatted(TABLE);

  private static final String UPSERT =
      """
      INSERT INTO %s (environment, run_id, format_version, kind, from_version, to_version,
                      status, ended_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (environment, run_id) DO UPDATE SET
        format_version = excluded.format_version, kind = excluded.kind,
        from_version = excluded.from_version, to_version = excluded.to_version,
        status = excluded.status, ended_at = excluded.ended_at"""
          .formatted(TABLE);

  private static final String SELECT =
      """
      SELECT format_version, environment, run_id, kind, from_version, to_version, status, ended_at
      FROM %s WHERE environment = ? ORDER BY ended_at, run_id"""
          .formatted(TABLE);

  /** Another environment created the table at the same instant. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String DUPLICATE_TABLE = "42P07";

  private final DatabaseConfig config;

  public SharedRunsTable(DatabaseConfig config) {
    this.config = config;
  }

  @Override
  public void record(String environment, RunRecord run) {
    SharedRun shared = SharedRun.of(FORMAT_VERSION, environment, run);
    try (Connection connection = new Database(config).connect()) {
      createTable(connection);
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        upsert.setString(1, shared.environment());
        upsert.setString(2, shared.runId());
        upsert.setInt(3, shared.formatVersion());
        upsert.setString(4, shared.kind());
        upsert.setString(5, shared.from());
        upsert.setString(6, shared.to());
        upsert.setString(7, shared.status());
        upsert.setTimestamp(8, Timestamp.from(shared.endedAt()));
        upsert.executeUpdate();
      }
    } catch (SQLException e) {
      throw failed("record run " + run.id() + " of " + environment, e);
    }
  }

  @Override
  public List<SharedRun> of(String environment) {
    try (Connection connection = new Database(config).connect()) {
      if (!tableExists(connection)) {
        return List.of();
      }
      List<SharedRun> runs = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(SELECT)) {
        select.setString(1, environment);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            runs.add(row(rows));
          }
        }
      }
      return List.copyOf(runs);
    } catch (SQLException e) {
      throw failed("read the runs of " + environment, e);
    }
  }

  private SharedRun row(ResultSet rows) throws SQLException {
    int format = rows.getInt("format_version");
    if (format > FORMAT_VERSION) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "Run "
              + rows.getString("run_id")
              + " in "
              + TABLE
              + " of database "
              + config
              + " has format version "
              + format
              + ", newer than the "
              + FORMAT_VERSION
              + " this Lockstep reads. Fix: upgrade Lockstep here to the release the other"
              + " environments use.");
    }
    return new SharedRun(
        format,
        rows.getString("environment"),
        rows.getString("run_id"),
        rows.getString("kind"),
        rows.getString("from_version"),
        rows.getString("to_version"),
        rows.getString("status"),
        rows.getTimestamp("ended_at").toInstant());
  }

  private static void createTable(Connection connection) throws SQLException {
    try (Statement create = connection.createStatement()) {
      create.execute(CREATE);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState()) && !DUPLICATE_TABLE.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private static boolean tableExists(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private LockstepException failed(String what, SQLException e) {
    return new LockstepException(
        ErrorCode.DATABASE_UNREACHABLE,
        "Cannot "
            + what
            + " in "
            + TABLE
            + " of the shared database "
            + config
            + ": "
            + e.getMessage()
            + ". Fix: check promotion.sharedDatabase (its user may create a table there).",
        e);
  }
}
