package dev.lockstep.checks;

import java.time.Duration;

/** One way of trying a check once: a request, a command. */
interface Probe {

  /** Tries once, giving up after {@code timeout}; never throws for what it observes. */
  Attempt attempt(Duration timeout);
}
