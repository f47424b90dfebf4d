package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.io.Json;
import dev.lockstep.journal.Journal;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts one run has recorded in the journal (its backup, the migrations it applied, when the
 * services went down). Rollback and resume decide from these, never from memory.
 */
public final class RunFacts {
  public static final String BACKUP_ID = "backup.id";
  public static final String BACKUP_CREATED_AT = "backup.createdAt";
  public static final String BACKUP_VERIFIED = "backup.verified";
  public static final String VERIFICATION_OVERRIDE = "backup.verificationOverride";
  public static final String ACCEPT_UNVERIFIED = "backup.acceptUnverified";
  public static final String DRIFT_ALLOWED = "schema.driftAllowed";
  public static final String SNAPSHOTS = "snapshots";
  public static final String SNAPSHOT_SWAPPED = "snapshots.swapped.";
  public static final String SERVICES_STOPPED_AT = "downtime.start";
  public static final String SERVICES_BACK_AT = "downtime.end";
  public static final String MIGRATIONS_APPLIED = "migrations.applied";
  public static final String SCHEMA_CHANGES = "schema.changes";
  public static final String ROLLBACK_STRATEGY = "rollback.strategy";
  public static final String ROLLBACK_REASON = "rollback.reason";
  public static final String ROLLBACK_FIRST_STEP = "rollback.firstStep";
  public static final String DATA_LOSS_WINDOW = "rollback.dataLossWindow";
  public static final String RESTORED_AT = "rollback.restoredAt";
  public static final String ROLLS_BACK_RUN = "rollback.ofRun";

  private final Journal journal;
  private final String runId;

  public RunFacts(Journal journal, String runId) {
    this.journal = journal;
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(journal.facts(runId).get(key));
  }

  public void put(String key, String value) {
    journal.recordFact(runId, key, value);
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
