package dev.lockstep.cli.output;

import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.examples.Narrator;
import java.io.PrintWriter;

/** Tells the demo's story as text: chapters, plans and run reports. */
public final class TextNarrator implements Narrator {
  private final PrintWriter out;

  public TextNarrator(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void chapter(String title) {
    out.println();
    out.println("=== " + title + " ===");
    out.flush();
  }

  @Override
  public void say(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void plan(Plan plan) {
    out.println(PlanText.render(plan));
    out.flush();
  }

  @Override
  public void report(RunReport report) {
    out.println(RunReportText.render(report));
    out.flush();
  }
}
