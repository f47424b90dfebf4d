package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.MigrationScript;
import java.util.List;

/**
 * One step of an upgrade or rollback, as on the operator's checklist. Each step is journaled before
 * it runs and after it ends, and is safe to run again: a run resumed after a crash repeats the step
 * it was in.
 */
public interface Step {

  /** A stable name, used in the journal: {@code backup}, {@code migrate}, … */
  String name();

  /** What it does, in the operator's words. */
  String description();

  /** Whether the services are down from the moment this step starts. */
  default boolean stopsServices() {
    return false;
  }

  /**
   * For a step that {@link #stopsServices()}: what it does while the services still run, before the
   * run's downtime starts (and its notice is sent). Not called again once the run has stopped them:
   * a resumed stop goes straight to {@link #run}.
   */
  default void beforeServicesStop(RunFacts facts) {}

  /**
   * Whether the services are touched once this step has started, all at once or node by node: from
   * then on undoing the run means putting the previous release back on them.
   */
  default boolean touchesServices() {
    return stopsServices();
  }

  /**
   * Whether the release's pending migrations may have run once this step has started: the step that
   * applies them, or the start of a product that migrates as it starts.
   */
  default boolean appliesMigrations() {
    return false;
  }

  /**
   * Which of the release's {@code pending} migrations may have run once this step has started: all
   * of them for a step that {@link #appliesMigrations()}, unless it applies only a part.
   */
  default List<MigrationScript> migrationsApplied(List<MigrationScript> pending) {
    return appliesMigrations() ? pending : List.of();
  }

  /**
   * Does the work.
   *
   * @return one line for the report, e.g. "backup 20261123-101500-ab12 (1.2 MB, 3 tables)"
   */
  String run(RunFacts facts);
}
