package dev.lockstep.engine.steps;

import dev.lockstep.core.config.ServiceConfig;

/** Stops every service of the deployment: the downtime starts here. */
public final class StopServicesStep extends AbstractStep {
  public static final String NAME = "stop-services";
  private static final String DESCRIPTION = "Stop the services";

  private final Toolbox tools;

  public StopServicesStep(Toolbox tools) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
  }

  @Override
  public boolean stopsServices() {
    return true;
  }

  @Override
  public String run(RunFacts facts) {
    facts.putIfAbsent(RunFacts.SERVICES_STOPPED_AT, tools.clock().instant().toString());
    for (ServiceConfig service : tools.config().services().values()) {
      tools.target().stop(service);
    }
    return "stopped " + String.join(", ", tools.config().services().keySet());
  }
}
