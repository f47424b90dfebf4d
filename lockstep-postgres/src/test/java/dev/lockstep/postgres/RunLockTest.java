package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run lock against a real server: one holder per product database, named to the others. */
@ExtendWith(PostgresExtension.class)
class RunLockTest {
  private static final String FIRST =
      "Lockstep on host alpha, pid 101, state folder /srv/a/.lockstep";
  private static final String SECOND =
      "Lockstep on host beta, pid 202, state folder /srv/b/.lockstep";

  @Test
  void acquire_whileAnotherHoldsIt_failsAfterTheWaitNamingTheHolder(DatabaseConfig db) {
    try (RunLock first = RunLock.acquire(db, FIRST, RunLock.DEFAULT_WAIT)) {
      assertThatThrownBy(() -> RunLock.acquire(db, SECOND, Duration.ofMillis(300)))
          .isInstanceOf(LockstepException.class)
          .hasMessageContaining("Another Lockstep run holds database '" + db.name() + "'")
          .hasMessageContaining(FIRST + " (session pid ")
          .hasMessageContaining("Waited 300ms")
          .hasMessageContaining("pg_terminate_backend(")
          .extracting(e -> ((LockstepException) e).errorCode())
          .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
      assertThat(first.isHeld()).isTrue();
    }
  }

  @Test
  void acquire_holderNamedEvenAfterItCheckedItStillHoldsTheLock(DatabaseConfig db) {
    try (RunLock first = RunLock.acquire(db, FIRST, RunLock.DEFAULT_WAIT)) {
      assertThat(first.isHeld()).isTrue();

      assertThatThrownBy(() -> RunLock.acquire(db, SECOND, Duration.ZERO))
          .hasMessageContaining(FIRST + " (session pid ");
    }
  }

  @Test
  void close_releasesIt_forTheNextRun(DatabaseConfig db) {
    RunLock first = RunLock.acquire(db, FIRST, RunLock.DEFAULT_WAIT);
    first.close();

    try (RunLock second = RunLock.acquire(db, SECOND, Duration.ZERO)) {
      assertThat(second.isHeld()).isTrue();
      assertThat(first.isHeld()).isFalse();
    }
    first.close(); // twice: nothing happens
  }

  @Test
  void acquire_waitsForAHolderThatFinishesWithinTheWait(DatabaseConfig db) throws Exception {
    RunLock first = RunLock.acquire(db, FIRST, RunLock.DEFAULT_WAIT);
    CompletableFuture<Void> finishing =
        CompletableFuture.runAsync(
            () -> {
              sleep(500);
              first.close();
            });

    try (RunLock second = RunLock.acquire(db, SECOND, Duration.ofSeconds(30))) {
      assertThat(second.isHeld()).isTrue();
    }
    finishing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void acquire_otherProductDatabases_doNotWaitForEachOther(DatabaseConfig db) {
    DatabaseConfig other = PostgresExtension.freshDatabase("other product");
    try (RunLock first = RunLock.acquire(db, FIRST, Duration.ZERO);
        RunLock second = RunLock.acquire(other, SECOND, Duration.ZERO)) {
      assertThat(first.isHeld()).isTrue();
      assertThat(second.isHeld()).isTrue();
    } finally {
      PostgresExtension.server().dropDatabase(other.name());
    }
  }

  @Test
  void session_isInTheMaintenanceDatabase_namedAfterItsHolder(DatabaseConfig db) throws Exception {
    try (RunLock lock = RunLock.acquire(db, FIRST, Duration.ZERO);
        Connection connection = new Database(db).connectMaintenance();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT a.datname, a.application_name FROM pg_locks l"
                    + " JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND a.application_name LIKE 'lockstep run%'")) {
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("datname")).isEqualTo(db.maintenanceDatabase());
        assertThat(rows.getString("application_name"))
            .isEqualTo("lockstep run: alpha, pid 101, state folder /srv/a/.lockstep");
      }
    }
  }

  @Test
  void applicationName_longHolder_fitsPostgresLimit() {
    String name = RunLock.applicationName(RunLock.describeHolder(Path.of("/" + "x".repeat(200))));

    assertThat(name).startsWith("lockstep run: ");
    assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void lock_survivesTheProductDatabaseBeingRenamedAndDropped(DatabaseConfig db) throws Exception {
    ServerAdmin admin = new ServerAdmin(new Database(db), ErrorCode.RESTORE_FAILED);
    try (RunLock lock = RunLock.acquire(db, FIRST, Duration.ZERO)) {
      // What a restore does to the product database: sessions on it ended, renamed, dropped.
      new Database(db).terminateOtherConnections();
      try (Connection maintenance = new Database(db).connectMaintenance();
          Statement statement = maintenance.createStatement()) {
        statement.execute(
            "ALTER DATABASE \"" + db.name() + "\" RENAME TO \"" + db.name() + "_replaced\"");
      }
      admin.drop(db.name() + "_replaced");

      assertThat(lock.isHeld()).isTrue();
      assertThatThrownBy(() -> RunLock.acquire(db, SECOND, Duration.ZERO))
          .hasMessageContaining(FIRST);
    } finally {
      PostgresExtension.server().createDatabase(db.name());
    }
  }

  @Test
  void close_afterItsSessionWasEnded_neitherThrowsNorHidesTheRunsError(DatabaseConfig db)
      throws Exception {
    IllegalStateException original = new IllegalStateException("the step failed");

    assertThatThrownBy(
            () -> {
              try (RunLock lock = RunLock.acquire(db, FIRST, Duration.ZERO)) {
                terminateRunLockSessions(db);
                assertThat(lock.isHeld()).isFalse();
                throw original;
              }
            })
        .isSameAs(original)
        .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
  }

  @Test
  void holderKilled_theLockIsReleasedWithItsSession(DatabaseConfig db) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldRunLockMain.class.getName(),
                db.host(),
                Integer.toString(db.port()),
                db.name(),
                db.user(),
                db.maintenanceDatabase())
            .redirectErrorStream(true);
    builder.environment().put("RUN_LOCK_TEST_PASSWORD", db.password().reveal());
    Process holder = builder.start();
    try {
      String line = firstLine(holder);
      assertThat(line).startsWith("held by Lockstep on host ");
      assertThatThrownBy(() -> RunLock.acquire(db, SECOND, Duration.ZERO))
          .hasMessageContaining("pid " + holder.pid() + ", state folder /srv/killed/.lockstep");

      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      try (RunLock second = RunLock.acquire(db, SECOND, Duration.ofSeconds(10))) {
        assertThat(second.isHeld()).isTrue();
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  private static void terminateRunLockSessions(DatabaseConfig db) throws Exception {
    try (Connection connection = new Database(db).connectMaintenance();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name LIKE 'lockstep run:%'");
    }
    sleep(200); // the server ends the session asynchronously
  }

  private static String firstLine(Process process) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return reader.readLine();
              } catch (Exception e) {
                return e.toString();
              }
            })
        .get(60, TimeUnit.SECONDS);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
