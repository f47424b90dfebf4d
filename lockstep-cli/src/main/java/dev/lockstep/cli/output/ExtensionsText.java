package dev.lockstep.cli.output;

import dev.lockstep.engine.gates.ExtensionsReport;
import dev.lockstep.engine.gates.ExtensionsReport.Extension;

/** The installed extensions as the operator reads them: one line each, compatible or not. */
public final class ExtensionsText {
  private ExtensionsText() {}

  public static String render(ExtensionsReport report) {
    StringBuilder text = new StringBuilder();
    if (report.failed()) {
      return text.append("Extensions cannot be checked against ")
          .append(report.release())
          .append(": ")
          .append(report.error())
          .append('.')
          .toString();
    }
    text.append("Extensions against ")
        .append(report.release())
        .append(" (extension protocol ")
        .append(report.protocol())
        .append(")\n");
    if (report.extensions().isEmpty()) {
      text.append("  none installed\n");
    }
    int width = report.extensions().stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (Extension extension : report.extensions()) {
      text.append(
          String.format(
              "  %-14s %-" + width + "s  supports %s%s%n",
              extension.compatible() ? "[compatible]" : "[INCOMPATIBLE]",
              extension.name(),
              extension.protocols(),
              extension.note() == null ? "" : " (" + extension.note() + ")"));
    }
    int incompatible = report.incompatible().size();
    text.append('\n')
        .append(
            incompatible == 0
                ? "All " + report.extensions().size() + " support it."
                : incompatible
                    + " of "
                    + report.extensions().size()
                    + " do not: update or remove them before upgrading to "
                    + report.release()
                    + ".");
    return text.toString();
  }
}
