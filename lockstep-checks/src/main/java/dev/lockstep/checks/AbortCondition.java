package dev.lockstep.checks;

import java.util.Optional;

/**
 * Tells running checks that there is no point in trying on: a service they test has died, say.
 * Asked before every attempt and while waiting between attempts, so it must answer quickly.
 */
@FunctionalInterface
public interface AbortCondition {
  AbortCondition NEVER = Optional::empty;

  /** Why the checks should stop now, or empty to go on. */
  Optional<String> reason();
}
