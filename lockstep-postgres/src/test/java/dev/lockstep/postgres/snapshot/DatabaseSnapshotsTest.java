package dev.lockstep.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DatabaseSnapshotsTest {
  DatabaseSnapshots snapshots;
  String snapshot;
  String replaced;

  @AfterEach
  void dropSnapshot() {
    if (snapshots != null) {
      snapshots.drop(snapshot);
      snapshots.drop(replaced);
    }
  }

  @Test
  void swapIn_bringsBackTheDatabaseAsItWasWhenTheSnapshotWasTaken(DatabaseConfig db)
      throws SQLException {
    snapshots = new DatabaseSnapshots(db);
    snapshot = db.name() + "_snap";
    Sql.execute(
        db,
        "CREATE TABLE notes (id int primary key, body text)",
        "INSERT INTO notes VALUES (1, 'kept')");

    DatabaseSnapshots.Snapshot taken = snapshots.take(snapshot);
    Sql.execute(
        db,
        "ALTER TABLE notes RENAME COLUMN body TO content",
        "INSERT INTO notes VALUES (2, 'lost')");
    snapshots.swapIn(snapshot, replaced(db));

    assertThat(taken.took()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes WHERE body = 'kept'")).isEqualTo(1);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(1);
    assertThat(snapshots.exists(snapshot)).isFalse();
    assertThat(snapshots.list(db.name())).containsExactly(db.name(), replaced(db));
    assertThat(Sql.queryLong(db.withName(replaced(db)), "SELECT count(*) FROM notes")).isEqualTo(2);
  }

  @Test
  void swapIn_interruptedAfterTheFirstRename_finishesWhenRunAgain(DatabaseConfig db)
      throws SQLException {
    snapshots = new DatabaseSnapshots(db);
    snapshot = db.name() + "_snap";
    Sql.execute(db, "CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
    snapshots.take(snapshot);
    Sql.execute(db, "INSERT INTO t VALUES (2)");
    try (Connection connection = new Database(db).connectMaintenance();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER DATABASE \"" + db.name() + "\" RENAME TO \"" + replaced(db) + "\"");
    }

    snapshots.swapIn(snapshot, replaced(db));
    snapshots.swapIn(snapshot, replaced(db)); // and again, as a resumed run would

    assertThat(Sql.queryLong(db, "SELECT count(*) FROM t")).isEqualTo(1);
    assertThat(Sql.queryLong(db.withName(replaced(db)), "SELECT count(*) FROM t")).isEqualTo(2);
  }

  @Test
  void swapIn_withoutTheSnapshot_failsAndLeavesTheDatabaseAlone(DatabaseConfig db)
      throws SQLException {
    snapshots = new DatabaseSnapshots(db);
    snapshot = db.name() + "_never_taken";
    Sql.execute(db, "CREATE TABLE t (id int)");

    assertThatThrownBy(() -> snapshots.swapIn(snapshot, replaced(db)))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("does not exist")
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.RESTORE_FAILED));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM t")).isZero();
  }

  private String replaced(DatabaseConfig db) {
    replaced = db.name() + "_replaced";
    return replaced;
  }
}
