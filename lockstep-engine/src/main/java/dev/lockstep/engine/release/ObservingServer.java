package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.schema.lint.MigrationLinter;
import dev.lockstep.schema.lint.SqlLinter;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway server for a whole {@code release lint --observe}. Each release's migrations run in
 * a database of their own; once they all ran, that database is left untouched as the template of
 * its migrations: a later release whose migrations start with the same files starts from a copy of
 * it, reuses what was seen there, and runs only the migrations it adds.
 */
final class ObservingServer implements AutoCloseable {
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  private final ThrowawayPostgres server;
  private final LintTimezone timezone;
  private final boolean dropWhenDone;
  private final String prefix;
  private final MigrationLinter linter = new MigrationLinter();
  private final Map<List<String>, Template> templates = new HashMap<>();
  private final Map<List<String>, ScriptObservation> seen = new HashMap<>();
  private final List<String> databases = new ArrayList<>();

  /** A database holding the schema a release's migrations left. */
  private record Template(String database, String release) {}

  /**
   * @param dropWhenDone whether {@link #close()} drops the databases it created: needed on a server
   *     that outlives the lint, wasted time on one that is about to be deleted
   */
  ObservingServer(ThrowawayPostgres server, LintTimezone timezone, boolean dropWhenDone) {
    this.server = server;
    this.timezone = timezone;
    this.dropWhenDone = dropWhenDone;
    this.prefix =
        "lockstep_lint_" + ProcessHandle.current().pid() + "_" + INVOCATIONS.getAndIncrement();
  }

  /**
   * @param scripts the release's migrations, read ({@link ReleaseScript#of})
   */
  ReleaseLintReport observe(ReleaseManifest release, List<ReleaseScript> scripts, Path schemaOut) {
    long started = System.nanoTime();
    String version = release.version().toString();
    int reused = longestTemplatePrefix(scripts);
    Template from = reused == 0 ? null : templates.get(ReleaseScript.keys(scripts, reused));
    String database = prefix + "_" + (databases.size() + 1);
    if (from == null) {
      server.createDatabase(database);
    } else {
      server.copyDatabase(from.database(), database);
    }
    databases.add(database);
    List<MigrationLint> migrations = new ArrayList<>();
    for (int i = 0; i < reused; i++) {
      ReleaseScript script = scripts.get(i);
      ScriptObservation observation = seen.get(ReleaseScript.keys(scripts, i + 1));
      migrations.add(Verdicts.observed(script.name(), script.declared(), observation, version));
    }
    String written = null;
    try (Connection scratch = new Database(server.database(database)).connect()) {
      useTimezone(scratch);
      boolean complete = run(scripts, reused, scratch, version, migrations);
      if (complete && schemaOut != null) {
        SchemaReader.read(scratch).write(schemaOut);
        written = schemaOut.toString();
      }
      if (complete) {
        templates.put(ReleaseScript.keys(scripts, scripts.size()), new Template(database, version));
      }
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "The throwaway server for linting failed during release "
              + version
              + ": "
              + e.getMessage(),
          e);
    }
    int ran = (int) migrations.stream().skip(reused).filter(m -> m.measured() != null).count();
    long took = (System.nanoTime() - started) / 1_000_000;
    String startedFrom = from == null ? ReleaseObservation.EMPTY : from.release();
    return ReleaseLintReport.of(
        release.product(),
        version,
        migrations,
        new ReleaseObservation(took, startedFrom, reused, ran, written));
  }

  /**
   * Runs the scripts from {@code first} on, each on the schema the ones before it left; after one
   * fails, the rest are only read. Returns whether all of them ran.
   */
  private boolean run(
      List<ReleaseScript> scripts,
      int first,
      Connection scratch,
      String version,
      List<MigrationLint> migrations) {
    SchemaSnapshot before = first < scripts.size() ? SchemaReader.read(scratch) : null;
    boolean failed = false;
    for (int i = first; i < scripts.size(); i++) {
      ReleaseScript script = scripts.get(i);
      if (failed) {
        migrations.add(
            Verdicts.notRun(
                script.name(), script.declared(), new SqlLinter().lint(script.sql()).findings()));
        continue;
      }
      MigrationMeasure.Measured measured =
          MigrationMeasure.run(linter, scratch, script.sql(), before, version);
      failed = measured.failed();
      ScriptObservation observation = measured.observation();
      if (!failed) {
        seen.put(ReleaseScript.keys(scripts, i + 1), observation);
      }
      migrations.add(Verdicts.observed(script.name(), script.declared(), observation, version));
      before = measured.after();
    }
    return !failed;
  }

  private int longestTemplatePrefix(List<ReleaseScript> scripts) {
    for (int count = scripts.size(); count > 0; count--) {
      if (templates.containsKey(ReleaseScript.keys(scripts, count))) {
        return count;
      }
    }
    return 0;
  }

  /** The session runs the migrations, so its time zone is the one that decides rewrites. */
  private void useTimezone(Connection scratch) throws SQLException {
    try (PreparedStatement set =
        scratch.prepareStatement("SELECT pg_catalog.set_config('TimeZone', ?, false)")) {
      set.setString(1, timezone.zone());
      set.executeQuery().close();
    }
  }

  @Override
  public void close() {
    if (dropWhenDone) {
      databases.forEach(server::dropDatabase);
    }
  }
}
