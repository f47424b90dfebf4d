package dev.lockstep.cli;

import dev.lockstep.cli.LockstepJar.Result;
import java.util.List;

/** Two Lockstep processes started together, once both have ended. */
record Race(
    LockstepJar.Running first,
    Result firstResult,
    LockstepJar.Running second,
    Result secondResult) {

  static Race of(LockstepJar.Running first, LockstepJar.Running second) {
    Result one = first.await(FaultSample.PATIENCE);
    Result two = second.await(FaultSample.PATIENCE);
    return new Race(first, one, second, two);
  }

  /** The one that exited 0, when exactly one did; otherwise null. */
  LockstepJar.Running winner() {
    boolean firstWon = firstResult.exitCode() == 0;
    boolean secondWon = secondResult.exitCode() == 0;
    if (firstWon == secondWon) {
      return null;
    }
    return firstWon ? first : second;
  }

  Result loserResult() {
    return winner() == first ? secondResult : firstResult;
  }

  /** Empty when exactly one of the two succeeded; otherwise what went wrong. */
  List<String> exactlyOneWon() {
    if (winner() != null) {
      return List.of();
    }
    return List.of(
        "expected exactly one run to succeed; exit codes: "
            + firstResult.exitCode()
            + " (pid "
            + first.process.pid()
            + ": "
            + KillTrialRunner.lastLine(firstResult.all())
            + "), "
            + secondResult.exitCode()
            + " (pid "
            + second.process.pid()
            + ": "
            + KillTrialRunner.lastLine(secondResult.all())
            + ")");
  }
}
