package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts every state store back as it was before the run. Databases snapshotted while the services
 * were stopped are swapped back in (seconds); everything else comes from the run's verified backup
 * set. Writes made since are lost from the live database, so the window is announced before
 * anything is touched; each replaced database is kept aside, renamed, with what the failed release
 * wrote, until the operator drops it ({@code lockstep kept drop}).
 */
public final class RestoreBackupStep extends AbstractStep {
  public static final String NAME = "restore-backup";
  private static final String DESCRIPTION =
      "Restore every store: swap the database snapshots back, restore the rest from the backup";

  /** How {@link RunFacts#KEPT_DATABASES} is journaled. */
  public static final TypeReference<List<KeptDatabase>> KEPT_LIST = new TypeReference<>() {};

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
    Set<String> swapped = snapshots.stream().map(TakenSnapshot::store).collect(Collectors.toSet());
    List<StoreConfig> fromBackup =
        tools.config().stores().stream().filter(store -> !swapped.contains(store.name())).toList();
    List<KeptDatabase> kept = keptAside(facts, snapshots, fromBackup, backupId);
    Map<String, String> keptAs =
        kept.stream().collect(Collectors.toMap(KeptDatabase::store, KeptDatabase::kept));
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
                + "): writes made since then are lost from the live database"
                + (kept.isEmpty()
                    ? "."
                    : "; what it holds now is kept in "
                        + kept.stream().map(KeptDatabase::kept).collect(Collectors.joining(", "))
                        + "."));
    for (TakenSnapshot snapshot : snapshots) {
      // A resumed restore must not swap twice: the second swap would find its snapshot gone.
      String done = RunFacts.SNAPSHOT_SWAPPED + snapshot.snapshot();
      if (facts.get(done).isEmpty()) {
        new DatabaseSnapshots(database(snapshot.store()))
            .swapIn(snapshot.snapshot(), keptAs.get(snapshot.store()));
        facts.put(done, tools.clock().instant().toString());
      }
    }
    if (!fromBackup.isEmpty()) {
      tools.backups().restore(backupId, tools.config().stores(), fromBackup::contains, keptAs);
    }
    String restoredFrom = restoredFrom(snapshots, fromBackup, backupId);
    facts.putAtStepEnd(RunFacts.RESTORED_FROM, restoredFrom);
    facts.putAtStepEnd(RunFacts.RESTORED_AT, tools.clock().instant().toString());
    List<String> done = new java.util.ArrayList<>();
    snapshots.forEach(s -> done.add(s.store() + " (snapshot swapped in)"));
    fromBackup.forEach(store -> done.add(store.name() + " (from backup " + backupId + ")"));
    String keptText =
        kept.isEmpty()
            ? ""
            : "; the replaced data is kept in "
                + kept.stream()
                    .map(k -> "database " + k.kept() + " (" + k.store() + ")")
                    .collect(Collectors.joining(", "));
    return "restored "
        + String.join(", ", done)
        + "; data-loss window "
        + Durations.format(window)
        + keptText;
  }

  /**
   * The databases this restore renames aside instead of dropping, one per PostgreSQL store.
   * Recorded before the first rename, and read back when the step is repeated, so that the names
   * and times stay those of the first attempt.
   */
  private List<KeptDatabase> keptAside(
      RunFacts facts,
      List<TakenSnapshot> snapshots,
      List<StoreConfig> fromBackup,
      String backupId) {
    Optional<List<KeptDatabase>> recorded = facts.json(RunFacts.KEPT_DATABASES, KEPT_LIST);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Instant now = tools.clock().instant();
    List<KeptDatabase> kept = new java.util.ArrayList<>();
    for (TakenSnapshot snapshot : snapshots) {
      kept.add(keep(database(snapshot.store()), snapshot.store(), facts, now, "snapshot"));
    }
    fromBackup.stream()
        .filter(store -> store.kind() == StoreConfig.Kind.POSTGRES)
        .forEach(
            store ->
                kept.add(keep(store.database(), store.name(), facts, now, "backup " + backupId)));
    facts.put(RunFacts.KEPT_DATABASES, dev.lockstep.core.io.Json.write(kept));
    return kept;
  }

  private static KeptDatabase keep(
      DatabaseConfig db, String store, RunFacts facts, Instant now, String from) {
    return new KeptDatabase(
        store,
        db.name(),
        KeptDatabase.nameFor(db.name(), undoneRun(facts)),
        db.host() + ":" + db.port(),
        now,
        from);
  }

  /**
   * The upgrade this restore undoes: the run itself, or the one a {@code lockstep rollback} names.
   * Kept names derive from it, so that {@code rollback --dry-run} can say them before the run.
   */
  public static String undoneRun(RunFacts facts) {
    return facts.get(RunFacts.ROLLS_BACK_RUN).orElse(facts.runId());
  }

  private static String restoredFrom(
      List<TakenSnapshot> snapshots, List<StoreConfig> fromBackup, String backupId) {
    List<String> parts = new java.util.ArrayList<>();
    if (!snapshots.isEmpty()) {
      parts.add("snapshot swap");
    }
    if (!fromBackup.isEmpty()) {
      parts.add("backup " + backupId);
    }
    return String.join(" and ", parts);
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

  private DatabaseConfig database(String store) {
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
