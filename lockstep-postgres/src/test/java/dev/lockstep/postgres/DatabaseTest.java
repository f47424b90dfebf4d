package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DatabaseTest {

  @Test
  void rowCounts_countsEveryUserTableSortedBySchemaAndName(DatabaseConfig db) {
    Sql.execute(
        db,
        "CREATE SCHEMA billing",
        "CREATE TABLE public.notes (id int)",
        "CREATE TABLE billing.\"Invoices\" (id int)",
        "CREATE VIEW note_view AS SELECT * FROM notes",
        "INSERT INTO notes SELECT generate_series(1, 7)",
        "INSERT INTO billing.\"Invoices\" VALUES (1), (2)");

    assertThat(new Database(db).rowCounts())
        .containsExactly(
            java.util.Map.entry("billing.Invoices", 2L), java.util.Map.entry("public.notes", 7L));
  }

  @Test
  void connect_setsApplicationName(DatabaseConfig db) throws Exception {
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW application_name")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("lockstep");
    }
  }

  @Test
  void existsAndSize_describeTheDatabase(DatabaseConfig db) {
    Database database = new Database(db);

    assertThat(database.exists()).isTrue();
    assertThat(database.sizeBytes()).isPositive();
    assertThat(new Database(db.withName("no_such_database")).exists()).isFalse();
  }

  @Test
  void terminateOtherConnections_endsOtherSessions(DatabaseConfig db) throws Exception {
    Database database = new Database(db);
    try (Connection other = database.connect()) {
      database.terminateOtherConnections();

      assertThat(other.isValid(2)).isFalse();
    }
  }

  @Test
  void connect_wrongPassword_isUnreachableWithoutThePassword(ThrowawayPostgres server) {
    DatabaseConfig wrong =
        new DatabaseConfig(
            server.host(),
            server.port(),
            "postgres",
            "lockstep",
            Secret.of("hunter2-x"),
            "postgres");

    assertThatThrownBy(() -> new Database(wrong).connect())
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
              assertThat(e.getMessage())
                  .contains("127.0.0.1:" + server.port() + "/postgres")
                  .contains("'lockstep'")
                  .contains("Is the server running?")
                  .doesNotContain("hunter2-x");
            });
  }

  @Test
  void connect_nothingListening_isUnreachable() {
    DatabaseConfig nowhere =
        new DatabaseConfig("127.0.0.1", 1, "notes", "app", Secret.of("pw-123456"), "postgres");

    assertThatThrownBy(() -> new Database(nowhere).serverVersion())
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
              assertThat(e.getMessage()).contains("127.0.0.1:1/notes").doesNotContain("pw-123456");
            });
  }
}
