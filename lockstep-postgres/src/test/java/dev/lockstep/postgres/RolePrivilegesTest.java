package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RolePrivilegesTest {
  private static final Secret PASSWORD = Secret.of("limited-role-password");

  @Test
  void read_superuser_mayDoEverything(DatabaseConfig db) {
    Sql.execute(db, "CREATE TABLE notes (id serial PRIMARY KEY)");

    RolePrivileges privileges = RolePrivileges.read(new Database(db));

    assertThat(privileges.mayCreateDatabases()).isTrue();
    assertThat(privileges.mayReplaceDatabase()).isTrue();
    assertThat(privileges.mayReadEverything()).isTrue();
    assertThat(privileges.grants()).isEmpty();
  }

  @Test
  void read_roleWithoutCreatedbOrGrants_namesTheStatementsThatFixIt(
      ThrowawayPostgres server, DatabaseConfig db) {
    String role = db.name() + "_limited";
    server.createRole(role, PASSWORD, false);
    Sql.execute(
        db,
        "CREATE SCHEMA billing",
        "CREATE TABLE public.notes (id serial PRIMARY KEY)",
        "CREATE TABLE billing.\"Invoices\" (id int)",
        "CREATE TABLE public.readable (id int)",
        "GRANT SELECT ON public.readable TO " + role);
    DatabaseConfig limited = as(db, role);

    RolePrivileges privileges = RolePrivileges.read(new Database(limited));

    assertThat(privileges.mayCreateDatabases()).isFalse();
    assertThat(privileges.mayReplaceDatabase()).isFalse();
    assertThat(privileges.unreadable())
        .containsExactly("billing.\"Invoices\"", "public.notes", "public.notes_id_seq");
    assertThat(privileges.schemasWithoutUsage()).containsExactly("billing");
    assertThat(privileges.grants())
        .containsExactly(
            "ALTER ROLE \"" + role + "\" CREATEDB;",
            "ALTER DATABASE \"" + db.name() + "\" OWNER TO \"" + role + "\";",
            "GRANT USAGE ON SCHEMA billing TO \"" + role + "\";",
            "GRANT SELECT ON billing.\"Invoices\", public.notes, public.notes_id_seq TO \""
                + role
                + "\";");
  }

  @Test
  void grants_runBySuperuser_leaveNothingMissing(ThrowawayPostgres server, DatabaseConfig db)
      throws SQLException {
    String role = db.name() + "_granted";
    server.createRole(role, PASSWORD, false);
    Sql.execute(
        db,
        "CREATE SCHEMA billing",
        "CREATE TABLE public.notes (id serial PRIMARY KEY)",
        "CREATE TABLE billing.\"Invoices\" (id int)");
    DatabaseConfig limited = as(db, role);
    List<String> grants = RolePrivileges.read(new Database(limited)).grants();

    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement()) {
      for (String grant : grants) {
        statement.execute(grant);
      }
    }
    assertThat(RolePrivileges.read(new Database(limited)).grants()).isEmpty();
  }

  private static DatabaseConfig as(DatabaseConfig db, String role) {
    return new DatabaseConfig(
        db.host(), db.port(), db.name(), role, PASSWORD, db.maintenanceDatabase());
  }
}
