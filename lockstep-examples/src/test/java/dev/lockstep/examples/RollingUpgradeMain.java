package dev.lockstep.examples;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.CrashPoints;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A Lockstep of its own (a second JVM) upgrading a fleet, for the crash test to kill: {@code
 * RollingUpgradeMain CONFIG VERSION}, with {@code LOCKSTEP_PAUSE_AT} saying where to wait.
 */
public final class RollingUpgradeMain {
  private RollingUpgradeMain() {}

  public static void main(String[] args) throws Exception {
    try (Deployment deployment =
        Deployment.open(
            new ConfigLoader(Variables.fromEnvironment()).load(Path.of(args[0])),
            new EngineOptions(
                RunListener.NONE,
                Progress.NONE,
                Clock.systemUTC(),
                CrashPoints.fromEnvironment()))) {
      System.out.println(deployment.upgrade(Version.parse(args[1])).summary());
    }
  }
}
