package dev.lockstep.core.api;

/**
 * What went wrong, and the exit code it maps to. The exit-code table is the one in PRODUCT.md: 1
 * failed (nothing changed, or the failure is described), 2 bad input (nothing touched), 3 upgrade
 * failed and rolled back cleanly, 4 an operator is needed.
 */
public enum ErrorCode {
  CONFIG_INVALID(2),
  MANIFEST_INVALID(2),
  VERSION_NOT_PINNED(2),
  RELEASE_UNKNOWN(2),
  DIGEST_MISMATCH(2),
  BACKUP_UNKNOWN(2),
  BACKUP_TAMPERED(2),
  USAGE(2),
  /** The config changed since an interrupted run started, in a way that matters to it. */
  CONFIG_CHANGED(2),
  /** A file written by a newer Lockstep (the journal): refused, nothing touched. */
  FORMAT_TOO_NEW(2),
  /** A host's SSH key is not the one its known-hosts file holds (unknown or changed). */
  HOST_KEY_REJECTED(2),
  /**
   * A release manifest without a valid signature from a key the deployment trusts, or a key file
   * that is not an Ed25519 key.
   */
  SIGNATURE_INVALID(2),

  GATE_BLOCKED(1),
  RUN_IN_PROGRESS(1),
  NOTHING_TO_DO(1),
  TOOL_MISSING(1),
  DATABASE_UNREACHABLE(1),
  BACKUP_FAILED(1),
  BACKUP_VERIFY_FAILED(1),
  RESTORE_REFUSED(1),
  /** {@code lockstep adopt} found the deployment not as the release says; nothing recorded. */
  ADOPT_REFUSED(1),
  RESTORE_FAILED(1),
  MIGRATION_LOCKED(1),
  MIGRATION_FAILED(1),
  MIGRATION_MISCLASSIFIED(1),
  SCHEMA_DRIFT(1),
  TARGET_FAILED(1),
  /** A host did not answer, or refused the login. */
  HOST_UNREACHABLE(1),
  CHECK_FAILED(1),
  /** A watched signal's source did not answer, or answered no number. */
  SIGNAL_UNREADABLE(1),
  INTERNAL(1),
  /** A run's journal does not follow the checklist it recorded: nothing is run on a guess. */
  CHECKLIST_MISMATCH(1),

  UPGRADE_ROLLED_BACK(3),

  ROLLBACK_FAILED(4);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
