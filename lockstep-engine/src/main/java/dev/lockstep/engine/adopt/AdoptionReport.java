package dev.lockstep.engine.adopt;

import java.util.List;

/**
 * What {@code lockstep adopt} found and did.
 *
 * @param release the release the deployment was to be recorded as
 * @param adopted whether it was: false when a check found a mismatch, and then nothing was recorded
 * @param services what each service node runs, as far as it matched
 * @param migrations what the migration history holds, as far as it matched
 * @param mismatches why it was not adopted; empty when it was
 * @param backupId the verified baseline backup; null when none was taken
 * @param runId the adopt run in the journal; null when nothing was recorded
 * @param backupLeft a backup set taken but not adopted with (it did not verify), or null
 */
public record AdoptionReport(
    String release,
    boolean adopted,
    List<String> services,
    List<String> migrations,
    List<String> mismatches,
    String backupId,
    String runId,
    String backupLeft) {

  public AdoptionReport {
    services = List.copyOf(services);
    migrations = List.copyOf(migrations);
    mismatches = List.copyOf(mismatches);
  }
}
