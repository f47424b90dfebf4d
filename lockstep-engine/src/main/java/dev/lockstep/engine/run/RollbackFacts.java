package dev.lockstep.engine.run;

import java.util.List;
import java.util.Optional;

/**
 * What the deployment says a run did, read when a rollback is decided: the migrations the database
 * has, and the schema change measured against the schema recorded before the run migrated.
 */
public interface RollbackFacts {

  /** The migration ids the database has now, as the releases' manifests spell them. */
  List<String> appliedMigrations(String runId, RunReleases releases);

  /** What run {@code runId} did to the schema, or empty when it cannot be measured. */
  Optional<MeasuredChange> measuredChange(String runId);
}
