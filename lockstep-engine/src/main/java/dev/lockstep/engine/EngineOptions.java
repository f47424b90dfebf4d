package dev.lockstep.engine;

import dev.lockstep.core.api.Progress;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.CrashPoints;
import java.time.Clock;

/** How the engine talks to its user and measures time. */
public record EngineOptions(
    RunListener listener, Progress.Factory progress, Clock clock, CrashPoints crashPoints) {

  /** Silent, for tests and library use. */
  public static EngineOptions quiet() {
    return new EngineOptions(
        RunListener.NONE, Progress.NONE, Clock.systemUTC(), CrashPoints.none());
  }
}
