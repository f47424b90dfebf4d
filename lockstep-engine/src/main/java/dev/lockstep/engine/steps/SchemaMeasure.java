package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run's migrations did, measured the same way whoever applies them: the schema read before
 * they start and after they end, the difference classed, and a contract change that the release
 * declares expand refused. The manifest's word is not enough.
 */
final class SchemaMeasure {
  private final SchemaRecords schemas;
  private final ReleaseManifest release;

  SchemaMeasure(Toolbox tools, ReleaseManifest release) {
    this.schemas = new SchemaRecords(tools.config());
    this.release = release;
  }

  /**
   * Reads the schema before the migrations; a resumed run keeps the one from its first try. When
   * the upgrade read it before stopping the services, only a catalog checksum is taken here, inside
   * the downtime: the full read is repeated only if the schema changed since.
   */
  void before(RunFacts facts) {
    if (facts.get(RunFacts.SCHEMA_BEFORE_CONFIRMED).isPresent()) {
      return;
    }
    Path before = schemas.beforeRun(facts.runId());
    Optional<String> readBeforeStop = facts.get(RunFacts.SCHEMA_CHECKSUM_BEFORE_STOP);
    if (readBeforeStop.isPresent() && Files.isRegularFile(before)) {
      if (!schemas.checksum().equals(readBeforeStop.get())) {
        schemas.live().write(before); // changed while the services were stopping
      }
    } else if (!Files.isRegularFile(before)) {
      schemas.live().write(before);
    }
    facts.put(RunFacts.SCHEMA_BEFORE_CONFIRMED, "true");
  }

  /**
   * Reads the schema the migrations will start from while the services still run, so that the
   * downtime only pays for a checksum ({@link #before}). Called before the services stop.
   */
  static void readBeforeStop(Toolbox tools, RunFacts facts) {
    SchemaRecords schemas = new SchemaRecords(tools.config());
    facts.put(
        RunFacts.SCHEMA_CHECKSUM_BEFORE_STOP,
        schemas.recordWithChecksum(schemas.beforeRun(facts.runId())));
  }

  /**
   * Reads the schema after the migrations, journals the changes, and refuses an undeclared contract
   * change.
   *
   * @param applied every migration the run applied
   * @param stance what the refusal says about where the run stands, e.g. "Stopping before
   *     deploying: the previous release may not run on this schema."
   */
  SchemaDiff after(RunFacts facts, List<MigrationReport> applied, String stance) {
    SchemaSnapshot after = schemas.live();
    after.write(schemas.afterRun(facts.runId()));
    SchemaDiff diff =
        SchemaDiffer.diff(SchemaSnapshot.read(schemas.beforeRun(facts.runId())), after);
    facts.putJson(RunFacts.SCHEMA_CHANGES, diff.changes());
    boolean declaredContract =
        applied.stream().anyMatch(m -> !m.type().equals(MigrationClass.EXPAND.label()));
    if (diff.type() == MigrationClass.CONTRACT && !declaredContract && !applied.isEmpty()) {
      throw new LockstepException(
          ErrorCode.MIGRATION_MISCLASSIFIED,
          "Release "
              + release.version()
              + " declares its migrations expand, but the schema change they made is contract: "
              + diff.contractChanges().stream()
                  .map(SchemaChange::reason)
                  .collect(Collectors.joining("; "))
              + ". "
              + stance
              + " Tell the vendor; the manifest's classes are wrong.");
    }
    return diff;
  }

  /**
   * Adds {@code applied} to the migrations the run has journaled (a resumed run keeps what its
   * interrupted attempt applied) and returns them all.
   */
  static List<MigrationReport> record(RunFacts facts, List<MigrationReport> applied) {
    List<MigrationReport> all = new ArrayList<>(journaled(facts));
    for (MigrationReport migration : applied) {
      if (all.stream().noneMatch(m -> m.version().equals(migration.version()))) {
        all.add(migration);
      }
    }
    facts.putJson(RunFacts.MIGRATIONS_APPLIED, all);
    return all;
  }

  static List<MigrationReport> journaled(RunFacts facts) {
    return facts
        .json(RunFacts.MIGRATIONS_APPLIED, new TypeReference<List<MigrationReport>>() {})
        .orElse(List.of());
  }

  /** The step's line for the report: what was applied, and what it measured as. */
  static String summary(List<String> applied, SchemaDiff diff) {
    return summary(applied, null, diff);
  }

  /**
   * @param took how long the migrations themselves ran (what a rehearsal predicts); null if unknown
   */
  static String summary(List<String> applied, Duration took, SchemaDiff diff) {
    return (applied.isEmpty() ? "no pending migrations" : "applied " + String.join(", ", applied))
        + (applied.isEmpty() || took == null ? "" : " in " + Durations.format(took))
        + "; measured: "
        + diff.type().label()
        + " ("
        + diff.changes().size()
        + " schema change"
        + (diff.changes().size() == 1 ? "" : "s")
        + ")";
  }
}
