package dev.lockstep.engine.release;

import java.util.List;

/**
 * {@code lockstep release lint} for one release: every migration, its declared class, the class
 * read or (when run on a throwaway database) measured, its lint findings and its verdict.
 *
 * @param observed whether the migrations were run on a throwaway database
 * @param verdict the worst verdict of its migrations
 * @param observation how the observation went, or null when the migrations were only read
 */
public record ReleaseLintReport(
    String product,
    String version,
    boolean observed,
    List<MigrationLint> migrations,
    LintVerdict verdict,
    ReleaseObservation observation) {

  public ReleaseLintReport {
    migrations = List.copyOf(migrations);
  }

  static ReleaseLintReport of(
      String product,
      String version,
      List<MigrationLint> migrations,
      ReleaseObservation observation) {
    LintVerdict verdict =
        migrations.stream()
            .map(MigrationLint::verdict)
            .reduce(LintVerdict.HOLDS, LintVerdict::worse);
    return new ReleaseLintReport(
        product, version, observation != null, migrations, verdict, observation);
  }

  /** A migration is misclassified or cannot run. */
  public boolean failed() {
    return verdict == LintVerdict.MISCLASSIFIED || verdict == LintVerdict.FAILED;
  }
}
