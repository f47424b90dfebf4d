package dev.lockstep.journal;

import java.util.List;

/**
 * The journal's format, version by version: version 1 is {@link #BASELINE} (what Lockstep wrote
 * before the journal had a version), each later version one {@link JournalMigration}.
 *
 * <p>To change the format, append a migration here; never edit one that has shipped (journals out
 * there are already past it). Keep it additive: new tables, new nullable columns, new indexes. An
 * older Lockstep still running on the file (a {@code lockstep status} started before the upgrade,
 * or the operator going back to the older release) must keep working on it, because it neither
 * checks the version nor knows the new parts. Renaming or dropping a column or a table, changing
 * what a value means, or a new NOT NULL column without a default is not additive: it needs a new
 * table written alongside the old one, and removing the old one waits for a later version.
 */
final class JournalMigrations {
  /** Version 1, created with IF NOT EXISTS: all of it was run on every open before versions. */
  static final List<String> BASELINE =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, environment TEXT NOT NULL,
            from_version TEXT, to_version TEXT NOT NULL, status TEXT NOT NULL,
            started_at INTEGER NOT NULL, ended_at INTEGER, owner_pid INTEGER NOT NULL,
            owner_start INTEGER NOT NULL, summary TEXT)""",
          """
          CREATE TABLE IF NOT EXISTS steps (
            run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, name TEXT NOT NULL,
            phase TEXT NOT NULL, status TEXT NOT NULL, started_at INTEGER NOT NULL,
            ended_at INTEGER, detail TEXT, PRIMARY KEY (run_id, seq))""",
          """
          CREATE TABLE IF NOT EXISTS facts (
            run_id TEXT NOT NULL REFERENCES runs(id), key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (run_id, key))""",
          """
          CREATE TABLE IF NOT EXISTS installed (
            id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, run_id TEXT NOT NULL,
            since INTEGER NOT NULL)""");

  /** In order, each one version up from the one before; the last one's target is current. */
  static final List<JournalMigration> ALL =
      List.of(
          new JournalMigration(
              1,
              2,
              "the checklists a run was started with, so resume replays them",
              List.of(
                  """
                  CREATE TABLE checklists (
                    run_id TEXT NOT NULL REFERENCES runs(id), number INTEGER NOT NULL,
                    phase TEXT NOT NULL, first_seq INTEGER NOT NULL, steps TEXT NOT NULL,
                    inputs TEXT NOT NULL, PRIMARY KEY (run_id, number))""")),
          new JournalMigration(
              2,
              3,
              "the watch after an upgrade: its state, samples and the actions it took",
              List.of(
                  """
                  CREATE TABLE watches (
                    run_id TEXT PRIMARY KEY REFERENCES runs(id), release TEXT NOT NULL,
                    previous TEXT, status TEXT NOT NULL, started_at INTEGER NOT NULL,
                    ends_at INTEGER NOT NULL, ended_at INTEGER, owner_pid INTEGER NOT NULL,
                    owner_start INTEGER NOT NULL, summary TEXT)""",
                  """
                  CREATE TABLE watch_samples (
                    run_id TEXT NOT NULL REFERENCES runs(id), signal TEXT NOT NULL,
                    series TEXT NOT NULL, at INTEGER NOT NULL, value REAL NOT NULL)""",
                  "CREATE INDEX watch_samples_by_run ON watch_samples (run_id, signal, series, at)",
                  """
                  CREATE TABLE watch_events (
                    run_id TEXT NOT NULL REFERENCES runs(id), at INTEGER NOT NULL,
                    what TEXT NOT NULL)""")));

  private JournalMigrations() {}
}
