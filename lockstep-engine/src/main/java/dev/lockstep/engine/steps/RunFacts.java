package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.io.Json;
import dev.lockstep.journal.Journal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The facts one run has recorded in the journal (its backup, the migrations it applied, when the
 * services went down). Rollback and resume decide from these, never from memory.
 */
public final class RunFacts {
  public static final String BACKUP_ID = "backup.id";
  public static final String BACKUP_CREATED_AT = "backup.createdAt";
  public static final String BACKUP_VERIFIED = "backup.verified";

  /** Why the operator took the release before staging ran it long enough (--skip-staging). */
  public static final String STAGING_SKIPPED = "promotion.stagingSkipped";

  /** The release an upgrade across required stops goes to, when this run is one of its hops. */
  public static final String PATH_TO = "path.to";

  /** Which hop of that path this run is, as {@code 2/3}. */
  public static final String PATH_HOP = "path.hop";

  /**
   * The path this hop belongs to: the run id of its first hop, which names the path after itself.
   * Every hop of one {@code upgrade --to V}, and the hops a {@code resume} takes after it, share
   * it.
   */
  public static final String PATH_ID = "path.id";

  public static final String VERIFICATION_OVERRIDE = "backup.verificationOverride";
  public static final String ACCEPT_UNVERIFIED = "backup.acceptUnverified";
  public static final String DRIFT_ALLOWED = "schema.driftAllowed";
  public static final String SNAPSHOTS = "snapshots";
  public static final String SNAPSHOT_SWAPPED = "snapshots.swapped.";
  public static final String SERVICES_STOPPED_AT = "downtime.start";
  public static final String SERVICES_BACK_AT = "downtime.end";

  /** When a rolling upgrade first took a node out of rotation: the services were touched. */
  public static final String NODES_TOUCHED_AT = "rolling.firstNodeAt";

  /** When the first check passed after the services started: they answer. */
  public static final String SERVICES_HEALTHY_AT = "downtime.healthy";

  /** How long the migrations themselves ran (the runner's own time, no schema reads). */
  public static final String MIGRATIONS_TOOK = "migrations.took";

  public static final String MIGRATIONS_APPLIED = "migrations.applied";
  public static final String SCHEMA_CHANGES = "schema.changes";

  /** The catalog checksum taken with the schema read before the services stopped. */
  public static final String SCHEMA_CHECKSUM_BEFORE_STOP = "schema.checksumBeforeStop";

  /** Set once the schema before the migrations is known to be the one recorded. */
  public static final String SCHEMA_BEFORE_CONFIRMED = "schema.beforeConfirmed";

  public static final String ROLLBACK_STRATEGY = "rollback.strategy";
  public static final String ROLLBACK_REASON = "rollback.reason";
  public static final String ROLLBACK_FIRST_STEP = "rollback.firstStep";
  public static final String DATA_LOSS_WINDOW = "rollback.dataLossWindow";
  public static final String RESTORED_AT = "rollback.restoredAt";
  public static final String ROLLS_BACK_RUN = "rollback.ofRun";
  public static final String ROLLBACK_PROVEN = "rollback.proven";
  public static final String ROLLBACK_INFERRED = "rollback.inferred";

  /**
   * After a successful upgrade: the rollback that would undo it ({@link
   * dev.lockstep.core.report.RollbackNow}), decided when it ended, for its report.
   */
  public static final String ROLLBACK_NOW = "rollback.now";

  /** What the restore was made from, as it was done: snapshot swap, backup, or both. */
  public static final String RESTORED_FROM = "rollback.restoredFrom";

  /**
   * The databases a restore keeps aside ({@link dev.lockstep.core.report.KeptDatabase}), recorded
   * before the first rename so that a crash cannot leave one no record names.
   */
  public static final String KEPT_DATABASES = "rollback.kept";

  /** Prefix of the fact recording when the operator dropped a kept database. */
  public static final String KEPT_DROPPED = "rollback.kept.dropped.";

  private final Journal journal;
  private final String runId;
  private final Map<String, String> atEnd = new LinkedHashMap<>();

  public RunFacts(Journal journal, String runId) {
    this.journal = journal;
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  /** The value recorded, or kept for the end of the running step. */
  public Optional<String> get(String key) {
    if (atEnd.containsKey(key)) {
      return Optional.of(atEnd.get(key));
    }
    return Optional.ofNullable(journal.facts(runId).get(key));
  }

  /**
   * Records {@code value} now, durably: for what a repeated step must find (a snapshot already
   * swapped in, the schema read before migrating) and what must survive the step's own failure.
   */
  public void put(String key, String value) {
    atEnd.remove(key);
    journal.recordFact(runId, key, value);
  }

  /**
   * Records {@code value} together with the end of the step that is running, in the same
   * transaction: a crash before the step ends leaves neither, and the step is repeated.
   */
  public void putAtStepEnd(String key, String value) {
    atEnd.put(key, value);
  }

  public void putJsonAtStepEnd(String key, Object value) {
    putAtStepEnd(key, Json.write(value));
  }

  /** Writes what {@link #putAtStepEnd} kept; called by the executor inside the step's end. */
  public void flushStepEnd() {
    atEnd.forEach((key, value) -> journal.recordFact(runId, key, value));
    atEnd.clear();
  }

  /** Forgets what {@link #putAtStepEnd} kept, when a step ends without recording its end. */
  public void discardStepEnd() {
    atEnd.clear();
  }

  public void putIfAbsent(String key, String value) {
    if (get(key).isEmpty()) {
      put(key, value);
    }
  }

  public Optional<Instant> instant(String key) {
    return get(key).map(Instant::parse);
  }

  public void putJson(String key, Object value) {
    put(key, Json.write(value));
  }

  public <T> Optional<T> json(String key, TypeReference<T> type) {
    return get(key).map(json -> Json.read(json, type));
  }
}
