package dev.lockstep.engine.steps;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;

/** Installs one release's artifact for every service: all services from the same release. */
public final class InstallReleaseStep extends AbstractStep {
  public static final String NAME = "install";

  private final Toolbox tools;
  private final ReleaseManifest release;

  public InstallReleaseStep(Toolbox tools, ReleaseManifest release) {
    super(NAME, "Install release " + release.version() + " for every service");
    this.tools = tools;
    this.release = release;
  }

  @Override
  public String run(RunFacts facts) {
    for (ServiceConfig service : tools.config().services().values()) {
      tools.target().install(service, release);
    }
    return "installed " + release.version();
  }
}
