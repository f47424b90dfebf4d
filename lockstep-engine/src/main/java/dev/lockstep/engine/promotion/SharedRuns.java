package dev.lockstep.engine.promotion;

import dev.lockstep.core.config.PromotionConfig;
import dev.lockstep.journal.RunRecord;
import java.util.List;

/** Where the environments of a product record the upgrades and rollbacks they finished. */
public interface SharedRuns {

  /** Records {@code run} (finished) of {@code environment}; recording it again rewrites it. */
  void record(String environment, RunRecord run);

  /** The finished runs {@code environment} recorded, oldest first; none when it recorded none. */
  List<SharedRun> of(String environment);

  /** The config's shared place: its folder, or its database. */
  static SharedRuns of(PromotionConfig promotion) {
    return promotion.shared() != null
        ? new SharedRunsFolder(promotion.shared())
        : new SharedRunsTable(promotion.sharedDatabase());
  }
}
