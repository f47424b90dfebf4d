package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.schema.lint.SqlLinter;
import dev.lockstep.schema.lint.StaticClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lints releases' SQL migrations for the vendor who writes them. Read only, it flags statements
 * that take long exclusive locks, rewrite tables or break the previous release, and says which
 * classes it cannot decide without running them. Observed, it runs every migration on one throwaway
 * PostgreSQL for all the releases, measures the class of each one's schema change, and catches a
 * manifest that calls a breaking migration expand and a migration that cannot run.
 */
public final class ReleaseLinter {
  private final Supplier<ThrowawayPostgres> servers;

  public ReleaseLinter() {
    this(ThrowawayPostgres::start);
  }

  /**
   * @param servers starts the throwaway server of an observed lint; it is asked once per call
   */
  public ReleaseLinter(Supplier<ThrowawayPostgres> servers) {
    this.servers = servers;
  }

  /** Reads each release's migrations and lints them, without running them. */
  public ReleaseLintResult read(List<ReleaseManifest> releases) {
    SqlLinter linter = new SqlLinter();
    StaticClassifier classifier = new StaticClassifier();
    List<ReleaseLintReport> reports = new ArrayList<>();
    for (ReleaseManifest release : inOrder(releases)) {
      List<MigrationLint> migrations = new ArrayList<>();
      for (ReleaseScript script : ReleaseScript.of(release)) {
        migrations.add(
            Verdicts.read(
                script.name(),
                script.declared(),
                classifier.classify(script.sql()),
                linter.lint(script.sql()).findings()));
      }
      reports.add(
          ReleaseLintReport.of(release.product(), release.version().toString(), migrations, null));
    }
    return ReleaseLintResult.of(null, null, reports);
  }

  /**
   * Runs every release's migrations, oldest release first, on one throwaway server started for this
   * call, each migration observed (locks, rewrites) under {@code timezone} and its schema change
   * measured; {@code schemaOut}, if given, receives the schema after the only release.
   */
  public ReleaseLintResult observe(
      List<ReleaseManifest> releases, LintTimezone timezone, Path schemaOut) {
    requireOneReleaseFor(schemaOut, releases);
    List<ReleaseManifest> ordered = inOrder(releases);
    List<List<ReleaseScript>> scripts = scriptsOf(ordered);
    long started = System.nanoTime();
    try (ThrowawayPostgres server = servers.get()) {
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      try (ObservingServer observing = new ObservingServer(server, timezone, false)) {
        return ReleaseLintResult.of(
            timezone, startMillis, observeAll(observing, ordered, scripts, schemaOut));
      }
    }
  }

  /**
   * The same on a server the caller started and keeps: it is left running, without the databases
   * the lint created.
   */
  public ReleaseLintResult observe(
      List<ReleaseManifest> releases,
      LintTimezone timezone,
      Path schemaOut,
      ThrowawayPostgres server) {
    requireOneReleaseFor(schemaOut, releases);
    List<ReleaseManifest> ordered = inOrder(releases);
    List<List<ReleaseScript>> scripts = scriptsOf(ordered);
    try (ObservingServer observing = new ObservingServer(server, timezone, true)) {
      return ReleaseLintResult.of(timezone, 0L, observeAll(observing, ordered, scripts, schemaOut));
    }
  }

  /** One release, read only. */
  public ReleaseLintReport lint(ReleaseManifest release) {
    return read(List.of(release)).releases().get(0);
  }

  /** One release, observed under a non-UTC time zone. */
  public ReleaseLintReport observe(ReleaseManifest release, Path schemaOut) {
    return observe(List.of(release), LintTimezone.assumed(), schemaOut).releases().get(0);
  }

  private static List<ReleaseLintReport> observeAll(
      ObservingServer observing,
      List<ReleaseManifest> releases,
      List<List<ReleaseScript>> scripts,
      Path schemaOut) {
    List<ReleaseLintReport> reports = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      reports.add(observing.observe(releases.get(i), scripts.get(i), schemaOut));
    }
    return reports;
  }

  /** Every release's migrations, read before any server starts: a bad one stops the lint there. */
  private static List<List<ReleaseScript>> scriptsOf(List<ReleaseManifest> releases) {
    return releases.stream().map(ReleaseScript::of).toList();
  }

  /** Oldest first: a release's migrations usually start with the previous release's. */
  private static List<ReleaseManifest> inOrder(List<ReleaseManifest> releases) {
    return releases.stream().sorted(Comparator.comparing(ReleaseManifest::version)).toList();
  }

  private static void requireOneReleaseFor(Path schemaOut, List<ReleaseManifest> releases) {
    if (schemaOut != null && releases.size() != 1) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--schema-out writes the schema after one release, but "
              + releases.size()
              + " releases were given ("
              + String.join(
                  ", ", inOrder(releases).stream().map(r -> r.version().toString()).toList())
              + "). Lint the release whose schema you want on its own with --schema-out.");
    }
  }
}
