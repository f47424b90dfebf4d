package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads one tool's history table, whose layout {@link Layouts#fits} has checked. */
interface FormatReader {
  MigrationHistory read(Connection connection, TableLayout table) throws SQLException;
}
