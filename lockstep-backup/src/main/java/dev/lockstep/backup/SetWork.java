package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.internal.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the part handlers share while they work on one set.
 *
 * @param id the set's id
 * @param files the set's stored files, in its partial folder while it is created
 * @param redactor hides secrets in what commands print
 */
record SetWork(
    String id,
    StoredFiles files,
    SetLayout layout,
    BackupConfig settings,
    PgTools tools,
    Progress.Factory progress,
    Redactor redactor) {

  /** A new owner-only temporary folder beside the sets; delete it with {@link #delete}. */
  Path temporaryFolder(String what) throws IOException {
    return layout.temporaryFolder(id, what);
  }

  /** Deletes a temporary folder; a failure is added to {@code error} rather than hiding it. */
  static void delete(Path folder, Throwable error) {
    try {
      SecureFiles.deleteTree(folder);
    } catch (RuntimeException e) {
      if (error != null) {
        error.addSuppressed(e);
      } else {
        throw e;
      }
    }
  }
}
