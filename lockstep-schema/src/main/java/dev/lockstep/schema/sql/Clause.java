package dev.lockstep.schema.sql;

/**
 * PostgreSQL clauses JSqlParser 5.3 rejects, which the shim takes out of a statement before
 * JSqlParser parses it, and remembers, because some decide a lint rule.
 */
public enum Clause {
  /** {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}. */
  CONCURRENTLY,
  /** {@code ADD CONSTRAINT … NOT VALID}: existing rows are not checked now. */
  NOT_VALID,
  /** {@code ALTER COLUMN … TYPE … USING expression}: every row is converted. */
  USING_EXPRESSION,
  /** {@code CREATE TABLE … PARTITION BY …}. */
  PARTITIONED,
  /**
   * Taken out because it does not matter to the lint: {@code IF NOT EXISTS}, {@code ONLY}, a
   * partial index's {@code WHERE}, {@code INCLUDE}, {@code NULLS LAST}, {@code DEFERRABLE}, {@code
   * MATCH FULL}.
   */
  IGNORED
}
