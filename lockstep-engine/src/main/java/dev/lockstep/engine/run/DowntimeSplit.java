package dev.lockstep.engine.run;

import dev.lockstep.engine.steps.MigrateStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.StartServicesStep;
import dev.lockstep.engine.steps.StopServicesStep;
import dev.lockstep.engine.steps.ValidateStep;
import dev.lockstep.engine.steps.WatchMigrationsStep;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A forward run's downtime, split: until the services answered ({@code stop → services healthy})
 * and until every check passed ({@code stop → checks passed}); and, inside it, Lockstep's own time
 * apart from the product's. The product's time is what the bare sequence would also spend: stopping
 * the services, the migrations themselves, starting the services and waiting for them to answer
 * (and, for a product that migrates as it starts, the watch of its migrations). The rest is
 * Lockstep's: the snapshot, the schema checksum and reads, installing the artifacts, the checks
 * after the first, and the journal between steps.
 *
 * @param toHealthy stop → the first check passed
 * @param lockstepOwn Lockstep's own time inside the window
 */
record DowntimeSplit(Duration toHealthy, Duration lockstepOwn) {
  private static final DowntimeSplit UNKNOWN = new DowntimeSplit(null, null);

  static DowntimeSplit of(Map<String, String> facts, List<StepRecord> steps) {
    String stopped = facts.get(RunFacts.SERVICES_STOPPED_AT);
    String healthy = facts.get(RunFacts.SERVICES_HEALTHY_AT);
    String back = facts.get(RunFacts.SERVICES_BACK_AT);
    if (stopped == null || healthy == null || back == null) {
      return UNKNOWN;
    }
    Instant start = Instant.parse(stopped);
    Instant healthyAt = Instant.parse(healthy);
    Duration toHealthy = Duration.between(start, healthyAt);
    if (facts.get(RunFacts.ROLLBACK_STRATEGY) != null) {
      return new DowntimeSplit(toHealthy, null); // the window holds a rollback: no split
    }
    Optional<StepRecord> stop = last(steps, StopServicesStep.NAME);
    Optional<StepRecord> startServices = last(steps, StartServicesStep.NAME);
    Optional<StepRecord> validate = last(steps, ValidateStep.NAME);
    if (stop.isEmpty() || startServices.isEmpty() || validate.isEmpty()) {
      return new DowntimeSplit(toHealthy, null);
    }
    // Only the stop's part inside the window: the release copied to the hosts and the schema read
    // before it are not downtime.
    Duration stopping =
        stop.get().endedAt() == null
            ? Duration.ZERO
            : positive(Duration.between(start, stop.get().endedAt()));
    Duration product =
        stopping
            .plus(orZero(startServices.get().duration()))
            .plus(positive(Duration.between(validate.get().startedAt(), healthyAt)));
    // A product that migrates as it starts does so inside the watch.
    product =
        product.plus(
            last(steps, WatchMigrationsStep.NAME)
                .map(s -> orZero(s.duration()))
                .orElse(Duration.ZERO));
    String took = facts.get(RunFacts.MIGRATIONS_TOOK);
    if (took != null && last(steps, MigrateStep.NAME).isPresent()) {
      product = product.plus(Duration.parse(took));
    }
    Duration window = Duration.between(start, Instant.parse(back));
    return new DowntimeSplit(toHealthy, positive(window.minus(product)));
  }

  private static Optional<StepRecord> last(List<StepRecord> steps, String name) {
    StepRecord found = null;
    for (StepRecord step : steps) {
      if (step.phase() == Phase.FORWARD && step.name().equals(name)) {
        found = step;
      }
    }
    return Optional.ofNullable(found);
  }

  private static Duration orZero(Duration duration) {
    return duration == null ? Duration.ZERO : duration;
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
