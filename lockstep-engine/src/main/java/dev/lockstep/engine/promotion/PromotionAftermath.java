package dev.lockstep.engine.promotion;

import dev.lockstep.core.config.PromotionConfig;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.RunAftermath;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;

/**
 * What follows a run's end, with the run shared first with the product's other environments (an
 * upgrade or a rollback, once finished). A folder that cannot be written is said, and never changes
 * how the run ended.
 */
public final class PromotionAftermath implements RunAftermath {
  private final RunAftermath aftermath;
  private final PromotionConfig promotion;
  private final String environment;
  private final Journal journal;
  private final RunListener listener;

  public PromotionAftermath(
      RunAftermath aftermath,
      PromotionConfig promotion,
      String environment,
      Journal journal,
      RunListener listener) {
    this.aftermath = aftermath;
    this.promotion = promotion;
    this.environment = environment;
    this.journal = journal;
    this.listener = listener;
  }

  @Override
  public void runEnded(String runId, RunStatus status) {
    journal.run(runId).ifPresent(this::share);
    aftermath.runEnded(runId, status);
  }

  @Override
  public void redo(RunRecord run) {
    share(run);
    aftermath.redo(run);
  }

  private void share(RunRecord run) {
    if (promotion == null || run.kind() == RunKind.REHEARSAL || !run.status().finished()) {
      return;
    }
    try {
      SharedRuns.of(promotion).record(environment, run);
    } catch (RuntimeException e) {
      listener.notice(
          "Run "
              + run.id()
              + " is not recorded in the environments' shared place "
              + promotion.sharedPlace()
              + ": "
              + e.getMessage()
              + ". Environments that come after this one do not see it: make it writable ("
              + promotion.sharedField()
              + ").");
    }
  }
}
