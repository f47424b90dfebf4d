/**
 * How the lint reads SQL: a PostgreSQL-aware splitter ({@link dev.lockstep.schema.sql.SqlScript}),
 * and {@link dev.lockstep.schema.sql.StatementParser}, which hands each statement to JSqlParser
 * after a token-level shim for the PostgreSQL clauses JSqlParser 5.3 rejects. Used by the lint; not
 * meant for other modules.
 */
package dev.lockstep.schema.sql;
