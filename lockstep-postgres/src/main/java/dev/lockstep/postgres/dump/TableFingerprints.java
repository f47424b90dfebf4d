package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Row count and content hash of every user table, read by {@code jobs} connections that all see one
 * snapshot: a dump's exported snapshot at backup time, or a restored database nobody else writes to
 * when a backup is verified. Big tables are cut into page ranges, so that one big table is hashed
 * by every connection.
 *
 * <p>The content hash is the sum of a 64-bit hash of every row: a sum does not depend on the order
 * rows come back in, which a restore changes. Rows are hashed with PostgreSQL's own hash functions
 * ({@code h:} hashes) where every column's type has one, else by the md5 of their text ({@code m:}
 * hashes, with the settings that shape that text fixed, so that both sides print rows alike). The
 * prefix says which, so that two hashes are only ever compared when made the same way. The hash
 * functions are PostgreSQL's hash partitioning ones, stable across versions on one architecture; a
 * backup verified on a server of the other byte order would show every {@code h:} table as changed.
 */
public final class TableFingerprints {
  private final DatabaseConfig db;
  private final int jobs;
  private final long sliceBytes;
  private final Set<Statement> running = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  /**
   * At most this many connections hash at once: with pg_dump's own jobs they must stay well under
   * the server's max_connections (100 by default), and hashing rarely outlasts the dump anyway.
   */
  static final int MAX_JOBS = 8;

  /**
   * @param jobs connections to hash with, at most {@link #MAX_JOBS}
   */
  public TableFingerprints(DatabaseConfig db, int jobs) {
    this(db, Math.min(MAX_JOBS, jobs), TableSlice.SLICE_BYTES);
  }

  /**
   * @param sliceBytes tables bigger than this are hashed in page ranges of this size
   */
  TableFingerprints(DatabaseConfig db, int jobs, long sliceBytes) {
    this.db = db;
    this.jobs = Math.max(1, jobs);
    this.sliceBytes = sliceBytes;
  }

  /** Fingerprints of {@code db} as it is now, read by one connection. */
  public static Map<String, TableFingerprint> of(DatabaseConfig db, Progress progress)
      throws SQLException {
    return new TableFingerprints(db, 1).compute(null, progress);
  }

  /**
   * Every user table's fingerprint, keyed {@code schema.table}, as {@code snapshotId} (exported by
   * a transaction that stays open meanwhile) sees them, or as a new transaction sees them when it
   * is null. Reports the bytes of table hashed to {@code progress}.
   *
   * @throws SQLException also when {@link #cancel()} stopped it
   */
  public Map<String, TableFingerprint> compute(String snapshotId, Progress progress)
      throws SQLException {
    try (Readers readers = new Readers(db, snapshotId)) {
      return compute(readers, readers.next(), progress);
    }
  }

  /**
   * As {@link #compute(String, Progress)}, with {@code exporter}, the connection whose transaction
   * exported {@code snapshotId} (opened by {@link Readers#open}), as one of the connections: it
   * sees that very snapshot, and saves opening one. The caller keeps and closes it.
   */
  public Map<String, TableFingerprint> compute(
      Connection exporter, String snapshotId, Progress progress) throws SQLException {
    try (Readers readers = new Readers(db, snapshotId)) {
      return compute(readers, exporter, progress);
    }
  }

  /**
   * As {@link #compute(String, Progress)} for a database nobody else writes to, with the
   * connections of {@code readers} (opened ahead, see {@link Readers#openAhead}); the caller closes
   * them.
   */
  public Map<String, TableFingerprint> computeWith(Readers readers, Progress progress)
      throws SQLException {
    return compute(readers, readers.next(), progress);
  }

  private Map<String, TableFingerprint> compute(
      Readers readers, Connection first, Progress progress) throws SQLException {
    // The driver knows the server's version from the connection's start: no query.
    boolean modern = first.getMetaData().getDatabaseMajorVersion() >= 14;
    List<TableSlice> slices = TableSlice.plan(UserTables.list(first, modern), modern, sliceBytes);
    progress.total(slices.stream().mapToLong(TableSlice::bytes).sum());
    List<Connection> connections = new ArrayList<>();
    connections.add(first);
    for (int i = 1; i < Math.min(jobs, slices.size()); i++) {
      connections.add(readers.next());
    }
    SliceSums sums = new SliceSums(progress);
    slices.forEach(sums::table);
    Queue<TableSlice> queue = new ConcurrentLinkedQueue<>(slices);
    new Workers(this, connections).run(queue, sums);
    return sums.result();
  }

  /**
   * Starts opening the connections {@link #computeWith} hashes with, now: for a database that is
   * still being restored, and that nobody else writes to once it is.
   */
  public Readers openAhead() {
    return Readers.openAhead(db, jobs);
  }

  /** Stops {@link #compute}: running queries are cancelled and no other starts. */
  public void cancel() {
    cancelled = true;
    for (Statement statement : running) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The query ended on its own meanwhile; the flag stops the next one.
      }
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Hashes one slice on {@code connection}. */
  void hash(Connection connection, TableSlice slice, SliceSums sums) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      running.add(statement);
      try {
        if (cancelled) {
          throw new SQLException("hashing the tables was cancelled");
        }
        try (ResultSet rows = statement.executeQuery(slice.sql())) {
          rows.next();
          sums.add(slice, rows.getLong(1), new BigInteger(rows.getString(2)));
        }
      } finally {
        running.remove(statement);
      }
    }
  }
}
