package dev.lockstep.postgres.internal;

import java.time.Duration;

/** A child process ran past its time limit and was killed. */
public final class CommandTimeoutException extends RuntimeException {
  public CommandTimeoutException(String program, Duration limit) {
    super(program + " did not finish within " + limit.toSeconds() + "s and was stopped");
  }
}
