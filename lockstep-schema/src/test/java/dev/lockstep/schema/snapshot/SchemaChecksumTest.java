package dev.lockstep.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaChecksumTest {

  @Test
  void of_sameSchemaAfterWrites_isTheSame(DatabaseConfig db) throws SQLException {
    Sql.execute(db, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
    String before = checksum(db);

    Sql.execute(db, "INSERT INTO notes VALUES (1, 'a')", "ANALYZE notes");

    assertThat(checksum(db)).isEqualTo(before).hasSize(32);
  }

  @Test
  void of_eachKindOfSchemaChange_differs(DatabaseConfig db) throws SQLException {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)",
        "CREATE TYPE mood AS ENUM ('ok')",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    String[] changes = {
      "ALTER TABLE notes ADD COLUMN tags text",
      "ALTER TABLE notes ALTER COLUMN body DROP NOT NULL",
      "ALTER TABLE notes ALTER COLUMN tags SET DEFAULT 'x'",
      "ALTER TABLE notes ALTER COLUMN tags TYPE varchar(20)",
      "CREATE INDEX notes_body ON notes (body)",
      "ALTER TABLE notes ADD CONSTRAINT body_short CHECK (length(body) < 100)",
      "CREATE VIEW recent AS SELECT id FROM notes",
      "CREATE OR REPLACE VIEW recent AS SELECT id, body FROM notes",
      "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2'",
      "ALTER TYPE mood ADD VALUE 'sad'",
      "CREATE SEQUENCE counter",
      "ALTER TABLE notes RENAME COLUMN body TO content",
      "ALTER TABLE notes RENAME TO memos",
      "CREATE SCHEMA extra",
      "DROP TABLE memos CASCADE"
    };
    String previous = checksum(db);
    for (String change : changes) {
      Sql.execute(db, change);
      String now = checksum(db);
      assertThat(now).as(change).isNotEqualTo(previous);
      previous = now;
    }
  }

  private static String checksum(DatabaseConfig db) throws SQLException {
    try (Connection connection = new Database(db).connect()) {
      return SchemaChecksum.of(connection);
    }
  }
}
