package dev.lockstep.schema.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import dev.lockstep.schema.observe.StatementObserver.AfterObserving;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class StatementObserverTest {
  private final StatementObserver observer = new StatementObserver(Duration.ofSeconds(30));

  private static void schema(DatabaseConfig db) {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int PRIMARY KEY, title varchar(50), views int)",
        "INSERT INTO notes SELECT g, 'n' || g, g FROM generate_series(1, 100) g");
  }

  @Test
  void observe_typeChangeThatRewrites_seesTheRewriteAndTheLockThenRollsBack(DatabaseConfig db)
      throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      Observation observation =
          observer.observe(scratch, "ALTER TABLE notes ALTER COLUMN views TYPE bigint");

      assertThat(observation.failed()).isFalse();
      assertThat(observation.rewrittenTables()).containsExactly("public.notes");
      assertThat(observation.lockOn("public.notes"))
          .hasValue(new HeldLock("public.notes", "table", LockMode.ACCESS_EXCLUSIVE));
      assertThat(observation.inTransaction()).isTrue();
      assertThat(observation.took()).isPositive();
      assertThat(scratch.getAutoCommit()).isTrue();
    }
    assertThat(
            Sql.queryLong(
                db,
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'notes' AND column_name = 'views' AND data_type = 'integer'"))
        .isEqualTo(1);
  }

  @Test
  void observe_longerVarchar_isNoRewrite(DatabaseConfig db) throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      Observation observation =
          observer.observe(scratch, "ALTER TABLE notes ALTER COLUMN title TYPE varchar(100)");

      assertThat(observation.rewrittenTables()).isEmpty();
      assertThat(observation.strongestLock())
          .hasValueSatisfying(l -> assertThat(l.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE));
    }
  }

  @Test
  void observe_createIndex_holdsAShareLockAndIgnoresTheNewIndex(DatabaseConfig db)
      throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      Observation observation =
          observer.observe(scratch, "CREATE INDEX notes_views ON notes (views)");

      assertThat(observation.locks())
          .containsExactly(new HeldLock("public.notes", "table", LockMode.SHARE));
      assertThat(observation.rewrittenTables()).isEmpty();
    }
  }

  @Test
  void observe_commit_keepsTheEffectForTheNextStatement(DatabaseConfig db) throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      observer.observe(scratch, "ALTER TABLE notes ADD COLUMN body text", AfterObserving.COMMIT);
      Observation next = observer.observe(scratch, "UPDATE notes SET body = title");

      assertThat(next.failed()).isFalse();
      assertThat(next.locks()).extracting(HeldLock::mode).contains(LockMode.ROW_EXCLUSIVE);
    }
  }

  @Test
  void observe_failingStatement_returnsTheErrorAndLeavesNothing(DatabaseConfig db)
      throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      Observation observation =
          observer.observe(
              scratch, "ALTER TABLE notes ADD COLUMN n int NOT NULL", AfterObserving.COMMIT);

      assertThat(observation.failed()).isTrue();
      assertThat(observation.error()).contains("contains null values");
      assertThat(observer.observe(scratch, "SELECT 1").failed()).isFalse();
    }
  }

  @Test
  void observe_statementThatRefusesTransactions_runsOnItsOwnWhenKept(DatabaseConfig db)
      throws Exception {
    schema(db);
    try (Connection scratch = new Database(db).connect()) {
      String sql = "CREATE INDEX CONCURRENTLY notes_title ON notes (title)";

      Observation rolledBack = observer.observe(scratch, sql);
      Observation kept = observer.observe(scratch, sql, AfterObserving.COMMIT);

      assertThat(rolledBack.failed()).isTrue();
      assertThat(rolledBack.error()).contains("cannot run inside a transaction block");
      assertThat(kept.failed()).isFalse();
      assertThat(kept.inTransaction()).isFalse();
      assertThat(kept.locks()).isEmpty();
    }
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'notes_title'"))
        .isEqualTo(1);
  }

  @Test
  void observe_connectionInsideATransaction_isRefused(DatabaseConfig db) throws Exception {
    try (Connection scratch = new Database(db).connect()) {
      scratch.setAutoCommit(false);

      assertThatThrownBy(() -> observer.observe(scratch, "SELECT 1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("inside a transaction");
    }
  }
}
