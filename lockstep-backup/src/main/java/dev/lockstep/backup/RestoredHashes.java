package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.postgres.dump.Readers;
import dev.lockstep.postgres.dump.TableFingerprint;
import dev.lockstep.postgres.dump.TableFingerprints;
import dev.lockstep.postgres.dump.TestRestore;
import java.sql.SQLException;
import java.util.Map;

/**
 * Hashes a test restore's tables, with connections opened once pg_restore is under way: opened
 * before, they would hold up its start; after, the hashing would wait for them.
 */
final class RestoredHashes
    implements TestRestore.Reading<Map<String, TableFingerprint>>, AutoCloseable {
  private final TableFingerprints fingerprints;
  private final Progress.Factory progress;
  private final String task;
  private Readers readers;

  RestoredHashes(TableFingerprints fingerprints, Progress.Factory progress, String task) {
    this.fingerprints = fingerprints;
    this.progress = progress;
    this.task = task;
  }

  @Override
  public void restoreStarted() {
    readers = fingerprints.openAhead();
  }

  @Override
  public Map<String, TableFingerprint> read() throws SQLException {
    if (readers == null) {
      readers = fingerprints.openAhead(); // the rows were in before the first look
    }
    try (Progress bar = progress.start(task, 0, Progress.Unit.BYTES)) {
      return fingerprints.computeWith(readers, bar);
    }
  }

  @Override
  public void close() {
    if (readers != null) {
      readers.close();
    }
  }
}
