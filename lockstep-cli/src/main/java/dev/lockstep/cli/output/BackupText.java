package dev.lockstep.cli.output;

import dev.lockstep.backup.BackupPart;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.backup.PartVerification;
import dev.lockstep.backup.PruneResult;
import dev.lockstep.backup.TableComparison;
import dev.lockstep.backup.VerificationResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.RestoreOutcome;
import dev.lockstep.engine.steps.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The backup commands' results as text. */
public final class BackupText {
  private BackupText() {}

  public static String created(BackupSet backup) {
    StringBuilder text = new StringBuilder();
    text.append("Backup ")
        .append(backup.id())
        .append(": ")
        .append(Bytes.format(backup.totalBytes()))
        .append(backup.encrypted() ? ", encrypted" : "")
        .append('\n');
    for (BackupPart part : backup.parts()) {
      text.append(
          String.format(
              "  %-16s %-8s %-40s %10s%s%n",
              part.store(),
              part.kind().name().toLowerCase(java.util.Locale.ROOT),
              part.location(),
              Bytes.format(part.bytes()),
              part.tables().isEmpty() ? "" : "  " + part.tables().size() + " tables"));
    }
    text.append("Not verified yet: `lockstep backup verify ").append(backup.id()).append("`.");
    return text.toString();
  }

  public static String list(List<BackupSummary> backups) {
    if (backups.isEmpty()) {
      return "No backups yet.";
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-22s %-26s %-9s %-9s %10s %10s  %s%n",
            "ID", "RUN", "RELEASE", "PURPOSE", "SIZE", "AGE", "VERIFIED"));
    for (BackupSummary backup : backups) {
      text.append(
          String.format(
              "%-22s %-26s %-9s %-9s %10s %10s  %s%n",
              backup.id(),
              backup.runId() == null ? "-" : backup.runId(),
              backup.release() == null ? "-" : backup.release(),
              backup.purpose().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
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
        .append(result.verified() ? " is verified" : " is NOT verified")
        .append(" (checksums, a restore of every part into a scratch place, compared; ")
        .append(Durations.format(result.duration()))
        .append(")\n");
    for (PartVerification part : result.parts()) {
      text.append("  ")
          .append(part.store())
          .append(": ")
          .append(part.verified() ? "ok" : "DIFFERS")
          .append('\n');
      for (TableComparison table : part.tables()) {
        text.append(
            String.format(
                "    %-40s %10d rows %s%n",
                table.table(),
                table.restoredRows(),
                table.matches()
                    ? ""
                    : "(expected "
                        + table.expectedRows()
                        + " rows, hash "
                        + table.expectedHash()
                        + ")"));
      }
      part.differences().forEach(d -> text.append("    ").append(d).append('\n'));
    }
    result.problems().forEach(problem -> text.append("  problem: ").append(problem).append('\n'));
    return text.toString();
  }

  public static String restored(RestoreOutcome outcome) {
    return "Restored backup "
        + outcome.restore().backupId()
        + " into "
        + String.join(", ", outcome.restore().stores())
        + " in "
        + Durations.format(outcome.restore().duration())
        + ". The state it replaced is backup "
        + outcome.safetyBackupId()
        + ".";
  }

  public static String pruned(PruneResult result, boolean dryRun) {
    if (result.deleted().isEmpty()) {
      return "Nothing to prune: " + result.kept().size() + " backup(s) kept.";
    }
    return (dryRun ? "Would delete " : "Deleted ")
        + String.join(", ", result.deleted())
        + " ("
        + Bytes.format(result.bytesFreed())
        + "); kept "
        + result.kept().size()
        + ".";
  }
}
