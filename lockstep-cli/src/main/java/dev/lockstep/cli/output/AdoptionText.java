package dev.lockstep.cli.output;

import dev.lockstep.engine.adopt.AdoptionReport;

/** {@code lockstep adopt} as text. */
public final class AdoptionText {
  private AdoptionText() {}

  public static String render(AdoptionReport report) {
    StringBuilder text = new StringBuilder();
    if (report.adopted()) {
      text.append("Adopted the running deployment as ")
          .append(report.release())
          .append("; nothing was restarted.\n");
    } else {
      text.append("Not adopted as ")
          .append(report.release())
          .append(": the deployment is not what the release says. Nothing was recorded.\n");
      text.append("Mismatches:\n");
      report.mismatches().forEach(line -> text.append("  - ").append(line).append('\n'));
    }
    if (!report.services().isEmpty()) {
      text.append("Services:\n");
      report.services().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    if (!report.migrations().isEmpty()) {
      text.append("Migrations:\n");
      report.migrations().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    if (report.adopted()) {
      text.append("Baseline backup: ").append(report.backupId()).append(" (verified)\n");
      text.append("Recorded as run ").append(report.runId()).append('\n');
      text.append("Next: `lockstep plan --to <version>`.\n");
    } else if (report.backupLeft() != null) {
      text.append("The backup set ")
          .append(report.backupLeft())
          .append(
              " that did not verify is left in place: `lockstep backup list` shows it; `lockstep backup prune` removes it under the retention policy.\n");
    } else {
      text.append("Fix what is listed (or name the release that runs), then adopt again.\n");
    }
    return text.toString();
  }
}
