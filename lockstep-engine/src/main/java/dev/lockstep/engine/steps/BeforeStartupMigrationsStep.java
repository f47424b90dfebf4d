package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.history.MigrationHistory;

/**
 * Opens the migration window of a product that migrates as it starts: with its services stopped,
 * the schema, the migrations its history table has and where its log stands are recorded, so that
 * what the start applies, what it changes and what it logs can be told apart from what was there.
 */
public final class BeforeStartupMigrationsStep extends AbstractStep {
  public static final String NAME = "before-migrations";
  private static final String DESCRIPTION =
      "Record the schema, migration history and log before the product migrates on start-up";

  private final Toolbox tools;
  private final ReleaseManifest release;

  public BeforeStartupMigrationsStep(Toolbox tools, ReleaseManifest release) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.release = release;
  }

  @Override
  public String run(RunFacts facts) {
    StartupSignals signals = StartupSignals.of(tools, release);
    new SchemaMeasure(tools, release).before(facts);
    ProductMigrations product = new ProductMigrations(tools, release);
    product.markBefore(facts);
    if (facts.get(StartupLog.MARKS).isEmpty()) {
      facts.putJson(StartupLog.MARKS, signals.log().mark());
    }
    MigrationHistory history = product.read();
    return "schema recorded; "
        + ProductMigrations.where(history)
        + ": "
        + history.applied().size()
        + " recorded, "
        + product.pending(history).size()
        + " pending";
  }
}
