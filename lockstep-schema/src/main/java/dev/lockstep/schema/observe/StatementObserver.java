package dev.lockstep.schema.observe;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one statement on a scratch database inside a transaction and, before the transaction ends,
 * reads what the statement did that a parser cannot tell: the locks it holds ({@code pg_locks}, for
 * this session) and the tables it rewrote (their {@code relfilenode} changed). Never point it at a
 * database that matters: the statement really runs.
 */
public final class StatementObserver {
  // active_sql_transaction: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block"
  private static final String CANNOT_RUN_IN_TRANSACTION = "25001";

  /** What happens to the statement's effect once it has been observed. */
  public enum AfterObserving {
    /** Undo it: the scratch database is left as it was. */
    ROLL_BACK,
    /** Keep it, so that the next statement of a migration runs on its result. */
    COMMIT
  }

  private final Duration statementTimeout;

  public StatementObserver() {
    this(null);
  }

  /**
   * @param statementTimeout how long one statement may run before it is cancelled, or null
   */
  public StatementObserver(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /** Observes {@code statement} and rolls it back. */
  public Observation observe(Connection scratch, String statement) {
    return observe(scratch, statement, AfterObserving.ROLL_BACK);
  }

  /**
   * @param scratch a connection in auto-commit mode (the observer runs its own transaction)
   */
  public Observation observe(Connection scratch, String statement, AfterObserving after) {
    try {
      if (!scratch.getAutoCommit()) {
        throw new IllegalArgumentException(
            "the scratch connection is inside a transaction; the observer needs its own");
      }
      scratch.setAutoCommit(false);
      try {
        return inTransaction(scratch, statement, after);
      } finally {
        scratch.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not observe a statement on the scratch database: "
              + e.getMessage()
              + ". Check that the scratch database is up and that the user may read pg_locks"
              + " and pg_class.",
          e);
    }
  }

  private Observation inTransaction(Connection scratch, String statement, AfterObserving after)
      throws SQLException {
    if (statementTimeout != null) {
      execute(scratch, "SET LOCAL statement_timeout = " + statementTimeout.toMillis());
    }
    Map<Long, Relations.Relation> existing = Relations.existing(scratch);
    long started = System.nanoTime();
    try {
      execute(scratch, statement);
    } catch (SQLException e) {
      scratch.rollback();
      if (CANNOT_RUN_IN_TRANSACTION.equals(e.getSQLState()) && after == AfterObserving.COMMIT) {
        return outsideTransaction(scratch, statement);
      }
      return new Observation(statement, List.of(), List.of(), since(started), true, e.getMessage());
    }
    Duration took = since(started);
    List<HeldLock> locks = Relations.locks(scratch, existing);
    List<String> rewritten = Relations.rewritten(scratch, existing);
    if (after == AfterObserving.COMMIT) {
      scratch.commit();
    } else {
      scratch.rollback();
    }
    return new Observation(statement, locks, rewritten, took, true, null);
  }

  /** Runs a statement that refuses transactions on its own; its locks cannot be read. */
  private Observation outsideTransaction(Connection scratch, String statement) throws SQLException {
    scratch.setAutoCommit(true);
    long started = System.nanoTime();
    String error = null;
    try {
      execute(scratch, statement);
    } catch (SQLException e) {
      error = e.getMessage();
    }
    return new Observation(statement, List.of(), List.of(), since(started), false, error);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
