package dev.lockstep.engine.run;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops database snapshots nobody can use any more. Each one is a full copy on the server, so only
 * the snapshots of the upgrade that installed the current release are kept (they make its `lockstep
 * rollback` take seconds); the rest go when a run ends, and on `backup prune`. Snapshots of a run
 * that has not finished, or whose rollback failed, are never dropped.
 */
public final class SnapshotJanitor {
  private final Toolbox tools;
  private final Journal journal;

  public SnapshotJanitor(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  /** Drops the snapshots that are no longer useful; returns their names. */
  public List<String> afterRun() {
    Set<String> keep = new HashSet<>();
    journal
        .installed()
        .flatMap(installed -> journal.run(installed.runId()))
        .filter(run -> run.kind() == RunKind.UPGRADE)
        .ifPresent(run -> keep.addAll(snapshotsOf(run)));
    for (RunRecord run : journal.runs()) {
      if (!run.status().finished() || run.status() == RunStatus.ROLLBACK_FAILED) {
        keep.addAll(snapshotsOf(run));
      }
    }
    List<String> dropped = new java.util.ArrayList<>();
    for (DatabaseConfig server : servers()) {
      try {
        DatabaseSnapshots snapshots = new DatabaseSnapshots(server);
        for (String name : snapshots.list(TakenSnapshot.PREFIX)) {
          if (!keep.contains(name)) {
            snapshots.drop(name);
            dropped.add(name);
          }
        }
      } catch (LockstepException e) {
        tools.listener().notice("Could not drop old snapshots: " + e.getMessage());
      }
    }
    return dropped;
  }

  private Set<String> snapshotsOf(RunRecord run) {
    Set<String> names = new HashSet<>();
    new RunFacts(journal, run.id())
        .json(RunFacts.SNAPSHOTS, TakenSnapshot.LIST)
        .orElse(List.of())
        .forEach(snapshot -> names.add(snapshot.snapshot()));
    return names;
  }

  /** One database config per server the PostgreSQL stores live on. */
  private List<DatabaseConfig> servers() {
    Set<String> seen = new HashSet<>();
    return tools.config().stores().stream()
        .filter(store -> store.kind() == StoreConfig.Kind.POSTGRES)
        .map(StoreConfig::database)
        .filter(db -> seen.add(db.host() + ":" + db.port()))
        .toList();
  }
}
