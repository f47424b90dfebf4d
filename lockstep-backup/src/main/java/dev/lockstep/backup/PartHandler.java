package dev.lockstep.backup;

import dev.lockstep.core.config.StoreConfig;
import java.io.IOException;
import java.sql.SQLException;

/** Backs up, verifies and restores one kind of state store. */
interface PartHandler {

  /**
   * Writes the store into the set being created, under {@link BackupPart#folderOf}. Any exception
   * fails the whole set, which is then deleted.
   */
  BackupPart create(StoreConfig store, SetWork work) throws IOException, SQLException;

  /**
   * Restores the part into a scratch place and compares it with the manifest; the set's checksums
   * were checked already. Differences are returned; failures of the scratch place itself (no
   * privilege to create a database) are thrown.
   *
   * @param store the part's store in the configuration, or null when the configuration no longer
   *     has it
   * @param ordinal the part's position in the set, to name scratch places apart
   */
  PartVerification verify(BackupPart part, StoreConfig store, SetWork work, int ordinal)
      throws IOException, SQLException;

  /**
   * Does every slow, safe thing a restore needs (decrypting, extracting and checking) before the
   * live store is touched; {@link Prepared#apply()} then replaces it.
   */
  Prepared prepareRestore(BackupPart part, StoreConfig store, SetWork work)
      throws IOException, SQLException;

  /** A restore ready to replace its live store; closing it deletes what preparing wrote. */
  interface Prepared extends AutoCloseable {
    void apply() throws IOException, SQLException;

    @Override
    void close();
  }
}
