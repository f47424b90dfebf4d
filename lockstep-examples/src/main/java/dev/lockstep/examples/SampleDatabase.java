package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** The sample product's own role and database on a server, as an operator would create them. */
final class SampleDatabase {
  private SampleDatabase() {}

  /**
   * Creates role {@code name} with a new random password and database {@code name} it owns; returns
   * the password.
   */
  static Secret create(ThrowawayPostgres postgres, String name) {
    Secret password = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    create(postgres, name, password);
    return password;
  }

  /** Creates role {@code name} with {@code password} and database {@code name} it owns. */
  static void create(ThrowawayPostgres postgres, String name, Secret password) {
    postgres.createRole(name, password, true);
    try (Connection connection = new Database(postgres.database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }
}
