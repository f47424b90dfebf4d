package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.postgres.migrate.MigrationResult;
import dev.lockstep.schema.diff.SchemaDiff;
import java.util.List;

/**
 * Applies the migrations a rolling upgrade held back ("post-deployment migrations"), once every
 * node runs the release and is back in rotation: typically the contract half of an expand/contract
 * change, which the previous release's nodes could not have run on. The backup verified before the
 * first migration covers them; from here on, going back means restoring it.
 */
public final class MigrateAfterRolloutStep extends AbstractStep {
  public static final String NAME = "migrate-after-rollout";

  private final Toolbox tools;
  private final ReleaseManifest release;

  public MigrateAfterRolloutStep(Toolbox tools, ReleaseManifest release) {
    super(
        NAME,
        "Apply the migrations held back until every node runs "
            + release.version()
            + " ("
            + labels(release.afterRollout())
            + ")");
    this.tools = tools;
    this.release = release;
  }

  @Override
  public boolean appliesMigrations() {
    return true;
  }

  @Override
  public List<MigrationScript> migrationsApplied(List<MigrationScript> pending) {
    return pending.stream().filter(MigrationScript::afterRollout).toList();
  }

  @Override
  public String run(RunFacts facts) {
    SchemaMeasure measure = new SchemaMeasure(tools, release);
    MigrationResult result = tools.migrations().migrate(release);
    List<String> held =
        result.applied().stream()
            .map(
                m ->
                    MigrationScript.label(m.version(), m.description())
                        + " ("
                        + classOf(m.version())
                        + ")")
            .toList();
    List<MigrationReport> all =
        SchemaMeasure.record(
            facts,
            result.applied().stream()
                .map(m -> new MigrationReport(m.version(), m.description(), classOf(m.version())))
                .toList());
    SchemaDiff diff =
        measure.after(
            facts,
            all,
            "Every node runs "
                + release.version()
                + "; the previous release may not run on this"
                + " schema.");
    return SchemaMeasure.summary(held, result.duration(), diff);
  }

  private String classOf(String version) {
    return release
        .migration(version)
        .map(MigrationScript::type)
        .map(MigrationClass::label)
        .orElse("undeclared");
  }

  private static String labels(List<MigrationScript> scripts) {
    return String.join(
        ", ",
        scripts.stream().map(s -> MigrationScript.label(s.version(), s.description())).toList());
  }
}
