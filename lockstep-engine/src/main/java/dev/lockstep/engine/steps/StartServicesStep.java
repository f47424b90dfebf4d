package dev.lockstep.engine.steps;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;

/** Starts every service on the installed release. */
public final class StartServicesStep extends AbstractStep {
  public static final String NAME = "start-services";

  private final Toolbox tools;
  private final ReleaseManifest release;
  private final boolean migratesOnStart;

  public StartServicesStep(Toolbox tools, ReleaseManifest release) {
    this(tools, release, false);
  }

  private StartServicesStep(Toolbox tools, ReleaseManifest release, boolean migratesOnStart) {
    super(NAME, "Start the services on " + release.version());
    this.tools = tools;
    this.release = release;
    this.migratesOnStart = migratesOnStart;
  }

  /** For a product that applies its migrations as it starts: the migrations run in this step. */
  public static StartServicesStep migratingOnStart(Toolbox tools, ReleaseManifest release) {
    return new StartServicesStep(tools, release, true);
  }

  @Override
  public boolean appliesMigrations() {
    return migratesOnStart;
  }

  @Override
  public String run(RunFacts facts) {
    for (ServiceConfig service : tools.config().services().values()) {
      tools.target().start(service, release);
    }
    return "started " + String.join(", ", tools.config().services().keySet());
  }
}
