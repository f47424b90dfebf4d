package dev.lockstep.examples;

import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;

/** How the demo tells its story; the CLI renders plans and reports as text. */
public interface Narrator {
  void chapter(String title);

  void say(String line);

  void plan(Plan plan);

  void report(RunReport report);
}
