package dev.lockstep.engine.steps;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;

/** Starts every service on the installed release. */
public final class StartServicesStep extends AbstractStep {
  public static final String NAME = "start-services";

  private final Toolbox tools;
  private final ReleaseManifest release;

  public StartServicesStep(Toolbox tools, ReleaseManifest release) {
    super(NAME, "Start the services on " + release.version());
    this.tools = tools;
    this.release = release;
  }

  @Override
  public String run(RunFacts facts) {
    for (ServiceConfig service : tools.config().services().values()) {
      tools.target().start(service, release);
    }
    return "started " + String.join(", ", tools.config().services().keySet());
  }
}
