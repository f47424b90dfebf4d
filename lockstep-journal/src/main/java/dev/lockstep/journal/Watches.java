package dev.lockstep.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The watches after upgrades, in the journal: one per upgrade, with every sample it read and every
 * action it took, so that a watch killed and started again goes on with its samples.
 */
public final class Watches {
  private static final String COLUMNS =
      "run_id, release, previous, status, started_at, ends_at, ended_at, owner_pid, owner_start,"
          + " summary";

  private final JournalConnection db;
  private final Clock clock;

  Watches(JournalConnection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records a new watch of {@code runId}'s release, owned by this process, ending at {@code
   * endsAt}.
   */
  public WatchRecord start(String runId, String release, String previous, Instant endsAt) {
    ProcessHandle self = ProcessHandle.current();
    db.update(
        "INSERT INTO watches (run_id, release, previous, status, started_at, ends_at, owner_pid,"
            + " owner_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        runId,
        release,
        previous,
        WatchStatus.WATCHING.name(),
        clock.instant().toEpochMilli(),
        endsAt.toEpochMilli(),
        self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH).toEpochMilli());
    return watch(runId).orElseThrow();
  }

  /** Makes this process the owner of a watch whose owner is gone, to go on with it. */
  public void claim(String runId) {
    ProcessHandle self = ProcessHandle.current();
    db.update(
        "UPDATE watches SET owner_pid = ?, owner_start = ? WHERE run_id = ?",
        self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH).toEpochMilli(),
        runId);
  }

  public void finish(String runId, WatchStatus status, String summary) {
    db.update(
        "UPDATE watches SET status = ?, ended_at = ?, summary = ? WHERE run_id = ?",
        status.name(),
        clock.instant().toEpochMilli(),
        summary,
        runId);
  }

  public Optional<WatchRecord> watch(String runId) {
    return select("WHERE run_id = ?", runId).stream().findFirst();
  }

  /** Every watch, newest first. */
  public List<WatchRecord> all() {
    return select("ORDER BY started_at DESC, rowid DESC");
  }

  /** Records the readings of one round of sampling together: a kill never keeps half a round. */
  public void addSamples(String runId, List<RecordedSample> samples) {
    db.inTransaction(
        () -> {
          for (RecordedSample sample : samples) {
            db.update(
                "INSERT INTO watch_samples (run_id, signal, series, at, value)"
                    + " VALUES (?, ?, ?, ?, ?)",
                runId,
                sample.signal(),
                sample.series().name(),
                sample.at().toEpochMilli(),
                sample.value());
          }
        });
  }

  /** Forgets the baseline of {@code runId}, before it is taken again (by a resumed upgrade). */
  public void clearBaseline(String runId) {
    db.update(
        "DELETE FROM watch_samples WHERE run_id = ? AND series = ?",
        runId,
        SampleSeries.BASELINE.name());
  }

  /** Every sample of the run's signals, by signal, then series, then time. */
  public List<RecordedSample> samples(String runId) {
    return db.query(
        "SELECT signal, series, at, value FROM watch_samples WHERE run_id = ?"
            + " ORDER BY signal, series, at, rowid",
        rs ->
            new RecordedSample(
                rs.getString(1),
                SampleSeries.valueOf(rs.getString(2)),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getDouble(4)),
        runId);
  }

  public void addEvent(String runId, String what) {
    db.update(
        "INSERT INTO watch_events (run_id, at, what) VALUES (?, ?, ?)",
        runId,
        clock.instant().toEpochMilli(),
        what);
  }

  public List<WatchEvent> events(String runId) {
    return db.query(
        "SELECT at, what FROM watch_events WHERE run_id = ? ORDER BY at, rowid",
        rs -> new WatchEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)),
        runId);
  }

  private List<WatchRecord> select(String where, Object... args) {
    return db.query(
        "SELECT " + COLUMNS + " FROM watches " + where,
        rs -> {
          long ended = rs.getLong(7);
          Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
          return new WatchRecord(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              WatchStatus.valueOf(rs.getString(4)),
              Instant.ofEpochMilli(rs.getLong(5)),
              Instant.ofEpochMilli(rs.getLong(6)),
              endedAt,
              rs.getLong(8),
              Instant.ofEpochMilli(rs.getLong(9)),
              rs.getString(10));
        },
        args);
  }
}
