package dev.lockstep.engine.steps;

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
   * Does the work.
   *
   * @return one line for the report, e.g. "backup 20261123-101500-ab12 (1.2 MB, 3 tables)"
   */
  String run(RunFacts facts);
}
