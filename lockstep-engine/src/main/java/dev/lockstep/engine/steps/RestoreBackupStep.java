package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts every state store back as it was before the run. Databases snapshotted while the services
 * were stopped are swapped back in (seconds); everything else comes from the run's verified backup
 * set. Writes made since are lost, so the window is announced before anything is touched.
 */
public final class RestoreBackupStep extends AbstractStep {
  public static final String NAME = "restore-backup";
  private static final String DESCRIPTION =
      "Restore every store: swap the database snapshots back, restore the rest from the backup";

  private final Toolbox tools;

  public RestoreBackupStep(Toolbox tools) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
  }

  @Override
  public String run(RunFacts facts) {
    String backupId = verifiedBackup(facts);
    refuseWhileServicesRun();
    List<TakenSnapshot> snapshots =
        facts.json(RunFacts.SNAPSHOTS, TakenSnapshot.LIST).orElse(List.of());
    Instant since =
        snapshots.isEmpty()
            ? facts.instant(RunFacts.BACKUP_CREATED_AT).orElseThrow()
            : snapshots.get(0).takenAt();
    Duration window = Duration.between(since, tools.clock().instant());
    facts.putIfAbsent(RunFacts.DATA_LOSS_WINDOW, window.toString());
    tools
        .listener()
        .notice(
            "Restoring to "
                + since
                + " ("
                + Durations.format(window)
                + " ago, "
                + (snapshots.isEmpty()
                    ? "backup " + backupId
                    : "database snapshots and backup " + backupId)
                + "): writes made since then are lost.");
    for (TakenSnapshot snapshot : snapshots) {
      // A resumed restore must not swap twice: the second swap would find its snapshot gone.
      String done = RunFacts.SNAPSHOT_SWAPPED + snapshot.snapshot();
      if (facts.get(done).isEmpty()) {
        new DatabaseSnapshots(database(snapshot.store()))
            .swapIn(snapshot.snapshot(), snapshot.replaced());
        facts.put(done, tools.clock().instant().toString());
      }
    }
    Set<String> swapped = snapshots.stream().map(TakenSnapshot::store).collect(Collectors.toSet());
    List<String> fromBackup =
        tools.config().stores().stream()
            .map(StoreConfig::name)
            .filter(name -> !swapped.contains(name))
            .toList();
    if (!fromBackup.isEmpty()) {
      tools
          .backups()
          .restore(backupId, tools.config().stores(), store -> fromBackup.contains(store.name()));
    }
    facts.putAtStepEnd(RunFacts.RESTORED_AT, tools.clock().instant().toString());
    List<String> done = new java.util.ArrayList<>();
    snapshots.forEach(s -> done.add(s.store() + " (snapshot swapped in)"));
    fromBackup.forEach(store -> done.add(store + " (from backup " + backupId + ")"));
    return "restored " + String.join(", ", done) + "; data-loss window " + Durations.format(window);
  }

  private String verifiedBackup(RunFacts facts) {
    return facts
        .get(RunFacts.BACKUP_ID)
        .filter(
            id ->
                facts.get(RunFacts.BACKUP_VERIFIED).isPresent()
                    || facts.get(RunFacts.VERIFICATION_OVERRIDE).isPresent())
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.ROLLBACK_FAILED,
                    "Run " + facts.runId() + " has no verified backup to restore."));
  }

  private dev.lockstep.core.config.DatabaseConfig database(String store) {
    return tools.config().stores().stream()
        .filter(s -> s.name().equals(store) && s.kind() == StoreConfig.Kind.POSTGRES)
        .findFirst()
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.ROLLBACK_FAILED,
                    "Store "
                        + store
                        + " was snapshotted but is no longer in the config; restore it by hand."))
        .database();
  }

  private void refuseWhileServicesRun() {
    for (ServiceConfig service : tools.config().services().values()) {
      if (tools.target().status(service).anyRunning()) {
        throw new LockstepException(
            ErrorCode.RESTORE_REFUSED,
            "Service "
                + service.name()
                + " is still running; the stores are not restored under it.");
      }
    }
  }
}
