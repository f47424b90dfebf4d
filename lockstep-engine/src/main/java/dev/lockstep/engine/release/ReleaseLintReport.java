package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.lint.Severity;
import java.util.List;

/**
 * {@code lockstep release lint}: every migration of a release, its declared and (when run on a
 * scratch database) measured class, and its lint findings.
 *
 * @param observed whether the migrations were run on a scratch database
 */
public record ReleaseLintReport(
    String product, String version, boolean observed, List<MigrationLint> migrations) {

  public ReleaseLintReport {
    migrations = List.copyOf(migrations);
  }

  /**
   * The lint fails on a misclassified migration: one measured contract, or holding a breaking
   * statement (an error-level finding), that the manifest calls expand. A breaking change declared
   * contract is the vendor's decision, and lock warnings are advice.
   */
  public boolean failed() {
    return migrations.stream().anyMatch(m -> m.misclassified() || breaksUndeclared(m));
  }

  private static boolean breaksUndeclared(MigrationLint migration) {
    return migration.declared() != MigrationClass.CONTRACT
        && migration.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }
}
