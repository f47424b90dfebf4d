package dev.lockstep.engine.run;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drops database snapshots nobody can use any more, and what the swap of an earlier Lockstep left
 * under a snapshot's name ({@code _replaced}). A rollback now keeps the database it replaces under
 * another name, recorded in the journal; only the operator drops that ({@code lockstep kept drop}).
 * Each one is a full copy on the server, so only the snapshots of the upgrade that installed the
 * current release are kept (they make its `lockstep rollback` take seconds); the rest go when a run
 * ends, and on `backup prune`. Neither the snapshots of a run that has not finished, or whose
 * rollback failed, nor what its swap replaced, are ever dropped.
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
    List<RunRecord> runs = journal.runs();
    String installedRun = journal.installed().map(installed -> installed.runId()).orElse(null);
    List<String> dropped = new ArrayList<>();
    for (DatabaseConfig server : servers()) {
      try {
        DatabaseSnapshots snapshots = new DatabaseSnapshots(server);
        for (String name : snapshots.list(TakenSnapshot.PREFIX)) {
          // Another deployment on the same server has its own journal and its own snapshots.
          Optional<RunRecord> owner =
              runs.stream()
                  .filter(run -> name.startsWith(TakenSnapshot.prefixOf(run.id())))
                  .findFirst();
          if (owner.isPresent() && !keeps(owner.get(), name, installedRun)) {
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

  private static boolean keeps(RunRecord run, String name, String installedRun) {
    if (!run.status().finished() || run.status() == RunStatus.ROLLBACK_FAILED) {
      return true; // what failed, and what to go back to, for whoever sorts the run out
    }
    return run.id().equals(installedRun)
        && run.kind() == RunKind.UPGRADE
        && !TakenSnapshot.isReplaced(name);
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
