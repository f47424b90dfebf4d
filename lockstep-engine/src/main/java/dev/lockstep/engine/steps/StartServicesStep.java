package dev.lockstep.engine.steps;

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

  /**
   * Stops first what an interrupted start left running unrecorded (a crash between a service's
   * start and the record of its pid), naming each in a notice, so that exactly one copy of each
   * service runs and holds its port.
   */
  @Override
  public String run(RunFacts facts) {
    int strays = new UnrecordedProcesses(tools).stopAll();
    tools.target().startAll(tools.config().services().values(), release);
    String started = "started " + String.join(", ", tools.config().services().keySet());
    return strays == 0
        ? started
        : started + " (after stopping " + strays + " unrecorded process(es) of an earlier start)";
  }
}
