package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.postgres.RolePrivileges;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured role may do what the run will do to each database: make a database (the snapshot,
 * the scratch copy a backup is verified in), clone and replace the product's database (a restore),
 * and read every table (the backup). Without this the run would fail half-way, at the verify step.
 */
public final class DatabasePrivilegesGate implements Gate {
  private static final String NAME = "database privileges";
  private static final int TABLES_SHOWN = 5;

  @Override
  public GateResult check(GateContext context) {
    DatabaseProbe probe = context.database();
    if (!probe.reachable()) {
      return GateResult.passed(NAME, "not checked: the database did not answer");
    }
    List<String> gaps = new ArrayList<>();
    List<String> grants = new ArrayList<>();
    for (RolePrivileges role : probe.privileges()) {
      gaps.addAll(gaps(role));
      grants.addAll(role.grants());
    }
    if (gaps.isEmpty()) {
      return GateResult.passed(NAME, roles(probe) + " may copy, replace and read every table");
    }
    return GateResult.blocked(
        NAME,
        String.join("; ", gaps),
        "as a superuser (or the tables' owner), run: " + String.join(" ", grants));
  }

  private static List<String> gaps(RolePrivileges role) {
    String who = "role '" + role.role() + "'";
    List<String> gaps = new ArrayList<>();
    if (!role.mayCreateDatabases()) {
      gaps.add(
          who + " cannot create databases (the snapshot and the test restore of the backup do)");
    }
    if (!role.mayReplaceDatabase()) {
      gaps.add(who + " does not own database " + role.database() + " (a snapshot or restore does)");
    }
    if (!role.mayReadEverything()) {
      List<String> unreadable =
          new ArrayList<>(
              role.schemasWithoutUsage().stream().map(schema -> "schema " + schema).toList());
      unreadable.addAll(role.unreadable());
      gaps.add(
          who
              + " cannot read "
              + folded(unreadable)
              + " in "
              + role.database()
              + " (the backup reads every table)");
    }
    return gaps;
  }

  private static String folded(List<String> objects) {
    if (objects.size() <= TABLES_SHOWN) {
      return String.join(", ", objects);
    }
    return String.join(", ", objects.subList(0, TABLES_SHOWN))
        + " and "
        + (objects.size() - TABLES_SHOWN)
        + " more";
  }

  private static String roles(DatabaseProbe probe) {
    List<String> roles = probe.privileges().stream().map(RolePrivileges::role).distinct().toList();
    if (roles.isEmpty()) {
      return "the configured role";
    }
    return "role " + String.join(", ", roles);
  }
}
