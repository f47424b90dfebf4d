package dev.lockstep.engine.steps;

import dev.lockstep.targets.StrayProcess;
import java.util.List;

/**
 * Stops what an interrupted Lockstep started and never recorded (a crash between a service's start
 * and the record of its pid), naming each in a notice, so that exactly one copy of each service
 * runs and holds its port.
 */
public final class UnrecordedProcesses {
  private final Toolbox tools;

  public UnrecordedProcesses(Toolbox tools) {
    this.tools = tools;
  }

  /** Stops those of every service; returns how many there were. */
  public int stopAll() {
    return notice(tools.target().reconcileAll(tools.config().services().values()));
  }

  private int notice(List<StrayProcess> strays) {
    int stopped = 0;
    for (StrayProcess stray : strays) {
      stopped++;
      tools
          .listener()
          .notice(
              "Stopped "
                  + stray.describe()
                  + ": an earlier Lockstep started it but was stopped before recording it.");
    }
    return stopped;
  }
}
