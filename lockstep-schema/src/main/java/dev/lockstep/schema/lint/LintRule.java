package dev.lockstep.schema.lint;

/**
 * Every rule the lint applies, with its stable id (what reports, configuration and tests name) and
 * the safer way to do what it flags.
 */
public enum LintRule {
  CREATE_INDEX_NOT_CONCURRENTLY(
      "create-index-not-concurrently",
      Severity.WARNING,
      "CREATE INDEX CONCURRENTLY, in a migration of its own that does not run in a transaction;"
          + " if it fails, drop the INVALID index it leaves behind and run it again. On a"
          + " partitioned table: CREATE INDEX ON ONLY the parent, CREATE INDEX CONCURRENTLY on each"
          + " partition, then ALTER INDEX … ATTACH PARTITION."),
  DROP_INDEX_NOT_CONCURRENTLY(
      "drop-index-not-concurrently",
      Severity.WARNING,
      "DROP INDEX CONCURRENTLY, outside a transaction."),
  REINDEX_NOT_CONCURRENTLY(
      "reindex-not-concurrently",
      Severity.WARNING,
      "REINDEX … CONCURRENTLY, outside a transaction."),
  ALTER_COLUMN_TYPE(
      "alter-column-type",
      Severity.WARNING,
      "Add a column of the new type, write to both and backfill it in batches, switch reads to it,"
          + " and drop the old column in a later release. Raising a varchar limit or going from"
          + " varchar to text needs no rewrite; to limit a length, add a CHECK constraint NOT VALID"
          + " and validate it."),
  ADD_COLUMN_VOLATILE_DEFAULT(
      "add-column-volatile-default",
      Severity.WARNING,
      "Add the column without a default (or with a constant one), then ALTER COLUMN … SET DEFAULT,"
          + " which only applies to new rows, and fill existing rows in batches."),
  ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(
      "add-column-not-null-without-default",
      Severity.ERROR,
      "Add the column nullable (or NOT NULL with a constant DEFAULT), fill it, and make it NOT NULL"
          + " in a later release, once every writer sets it."),
  SET_NOT_NULL(
      "set-not-null",
      Severity.WARNING,
      "ADD CONSTRAINT … CHECK (column IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in another"
          + " transaction (it does not block writes), then SET NOT NULL, which PostgreSQL 12 and"
          + " later do without a scan once that check is valid; then drop the check."),
  ADD_FOREIGN_KEY_WITHOUT_NOT_VALID(
      "add-foreign-key-without-not-valid",
      Severity.WARNING,
      "ADD CONSTRAINT … FOREIGN KEY … NOT VALID (instant: new rows are checked), then VALIDATE"
          + " CONSTRAINT in another transaction, which checks existing rows without blocking"
          + " writes."),
  ADD_CHECK_WITHOUT_NOT_VALID(
      "add-check-without-not-valid",
      Severity.WARNING,
      "ADD CONSTRAINT … CHECK (…) NOT VALID (instant: new rows are checked), then VALIDATE"
          + " CONSTRAINT in another transaction, which checks existing rows without blocking"
          + " writes."),
  ADD_UNIQUE_WITHOUT_USING_INDEX(
      "add-unique-without-using-index",
      Severity.WARNING,
      "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE … ADD CONSTRAINT … UNIQUE (or"
          + " PRIMARY KEY) USING INDEX …, which only holds its lock for a moment."),
  DROP_TABLE(
      "drop-table",
      Severity.ERROR,
      "Stop using the table in one release and drop it in a later one, once the release that"
          + " used it can no longer come back (expand, then contract)."),
  DROP_COLUMN(
      "drop-column",
      Severity.ERROR,
      "Stop reading and writing the column in one release (tell the ORM to ignore it), and drop"
          + " it in a later release."),
  DROP_OBJECT(
      "drop-object",
      Severity.ERROR,
      "Drop it in a later release, once no release that can still be rolled back to uses it."),
  RENAME_TABLE(
      "rename-table",
      Severity.ERROR,
      "Keep the old name working while both releases run: create the table under its new name"
          + " and keep a view with the old name (or the reverse), and drop the old name in a later"
          + " release."),
  RENAME_COLUMN(
      "rename-column",
      Severity.ERROR,
      "Add the new column, write to both and backfill it, read from the new one in the next"
          + " release, and drop the old column in the release after that."),
  RENAME_OBJECT(
      "rename-object",
      Severity.ERROR,
      "Create the object under its new name next to the old one, move readers and writers over,"
          + " and drop the old name in a later release."),
  VACUUM_FULL(
      "vacuum-full",
      Severity.WARNING,
      "Plain VACUUM (it takes no exclusive lock), or pg_repack or pg_squeeze to compact a table"
          + " online; never in a migration."),
  CLUSTER(
      "cluster",
      Severity.WARNING,
      "pg_repack --order-by to reorder a table online; never in a migration."),
  LOCK_TABLE(
      "lock-table",
      Severity.WARNING,
      "Let each statement take the lock it needs, keep the transaction short, and set"
          + " lock_timeout so that a migration waiting for a lock does not queue every query"
          + " behind it."),
  UNPARSED_STATEMENT(
      "unparsed-statement",
      Severity.INFO,
      "Rehearse the migration: running it on a scratch copy shows the locks it takes and whether"
          + " it rewrites a table."),
  OBSERVED_TABLE_REWRITE(
      "observed-table-rewrite",
      Severity.WARNING,
      "Do the change without a rewrite (a new column filled in batches), or schedule downtime for"
          + " it: the rehearsal's timing says how long."),
  OBSERVED_BLOCKING_LOCK(
      "observed-blocking-lock",
      Severity.WARNING,
      "Find the statement's non-blocking form (CONCURRENTLY, NOT VALID then VALIDATE), or keep it"
          + " short and set lock_timeout."),
  OBSERVED_FAILURE(
      "observed-failure",
      Severity.ERROR,
      "Fix the migration so that it runs on the schema it will meet; nothing after this statement"
          + " was observed.");

  private final String id;
  private final Severity severity;
  private final String saferAlternative;

  LintRule(String id, Severity severity, String saferAlternative) {
    this.id = id;
    this.severity = severity;
    this.saferAlternative = saferAlternative;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String saferAlternative() {
    return saferAlternative;
  }
}
