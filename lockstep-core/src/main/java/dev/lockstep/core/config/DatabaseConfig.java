package dev.lockstep.core.config;

import dev.lockstep.core.api.Secret;

/**
 * The product's Postgres database. The password is read from the environment or a file when the
 * configuration is loaded, and handed to child processes only through a password file.
 *
 * @param maintenanceDatabase the database Lockstep connects to when it creates, drops or restores
 *     the product's database (usually {@code postgres})
 */
public record DatabaseConfig(
    String host, int port, String name, String user, Secret password, String maintenanceDatabase) {

  public String jdbcUrl() {
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The same server and credentials, another database (a scratch copy, the maintenance one). */
  public DatabaseConfig withName(String database) {
    return new DatabaseConfig(host, port, database, user, password, maintenanceDatabase);
  }

  @Override
  public String toString() {
    return user + "@" + host + ":" + port + "/" + name;
  }
}
