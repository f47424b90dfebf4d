package dev.lockstep.engine.steps;

import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies every PostgreSQL store on its own server while the services are stopped, so that a
 * rollback swaps databases in seconds instead of restoring the dump. Nothing is written between the
 * stop and the copy, so a rollback to it loses only what the failed release wrote.
 */
public final class SnapshotDatabasesStep extends AbstractStep {
  public static final String NAME = "snapshot-databases";
  private static final String DESCRIPTION =
      "Snapshot the databases on their server (fast rollback)";

  private final Toolbox tools;

  public SnapshotDatabasesStep(Toolbox tools) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
  }

  @Override
  public String run(RunFacts facts) {
    List<TakenSnapshot> taken = new ArrayList<>();
    List<StoreConfig> databases =
        tools.config().stores().stream()
            .filter(s -> s.kind() == StoreConfig.Kind.POSTGRES)
            .toList();
    for (int i = 0; i < databases.size(); i++) {
      StoreConfig store = databases.get(i);
      String name = TakenSnapshot.nameFor(facts.runId(), i + 1);
      DatabaseSnapshots.Snapshot snapshot = new DatabaseSnapshots(store.database()).take(name);
      taken.add(new TakenSnapshot(store.name(), store.database().name(), name, snapshot.takenAt()));
    }
    facts.putJsonAtStepEnd(RunFacts.SNAPSHOTS, taken);
    return "snapshots "
        + taken.stream()
            .map(s -> s.database() + " → " + s.snapshot())
            .collect(Collectors.joining(", "));
  }
}
