package dev.lockstep.engine.steps;

/**
 * Stops every service of the deployment: the downtime starts here. Before an upgrade's migrations,
 * the schema they start from is read first, while the services still run (see {@link
 * #readingSchemaFirst}).
 */
public final class StopServicesStep extends AbstractStep {
  public static final String NAME = "stop-services";
  private static final String DESCRIPTION = "Stop the services";

  private final Toolbox tools;
  private final boolean readSchemaFirst;

  public StopServicesStep(Toolbox tools) {
    this(tools, false);
  }

  private StopServicesStep(Toolbox tools, boolean readSchemaFirst) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.readSchemaFirst = readSchemaFirst;
  }

  /**
   * The upgrade's stop: reads the schema before stopping, so that the migration step only confirms
   * it unchanged with a catalog checksum instead of reading it whole inside the downtime.
   */
  public static StopServicesStep readingSchemaFirst(Toolbox tools) {
    return new StopServicesStep(tools, true);
  }

  @Override
  public boolean stopsServices() {
    return true;
  }

  @Override
  public String run(RunFacts facts) {
    if (readSchemaFirst && facts.get(RunFacts.SERVICES_STOPPED_AT).isEmpty()) {
      SchemaMeasure.readBeforeStop(tools, facts);
    }
    facts.putIfAbsent(RunFacts.SERVICES_STOPPED_AT, tools.clock().instant().toString());
    tools.checks().prepare(tools.config().checks()); // ready by the time the services are back
    tools.target().stopAll(tools.config().services().values());
    return "stopped " + String.join(", ", tools.config().services().keySet());
  }
}
