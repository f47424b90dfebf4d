package dev.lockstep.journal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every run, step by step, in an embedded SQLite file in Lockstep's state folder. It never lives in
 * the product's database, which a restore would rewind. Each write is committed and synced before
 * the work it describes begins, so a run killed at any point can be resumed from here.
 */
public final class Journal implements AutoCloseable {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS runs (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, environment TEXT NOT NULL,
        from_version TEXT, to_version TEXT NOT NULL, status TEXT NOT NULL,
        started_at INTEGER NOT NULL, ended_at INTEGER, owner_pid INTEGER NOT NULL,
        owner_start INTEGER NOT NULL, summary TEXT);
      CREATE TABLE IF NOT EXISTS steps (
        run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, name TEXT NOT NULL,
        phase TEXT NOT NULL, status TEXT NOT NULL, started_at INTEGER NOT NULL,
        ended_at INTEGER, detail TEXT, PRIMARY KEY (run_id, seq));
      CREATE TABLE IF NOT EXISTS facts (
        run_id TEXT NOT NULL REFERENCES runs(id), key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (run_id, key));
      CREATE TABLE IF NOT EXISTS installed (
        id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, run_id TEXT NOT NULL,
        since INTEGER NOT NULL);
      """;

  private final Connection connection;
  private final Clock clock;

  private Journal(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  public static Journal open(Path file) {
    return open(file, Clock.systemUTC());
  }

  public static Journal open(Path file, Clock clock) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return connect("jdbc:sqlite:" + file.toAbsolutePath(), clock);
    } catch (IOException e) {
      throw cannotOpen(file.toString(), e);
    }
  }

  /**
   * An empty journal that lives in memory: what commands that only read see before the first run
   * has created the real one, so that reading never creates files.
   */
  public static Journal empty() {
    return connect("jdbc:sqlite::memory:", Clock.systemUTC());
  }

  private static Journal connect(String url, Clock clock) {
    try {
      Connection connection = DriverManager.getConnection(url);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        // FULL: a step recorded as started survives a kill -9 or a power cut right after.
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA busy_timeout=10000");
        for (String ddl : SCHEMA.split(";")) {
          if (!ddl.isBlank()) {
            statement.execute(ddl);
          }
        }
      }
      return new Journal(connection, clock);
    } catch (SQLException e) {
      throw cannotOpen(url, e);
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

  /** Records a new run owned by this process, in status RUNNING. */
  public RunRecord startRun(RunKind kind, String environment, String from, String to) {
    ProcessHandle self = ProcessHandle.current();
    Instant ownerStart = self.info().startInstant().orElse(Instant.EPOCH);
    String id = runId();
    Instant now = clock.instant();
    update(
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

  /** Makes this process the owner of an orphaned run, as {@code lockstep resume} does. */
  public void claim(String runId) {
    ProcessHandle self = ProcessHandle.current();
    update(
        "UPDATE runs SET owner_pid = ?, owner_start = ? WHERE id = ?",
        self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH).toEpochMilli(),
        runId);
  }

  public void setStatus(String runId, RunStatus status) {
    update("UPDATE runs SET status = ? WHERE id = ?", status.name(), runId);
  }

  public void finishRun(String runId, RunStatus status, String summary) {
    update(
        "UPDATE runs SET status = ?, ended_at = ?, summary = ? WHERE id = ?",
        status.name(),
        clock.instant().toEpochMilli(),
        summary,
        runId);
  }

  /** Records that a step is about to run; returns its sequence number in the run. */
  public int stepStarted(String runId, String name, Phase phase) {
    int seq = steps(runId).size() + 1;
    update(
        "INSERT INTO steps (run_id, seq, name, phase, status, started_at) VALUES (?, ?, ?, ?, ?, ?)",
        runId,
        seq,
        name,
        phase.name(),
        StepStatus.STARTED.name(),
        clock.instant().toEpochMilli());
    return seq;
  }

  public void stepFinished(String runId, int seq, StepStatus status, String detail) {
    update(
        "UPDATE steps SET status = ?, ended_at = ?, detail = ? WHERE run_id = ? AND seq = ?",
        status.name(),
        clock.instant().toEpochMilli(),
        detail,
        runId,
        seq);
  }

  /** Records something a later decision depends on (the backup id, the migrations applied). */
  public void recordFact(String runId, String key, String value) {
    update(
        "INSERT INTO facts (run_id, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
        runId,
        key,
        value);
  }

  public Map<String, String> facts(String runId) {
    Map<String, String> facts = new LinkedHashMap<>();
    query(
        "SELECT key, value FROM facts WHERE run_id = ? ORDER BY key",
        rs -> facts.put(rs.getString(1), rs.getString(2)),
        runId);
    return facts;
  }

  public void setInstalled(String version, String runId) {
    update(
        "INSERT INTO installed (id, version, run_id, since) VALUES (1, ?, ?, ?) ON CONFLICT (id)"
            + " DO UPDATE SET version = excluded.version, run_id = excluded.run_id,"
            + " since = excluded.since",
        version,
        runId,
        clock.instant().toEpochMilli());
  }

  /** Forgets the installed release, after a first install was rolled back. */
  public void clearInstalled() {
    update("DELETE FROM installed WHERE id = 1");
  }

  public Optional<Installed> installed() {
    List<Installed> rows = new ArrayList<>();
    query(
        "SELECT version, run_id, since FROM installed WHERE id = 1",
        rs -> rows.add(new Installed(rs.getString(1), rs.getString(2), instant(rs, 3))));
    return rows.stream().findFirst();
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

  /** The newest run that could change the deployment: an upgrade or a rollback, not a rehearsal. */
  public Optional<RunRecord> lastChange() {
    return runs().stream().filter(run -> run.kind() != RunKind.REHEARSAL).findFirst();
  }

  /** Every run, newest first. */
  public List<RunRecord> runs() {
    return selectRuns("ORDER BY started_at DESC, rowid DESC");
  }

  public List<StepRecord> steps(String runId) {
    List<StepRecord> steps = new ArrayList<>();
    query(
        "SELECT run_id, seq, name, phase, status, started_at, ended_at, detail FROM steps"
            + " WHERE run_id = ? ORDER BY seq",
        rs ->
            steps.add(
                new StepRecord(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getString(3),
                    Phase.valueOf(rs.getString(4)),
                    StepStatus.valueOf(rs.getString(5)),
                    instant(rs, 6),
                    instant(rs, 7),
                    rs.getString(8))),
        runId);
    return steps;
  }

  private List<RunRecord> selectRuns(String where, Object... args) {
    List<RunRecord> runs = new ArrayList<>();
    query(
        "SELECT id, kind, environment, from_version, to_version, status, started_at, ended_at,"
            + " owner_pid, owner_start, summary FROM runs "
            + where,
        rs ->
            runs.add(
                new RunRecord(
                    rs.getString(1),
                    RunKind.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    RunStatus.valueOf(rs.getString(6)),
                    instant(rs, 7),
                    instant(rs, 8),
                    rs.getLong(9),
                    instant(rs, 10),
                    rs.getString(11))),
        args);
    return runs;
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

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement statement = prepare(sql, args)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void query(String sql, RowHandler handler, Object... args) {
    try (PreparedStatement statement = prepare(sql, args);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        handler.handle(rs);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
    return statement;
  }

  private static LockstepException failure(SQLException e) {
    return new LockstepException(
        ErrorCode.INTERNAL, "The journal could not be written or read: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @FunctionalInterface
  private interface RowHandler {
    void handle(ResultSet rs) throws SQLException;
  }
}
