package dev.lockstep.journal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every run, step by step, in an embedded SQLite file in Lockstep's state folder. It never lives in
 * the product's database, which a restore would rewind. Each write is committed and synced before
 * the work it describes begins, so a run killed at any point can be resumed from here; writes that
 * describe one change of state together (a step's end and the facts it found) go in one {@link
 * #inTransaction(Supplier) transaction}, so a kill never leaves half of it.
 *
 * <p>The file carries its format version and is migrated forward when opened by a newer Lockstep (a
 * copy of the older file kept beside it); a file from a newer Lockstep is refused.
 */
public final class Journal implements AutoCloseable {
  private final JournalConnection db;
  private final Clock clock;
  private final Optional<JournalUpgrade> upgrade;

  private Journal(JournalConnection db, Clock clock, Optional<JournalUpgrade> upgrade) {
    this.db = db;
    this.clock = clock;
    this.upgrade = upgrade;
  }

  /**
   * Opens the journal, creating it at the current format version, or migrating an older one forward
   * after keeping a copy of it as {@code <file>.v<old version>.bak}.
   *
   * @throws LockstepException {@link ErrorCode#FORMAT_TOO_NEW} if a newer Lockstep wrote it; the
   *     file is not changed
   */
  public static Journal open(Path file) {
    return open(file, Clock.systemUTC());
  }

  public static Journal open(Path file, Clock clock) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw cannotOpen(file.toString(), e);
    }
    return connect("jdbc:sqlite:" + absolute, absolute, clock);
  }

  /**
   * An empty journal that lives in memory: what commands that only read see before the first run
   * has created the real one, so that reading never creates files.
   */
  public static Journal empty() {
    return connect("jdbc:sqlite::memory:", null, Clock.systemUTC());
  }

  private static Journal connect(String url, Path file, Clock clock) {
    JournalConnection db;
    try {
      db = JournalConnection.open(url);
    } catch (SQLException e) {
      throw cannotOpen(url, e);
    }
    try {
      JournalSchema.CURRENT.refuseNewer(db, file);
      db.makeDurable();
      return new Journal(db, clock, JournalSchema.CURRENT.bringUpToDate(db, file));
    } catch (RuntimeException e) {
      try {
        db.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static LockstepException cannotOpen(String where, Exception e) {
    return new LockstepException(
        ErrorCode.INTERNAL,
        "Cannot open the journal "
            + where
            + ": "
            + e.getMessage()
            + ". Check that the state folder is writable by the user running Lockstep.",
        e);
  }

  /** The journal's format version, as this Lockstep writes it (older files are migrated). */
  public int formatVersion() {
    return db.queryInt("PRAGMA user_version");
  }

  /** The migration this open did to the file, if it was in an older format: worth telling. */
  public Optional<JournalUpgrade> upgrade() {
    return upgrade;
  }

  /**
   * Runs {@code work} in one transaction: every journal write it makes is committed together when
   * it returns, or none if it throws (the exception is rethrown as it was). Nested calls join the
   * outermost transaction; only the outermost commits, and a nested call that throws undoes only
   * its own writes (a caller that catches the exception keeps the rest). Keep the work to journal
   * writes and quick decisions: other journal users (threads, processes) wait until it ends.
   */
  public <T> T inTransaction(Supplier<T> work) {
    return db.inTransaction(work);
  }

  /** {@link #inTransaction(Supplier)} for work with no result. */
  public void inTransaction(Runnable work) {
    db.inTransaction(work);
  }

  /** The watches after upgrades: their samples and the actions they took. */
  public Watches watches() {
    return new Watches(db, clock);
  }

  /** Records a new run owned by this process, in status RUNNING. */
  public RunRecord startRun(RunKind kind, String environment, String from, String to) {
    ProcessHandle self = ProcessHandle.current();
    Instant ownerStart = self.info().startInstant().orElse(Instant.EPOCH);
    String id = runId();
    Instant now = clock.instant();
    db.update(
        "INSERT INTO runs (id, kind, environment, from_version, to_version, status, started_at,"
            + " owner_pid, owner_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        kind.name(),
        environment,
        from,
        to,
        RunStatus.RUNNING.name(),
        now.toEpochMilli(),
        self.pid(),
        ownerStart.toEpochMilli());
    return run(id).orElseThrow();
  }

  /**
   * Records a run that already ended, as it happened: for work that is journaled whole once it is
   * done (an adoption), so that a kill half-way leaves no run to resume. Call it, the steps and the
   * facts in one {@link #inTransaction(Supplier) transaction}.
   */
  public RunRecord recordFinishedRun(
      RunKind kind,
      String environment,
      String from,
      String to,
      RunStatus status,
      Instant startedAt,
      String summary) {
    ProcessHandle self = ProcessHandle.current();
    String id = runId();
    db.update(
        "INSERT INTO runs (id, kind, environment, from_version, to_version, status, started_at,"
            + " ended_at, owner_pid, owner_start, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        kind.name(),
        environment,
        from,
        to,
        status.name(),
        startedAt.toEpochMilli(),
        clock.instant().toEpochMilli(),
        self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH).toEpochMilli(),
        summary);
    return run(id).orElseThrow();
  }

  /** Records a step that already ended, with its own times, as {@link #recordFinishedRun} does. */
  public void recordFinishedStep(
      String runId,
      String name,
      Phase phase,
      StepStatus status,
      Instant startedAt,
      Instant endedAt,
      String detail) {
    inTransaction(
        () -> {
          int seq =
              db.queryInt("SELECT COALESCE(MAX(seq), 0) + 1 FROM steps WHERE run_id = ?", runId);
          db.update(
              "INSERT INTO steps (run_id, seq, name, phase, status, started_at, ended_at, detail)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              runId,
              seq,
              name,
              phase.name(),
              status.name(),
              startedAt.toEpochMilli(),
              endedAt.toEpochMilli(),
              detail);
        });
  }

  /** Makes this process the owner of an orphaned run, as {@code lockstep resume} does. */
  public void claim(String runId) {
    ProcessHandle self = ProcessHandle.current();
    db.update(
        "UPDATE runs SET owner_pid = ?, owner_start = ? WHERE id = ?",
        self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH).toEpochMilli(),
        runId);
  }

  public void setStatus(String runId, RunStatus status) {
    db.update("UPDATE runs SET status = ? WHERE id = ?", status.name(), runId);
  }

  public void finishRun(String runId, RunStatus status, String summary) {
    db.update(
        "UPDATE runs SET status = ?, ended_at = ?, summary = ? WHERE id = ?",
        status.name(),
        clock.instant().toEpochMilli(),
        summary,
        runId);
  }

  /** Records that a step is about to run; returns its sequence number in the run. */
  public int stepStarted(String runId, String name, Phase phase) {
    return inTransaction(
        () -> {
          int seq =
              db.queryInt("SELECT COALESCE(MAX(seq), 0) + 1 FROM steps WHERE run_id = ?", runId);
          db.update(
              "INSERT INTO steps (run_id, seq, name, phase, status, started_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?)",
              runId,
              seq,
              name,
              phase.name(),
              StepStatus.STARTED.name(),
              clock.instant().toEpochMilli());
          return seq;
        });
  }

  public void stepFinished(String runId, int seq, StepStatus status, String detail) {
    db.update(
        "UPDATE steps SET status = ?, ended_at = ?, detail = ? WHERE run_id = ? AND seq = ?",
        status.name(),
        clock.instant().toEpochMilli(),
        detail,
        runId,
        seq);
  }

  /** Records something a later decision depends on (the backup id, the migrations applied). */
  public void recordFact(String runId, String key, String value) {
    db.update(
        "INSERT INTO facts (run_id, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
        runId,
        key,
        value);
  }

  public Map<String, String> facts(String runId) {
    Map<String, String> facts = new LinkedHashMap<>();
    db.query(
            "SELECT key, value FROM facts WHERE run_id = ? ORDER BY key",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            runId)
        .forEach(fact -> facts.put(fact.getKey(), fact.getValue()));
    return facts;
  }

  /**
   * Records a checklist the run follows from step {@code firstSeq} on: its steps in order and the
   * inputs that shaped it ({@code inputsJson}, a JSON object kept as given). Numbered 1, 2, 3… per
   * run.
   */
  public Checklist recordChecklist(
      String runId, Phase phase, int firstSeq, List<String> steps, String inputsJson) {
    Objects.requireNonNull(inputsJson, "inputsJson");
    String stepsJson = JournalRows.stepNamesJson(steps);
    return inTransaction(
        () -> {
          int number =
              db.queryInt(
                  "SELECT COALESCE(MAX(number), 0) + 1 FROM checklists WHERE run_id = ?", runId);
          db.update(
              "INSERT INTO checklists (run_id, number, phase, first_seq, steps, inputs)"
                  + " VALUES (?, ?, ?, ?, ?, ?)",
              runId,
              number,
              phase.name(),
              firstSeq,
              stepsJson,
              inputsJson);
          return new Checklist(runId, number, phase, firstSeq, steps, inputsJson);
        });
  }

  /** The checklists the run recorded, in the order it recorded them. */
  public List<Checklist> checklists(String runId) {
    return db.query(
        "SELECT "
            + JournalRows.CHECKLIST_COLUMNS
            + " FROM checklists WHERE run_id = ? ORDER BY number",
        JournalRows::checklist,
        runId);
  }

  public void setInstalled(String version, String runId) {
    db.update(
        "INSERT INTO installed (id, version, run_id, since) VALUES (1, ?, ?, ?) ON CONFLICT (id)"
            + " DO UPDATE SET version = excluded.version, run_id = excluded.run_id,"
            + " since = excluded.since",
        version,
        runId,
        clock.instant().toEpochMilli());
  }

  /** Forgets the installed release, after a first install was rolled back. */
  public void clearInstalled() {
    db.update("DELETE FROM installed WHERE id = 1");
  }

  public Optional<Installed> installed() {
    return db
        .query("SELECT version, run_id, since FROM installed WHERE id = 1", JournalRows::installed)
        .stream()
        .findFirst();
  }

  public Optional<RunRecord> run(String id) {
    return selectRuns("WHERE id = ?", id).stream().findFirst();
  }

  /** The unfinished run, if any: there is at most one per deployment. */
  public Optional<RunRecord> unfinishedRun() {
    return selectRuns("WHERE status IN ('RUNNING', 'ROLLING_BACK') ORDER BY started_at DESC")
        .stream()
        .findFirst();
  }

  /**
   * The newest run that could change the deployment: an upgrade or a rollback, not a rehearsal nor
   * an adoption (which changes nothing but the journal).
   */
  public Optional<RunRecord> lastChange() {
    return runs().stream()
        .filter(run -> run.kind() != RunKind.REHEARSAL && run.kind() != RunKind.ADOPT)
        .findFirst();
  }

  /** Every run, newest first. */
  public List<RunRecord> runs() {
    return selectRuns("ORDER BY started_at DESC, rowid DESC");
  }

  public List<StepRecord> steps(String runId) {
    return db.query(
        "SELECT " + JournalRows.STEP_COLUMNS + " FROM steps WHERE run_id = ? ORDER BY seq",
        JournalRows::step,
        runId);
  }

  private List<RunRecord> selectRuns(String where, Object... args) {
    return db.query(
        "SELECT " + JournalRows.RUN_COLUMNS + " FROM runs " + where, JournalRows::run, args);
  }

  private String runId() {
    // Sortable by time, unique without coordination.
    return "run-"
        + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(clock.instant())
        + "-"
        + UUID.randomUUID().toString().substring(0, 4);
  }

  @Override
  public void close() {
    db.close();
  }
}
