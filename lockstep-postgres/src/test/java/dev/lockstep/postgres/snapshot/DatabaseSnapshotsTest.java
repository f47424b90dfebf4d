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

  @Test
  void copyStatement_postgres15_copiesFilesInsteadOfThroughTheWal() {
    assertThat(DatabaseSnapshots.copyStatement("snap", "app", "owner", 15))
        .isEqualTo("CREATE DATABASE \"snap\" TEMPLATE \"app\" OWNER \"owner\" STRATEGY FILE_COPY");
  }

  @Test
  void copyStatement_postgres14_namesNoStrategy() {
    assertThat(DatabaseSnapshots.copyStatement("snap", "app", "owner", 14))
        .isEqualTo("CREATE DATABASE \"snap\" TEMPLATE \"app\" OWNER \"owner\"");
  }

  @Test
  void take_postgres15_writesTheCopyOutsideTheWal(DatabaseConfig db) throws SQLException {
    snapshots = new DatabaseSnapshots(db);
    snapshot = db.name() + "_snap";
    replaced(db);
    Sql.execute(
        db,
        "CREATE TABLE filler AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS body"
            + " FROM generate_series(1, 200000) g");
    long databaseBytes = Sql.queryLong(db, "SELECT pg_database_size(current_database())");
    long walBefore = walPosition(db);

    snapshots.take(snapshot);

    // WAL_LOG (the default since 15) writes every block of the copy to the WAL; FILE_COPY writes
    // a few records. Other tests may write meanwhile, so the bound is loose.
    long walWritten = walPosition(db) - walBefore;
    assertThat(databaseBytes).isGreaterThan(20_000_000L);
    assertThat(walWritten).isLessThan(databaseBytes / 4);
    assertThat(Sql.queryLong(db.withName(snapshot), "SELECT count(*) FROM filler"))
        .isEqualTo(200_000);
  }

  private static long walPosition(DatabaseConfig db) {
    return Sql.queryLong(db, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
  }

  private String replaced(DatabaseConfig db) {
    replaced = db.name() + "_replaced";
    return replaced;
  }
}
