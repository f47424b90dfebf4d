package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PlanText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.path.PathUpgrade;
import java.io.PrintWriter;

/** Each hop of a path under its own heading, with its plan and its report (text only). */
final class HopsShown implements PathUpgrade.Listener {
  private final PrintWriter out;
  private final boolean json;

  /**
   * @param json true when the command prints JSON: then nothing is shown as the hops go
   */
  HopsShown(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public void hopStarts(int number, int count, String from, PathReport.Hop hop) {
    if (!json) {
      out.printf(
          "── Hop %d of %d: %s → %s (%s)%n%n", number, count, from, hop.version(), hop.why());
      out.flush();
    }
  }

  @Override
  public void planned(Plan plan) {
    show(plan);
  }

  @Override
  public void finished(RunReport report) {
    if (!json) {
      out.println(RunReportText.render(report));
      out.flush();
    }
  }

  void show(Plan plan) {
    if (!json) {
      out.println(PlanText.render(plan));
      out.flush();
    }
  }
}
