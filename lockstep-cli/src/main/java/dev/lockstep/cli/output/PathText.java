package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.PlannedMigration;
import dev.lockstep.engine.path.PathReport;

/** An upgrade path as the operator reads it: one block per release to install. */
public final class PathText {
  private PathText() {}

  public static String render(PathReport path) {
    StringBuilder text = new StringBuilder();
    text.append("Path from ")
        .append(path.from() == null ? "nothing installed" : path.from())
        .append(" to ")
        .append(path.to())
        .append(": ")
        .append(
            path.hops().size() == 1
                ? "one upgrade, no stop on the way"
                : path.hops().size() + " upgrades, one after the other")
        .append('\n');
    int number = 1;
    for (PathReport.Hop hop : path.hops()) {
      text.append('\n')
          .append(number++)
          .append(". ")
          .append(hop.version())
          .append(" (")
          .append(hop.why())
          .append(")\n   ")
          .append(hop.downtime())
          .append('\n');
      for (PlannedMigration migration : hop.migrations()) {
        text.append(
            String.format(
                "   %-46s %s%n",
                MigrationScript.label(migration.version(), migration.description()),
                migration.type().label()));
      }
      hop.notes().lines().forEach(line -> text.append("   | ").append(line).append('\n'));
    }
    if (path.hops().size() > 1) {
      text.append(
          "\n`lockstep upgrade --to "
              + path.to()
              + "` installs each in turn, each with its own verified backup and checks, and stops"
              + " on the last good release if one fails.\n");
    }
    return text.toString();
  }
}
