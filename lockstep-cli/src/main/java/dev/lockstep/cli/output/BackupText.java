package dev.lockstep.cli.output;

import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.steps.Bytes;
import dev.lockstep.postgres.backup.BackupManifest;
import dev.lockstep.postgres.backup.BackupSummary;
import dev.lockstep.postgres.backup.RestoreResult;
import dev.lockstep.postgres.backup.TableComparison;
import dev.lockstep.postgres.backup.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The backup commands' results as text. */
public final class BackupText {
  private BackupText() {}

  public static String created(BackupManifest backup) {
    return "Backup "
        + backup.id()
        + " of "
        + backup.database()
        + ": "
        + backup.files().size()
        + " file(s), "
        + Bytes.format(backup.totalBytes())
        + ", "
        + backup.tableRows().size()
        + " tables. Not verified yet: `lockstep backup verify "
        + backup.id()
        + "`.";
  }

  public static String list(List<BackupSummary> backups) {
    if (backups.isEmpty()) {
      return "No backups yet.";
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-22s %-30s %-9s %10s %10s  %s%n", "ID", "RUN", "RELEASE", "SIZE", "AGE", "VERIFIED"));
    for (BackupSummary backup : backups) {
      text.append(
          String.format(
              "%-22s %-30s %-9s %10s %10s  %s%n",
              backup.id(),
              backup.runId() == null ? "(on demand)" : backup.runId(),
              backup.release() == null ? "-" : backup.release(),
              Bytes.format(backup.totalBytes()),
              Durations.format(Duration.between(backup.createdAt(), Instant.now())),
              backup.verified() ? "yes" : "no"));
    }
    return text.toString();
  }

  public static String verified(VerificationResult result) {
    StringBuilder text = new StringBuilder();
    text.append("Backup ")
        .append(result.backupId())
        .append(result.verified() ? " is verified" : " FAILED verification")
        .append(" (checksums, restore into a scratch database, ")
        .append(result.tables().size())
        .append(" tables compared, ")
        .append(Durations.format(result.duration()))
        .append(")\n");
    for (TableComparison table : result.tables()) {
      text.append(
          String.format(
              "  %-40s %10d rows %s%n",
              table.table(),
              table.restoredRows(),
              table.expectedRows() == table.restoredRows()
                  ? ""
                  : "(expected " + table.expectedRows() + ")"));
    }
    result.problems().forEach(problem -> text.append("  problem: ").append(problem).append('\n'));
    return text.toString();
  }

  public static String restored(RestoreResult result) {
    return "Restored backup "
        + result.backupId()
        + " into "
        + result.database()
        + " in "
        + Durations.format(result.duration())
        + " ("
        + result.tableRows().size()
        + " tables).";
  }
}
