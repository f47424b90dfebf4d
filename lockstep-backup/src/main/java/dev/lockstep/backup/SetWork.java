package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.postgres.PgTools;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the part handlers share while they work on one set.
 *
 * @param id the set's id
 * @param files the set's stored files, in its partial folder while it is created
 * @param secrets the deployment's secrets with every store's password and the backup key: hidden in
 *     what commands print and in the errors that quote them
 * @param database the product's database, which a store's commands get in their environment
 *     (PGHOST… and a temporary PGPASSFILE); null when no PostgreSQL store is configured
 * @param keepAside for a restore: per store, the name its live database is renamed to instead of
 *     being dropped (a store not in it is dropped)
 */
record SetWork(
    String id,
    StoredFiles files,
    SetLayout layout,
    BackupConfig settings,
    PgTools tools,
    Progress.Factory progress,
    SecretRegistry secrets,
    DatabaseConfig database,
    java.util.Map<String, String> keepAside) {

  /** Runs store commands, masking {@link #secrets}. */
  ProcessRunner runner() {
    return new ProcessRunner(secrets, tools.runner().secretFiles());
  }

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
