package dev.lockstep.cli.output;

import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.RollbackPreview;

/** {@code lockstep rollback --dry-run} as text, and the question a terminal is asked. */
public final class RollbackPreviewText {
  private RollbackPreviewText() {}

  public static String render(RollbackPreview preview) {
    StringBuilder text = new StringBuilder();
    if (preview.resumesRun() != null) {
      text.append("Rollback (dry run): would ").append(preview.description()).append('\n');
      if (preview.reason() != null) {
        text.append("    why: ").append(preview.reason()).append('\n');
      }
      return text.append("Nothing was touched.").toString();
    }
    text.append("Rollback (dry run) of run ")
        .append(preview.undoesRun())
        .append(": ")
        .append(preview.from())
        .append(" → ")
        .append(preview.to())
        .append('\n');
    text.append("  strategy: ")
        .append(preview.strategy())
        .append(" — ")
        .append(preview.description())
        .append('\n');
    RollbackText.reasons(text, preview.reason(), preview.proven(), preview.inferred());
    if (preview.restoreFrom() != null) {
      text.append(
              preview.strategy().equals("restore_backup")
                  ? "  restores from: "
                  : "  if the revert fails, restores from: ")
          .append(preview.restoreFrom())
          .append('\n');
    }
    if (preview.dataLossWindow() != null) {
      text.append("  data-loss window so far: ")
          .append(Durations.format(preview.dataLossWindow()))
          .append(" (writes since ")
          .append(preview.since())
          .append(" would be lost from the live database)\n");
    }
    RollbackText.kept(text, preview.kept(), "  ");
    return text.append("Nothing was touched.").toString();
  }

  /** The confirmation asked on a terminal before a rollback starts. */
  public static String question(RollbackPreview preview) {
    if (preview.resumesRun() != null) {
      return "Finish run " + preview.resumesRun() + " and roll it back? [y/N] ";
    }
    String losing =
        preview.since() != null && preview.strategy().equals("restore_backup")
            ? ", losing writes since "
                + preview.since()
                + " ("
                + Durations.format(preview.dataLossWindow())
                + " ago; the replaced database is kept)"
            : " (" + preview.description() + ")";
    return "Roll back to " + preview.to() + losing + "? [y/N] ";
  }
}
