package dev.lockstep.backup;

/**
 * Why a backup set is taken, recorded in its manifest.
 *
 * @param runId the upgrade run that takes it, or null for a backup taken by hand
 * @param release the release running when it is taken, or null when unknown
 * @param purpose null means {@link Purpose#ON_DEMAND}
 */
public record BackupRequest(String runId, String release, Purpose purpose) {

  public enum Purpose {
    /** Taken by an upgrade run before its first destructive step; pruning keeps a run's. */
    UPGRADE,
    /** {@code lockstep backup create}. */
    ON_DEMAND,
    /** Taken of the current state just before a restore replaces it. */
    SAFETY
  }

  public BackupRequest {
    purpose = purpose == null ? Purpose.ON_DEMAND : purpose;
  }
}
