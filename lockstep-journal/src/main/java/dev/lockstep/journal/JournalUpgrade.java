package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * The journal file was in an older format and has just been migrated to this Lockstep's.
 *
 * @param backup the file as it was before, for going back to the previous Lockstep
 */
public record JournalUpgrade(Path file, int fromVersion, int toVersion, Path backup) {
  /** One line for the operator. */
  public String notice() {
    return "The journal "
        + file
        + " was migrated from format version "
        + fromVersion
        + " to "
        + toVersion
        + "; the version-"
        + fromVersion
        + " file is kept as "
        + backup
        + " for going back to the previous Lockstep.";
  }
}
