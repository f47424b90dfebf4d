package dev.lockstep.engine.steps;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;

/**
 * Stops every service of the deployment: the downtime starts here. Before an upgrade's migrations,
 * the schema they start from is read first, while the services still run (see {@link
 * #beforeUpgradeTo}). When the release the services come back on is known, its files are copied to
 * the hosts first, so that the copy is not part of the downtime.
 */
public final class StopServicesStep extends AbstractStep {
  public static final String NAME = "stop-services";
  private static final String DESCRIPTION = "Stop the services";

  private final Toolbox tools;
  private final boolean readSchemaFirst;
  private final ReleaseManifest next;

  public StopServicesStep(Toolbox tools) {
    this(tools, false, null);
  }

  private StopServicesStep(Toolbox tools, boolean readSchemaFirst, ReleaseManifest next) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.readSchemaFirst = readSchemaFirst;
    this.next = next;
  }

  /**
   * The upgrade's stop: copies {@code target}'s files to the hosts and reads the schema before
   * stopping, so that neither happens inside the downtime; the migration step then only confirms
   * the schema unchanged with a catalog checksum.
   */
  public static StopServicesStep beforeUpgradeTo(Toolbox tools, ReleaseManifest target) {
    return new StopServicesStep(tools, true, target);
  }

  /** A rollback's stop: copies {@code previous}'s files to the hosts before stopping. */
  public static StopServicesStep beforeGoingBackTo(Toolbox tools, ReleaseManifest previous) {
    return new StopServicesStep(tools, false, previous);
  }

  @Override
  public boolean stopsServices() {
    return true;
  }

  @Override
  public void beforeServicesStop(RunFacts facts) {
    if (next != null) {
      for (ServiceConfig service : tools.config().services().values()) {
        tools.target().prepare(service, next);
      }
    }
    if (readSchemaFirst) {
      SchemaMeasure.readBeforeStop(tools, facts);
    }
  }

  @Override
  public String run(RunFacts facts) {
    facts.putIfAbsent(RunFacts.SERVICES_STOPPED_AT, tools.clock().instant().toString());
    tools.checks().prepare(tools.config().checks()); // ready by the time the services are back
    tools.target().stopAll(tools.config().services().values());
    return "stopped " + String.join(", ", tools.config().services().keySet());
  }
}
