/**
 * How the lint reads SQL: a PostgreSQL-aware splitter ({@link dev.lockstep.schema.sql.SqlScript}),
 * and {@link dev.lockstep.schema.sql.StatementParser}, which hands each statement to JSqlParser
 * after a token-level shim for the PostgreSQL clauses JSqlParser 5.3 rejects (and quoting the names
 * it takes for keywords). Used by the lint, and by snapshots and diffs to read function bodies
 * ({@link dev.lockstep.schema.sql.RoutineBodies}) and trigger definitions; not meant for other
 * modules.
 */
package dev.lockstep.schema.sql;
