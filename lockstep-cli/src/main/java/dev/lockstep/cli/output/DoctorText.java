package dev.lockstep.cli.output;

import dev.lockstep.engine.doctor.DoctorReport;
import dev.lockstep.engine.doctor.DoctorResult;
import dev.lockstep.engine.doctor.Verdict;

/** What {@code lockstep doctor} found, one line per check, with the fix under what needs one. */
public final class DoctorText {
  private DoctorText() {}

  public static String render(DoctorReport report) {
    StringBuilder text = new StringBuilder();
    text.append("Doctor for ")
        .append(report.environment())
        .append(" (")
        .append(report.config())
        .append(")\n\n");
    for (DoctorResult result : report.results()) {
      text.append(
          String.format("  %-7s %s: %s%n", label(result.verdict()), result.name(), result.found()));
      if (result.fix() != null) {
        text.append("          fix: ").append(result.fix()).append('\n');
      }
    }
    text.append('\n').append(summary(report)).append('\n');
    return text.toString();
  }

  private static String label(Verdict verdict) {
    return switch (verdict) {
      case OK -> "[ok]";
      case WARN -> "[warn]";
      case FAIL -> "[FAIL]";
    };
  }

  private static String summary(DoctorReport report) {
    String warnings =
        report.warnings() == 0
            ? ""
            : " (" + report.warnings() + (report.warnings() == 1 ? " warning" : " warnings") + ")";
    if (report.failures() == 0) {
      return "Ready: this machine has what the config needs" + warnings + ". Nothing was changed.";
    }
    return report.failures()
        + (report.failures() == 1 ? " thing" : " things")
        + " to fix before Lockstep can run"
        + warnings
        + ": see the FAIL lines above. Nothing was changed.";
  }
}
