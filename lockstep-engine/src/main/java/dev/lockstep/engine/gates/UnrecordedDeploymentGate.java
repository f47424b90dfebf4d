package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.journal.RunKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A first install only where nothing is installed: with no release in the journal, a database that
 * holds tables or applied migrations, or services that already run, are a deployment Lockstep has
 * not seen. Treated as a first install, its rollback would be "stop the services", leaving the
 * product down on whatever the failed release did to its data; so the plan stops here and names the
 * way in, {@code lockstep adopt}.
 */
public final class UnrecordedDeploymentGate implements Gate {
  static final String NAME = "nothing runs that the journal does not know";

  @Override
  public GateResult check(GateContext context) {
    if (context.installedVersion() != null) {
      return GateResult.passed(
          NAME, "the journal records " + context.installedVersion() + " as installed");
    }
    if (earlierInstallAttempt(context)) {
      // What is there is what Lockstep's own rolled-back first install left, which it knows.
      return GateResult.passed(NAME, "only what an earlier install attempt by Lockstep left");
    }
    List<String> found = new ArrayList<>();
    DatabaseProbe database = context.database();
    if (database.reachable()) {
      databaseContents(context).ifPresent(found::add);
    }
    found.addAll(context.running().found());
    if (found.isEmpty()) {
      return GateResult.passed(
          NAME,
          database.reachable()
              ? "empty database, no service running: a first install"
              : "no service running; the database could not be read (see the database gate)");
    }
    return GateResult.blocked(
        NAME,
        "no release is recorded as installed, yet a deployment is there: "
            + String.join("; ", found)
            + ". Installing over it as a first install could not be rolled back.",
        "record what runs first: `lockstep adopt --release <the running version>` checks it and"
            + " takes a verified baseline backup without restarting anything; then plan again.");
  }

  private static boolean earlierInstallAttempt(GateContext context) {
    return context.journal() != null
        && context.journal().runs().stream()
            .anyMatch(run -> run.kind() == RunKind.UPGRADE && run.fromVersion() == null);
  }

  private static Optional<String> databaseContents(GateContext context) {
    DatabaseProbe database = context.database();
    SchemaLook schema = database.schema();
    int tables = schema != null && schema.live() != null ? schema.live().tables().size() : 0;
    int applied = database.appliedVersions().size();
    for (MigrationHistory history : database.histories().found()) {
      applied = Math.max(applied, history.applied().size());
    }
    if (tables == 0 && applied == 0) {
      return Optional.empty();
    }
    String name = context.config().database().name();
    return Optional.of(
        "database "
            + name
            + " has "
            + count(tables, "table")
            + (applied == 0 ? "" : ", " + count(applied, "applied migration")));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
