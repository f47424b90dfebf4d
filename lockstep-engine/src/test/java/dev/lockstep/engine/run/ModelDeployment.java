package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.journal.Journal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment in memory that a run can act on: which release the services run, whether they run,
 * and which migrations the database has. Its checklists have the real checklists' steps (names,
 * which stop services, which apply migrations), each acting on this model, and any one of them can
 * be made to fail. The journal is a real one, in memory.
 */
final class ModelDeployment implements ChecklistFactory, RollbackFacts {
  /** When the model's snapshot of store {@code main} is taken. */
  static final java.time.Instant SNAPSHOT_TAKEN_AT =
      java.time.Instant.parse("2026-12-05T00:00:05Z");

  final Journal journal = Journal.empty();
  final Set<String> applied = new LinkedHashSet<>();
  final List<String> ran = new ArrayList<>();
  final List<String> failing = new ArrayList<>();
  String running;
  String firstInstall;
  boolean servicesUp = true;
  String snapshotting = "";
  final List<String> aftermaths = new ArrayList<>();

  /** The real upgrade checklist of a release, whose steps act on this model. */
  private final java.util.function.BiFunction<RunReleases, ChecklistInputs, List<Step>> realUpgrade;

  ModelDeployment(
      java.util.function.BiFunction<RunReleases, ChecklistInputs, List<Step>> realUpgrade) {
    this.realUpgrade = realUpgrade;
  }

  RunDriver driver(ConfigShape config) {
    return new RunDriver(
        new RunContext(
            journal,
            config,
            this,
            this,
            (runId, status) -> aftermaths.add(runId + " " + status),
            (facts, strategy, releases, step, error) -> "briefing: " + step.name() + " failed",
            RunListener.NONE,
            Clock.systemUTC(),
            CrashPoints.none()));
  }

  /**
   * Makes {@code phaseAndStep} ("forward:migrate", "rollback:validate") fail the next time it runs;
   * given twice, the next two times.
   */
  ModelDeployment failAt(String phaseAndStep) {
    failing.add(phaseAndStep);
    return this;
  }

  @Override
  public List<Step> upgrade(RunReleases releases, ChecklistInputs inputs) {
    return realUpgrade.apply(releases, inputs).stream()
        .map(real -> (Step) new ModelStep("forward", real, releases.next(), releases))
        .toList();
  }

  @Override
  public List<Step> rollback(RunReleases releases, ChecklistInputs inputs) {
    List<String> names =
        switch (inputs.strategy()) {
          case NOTHING_TO_UNDO -> List.of();
          case STOP_SERVICES -> List.of("stop-services");
          case REVERT_SERVICES, REVERT_SERVICES_ON_NEW_SCHEMA ->
              List.of("stop-services", "install", "start-services", "validate");
          case RESTORE_BACKUP ->
              List.of("stop-services", "restore-backup", "install", "start-services", "validate");
        };
    return names.stream()
        .map(
            name ->
                (Step)
                    new ModelStep(
                        "rollback",
                        new Named(name, name.equals("stop-services"), false),
                        releases.previous(),
                        releases))
        .toList();
  }

  @Override
  public List<String> appliedMigrations(String runId, RunReleases releases) {
    return List.copyOf(applied);
  }

  @Override
  public Optional<MeasuredChange> measuredChange(String runId) {
    return Optional.empty();
  }

  /** A step with the identity of a real one, acting on the model. */
  private final class ModelStep implements Step {
    private final String phase;
    private final Step real;
    private final ReleaseManifest release;
    private final RunReleases releases;

    ModelStep(String phase, Step real, ReleaseManifest release, RunReleases releases) {
      this.phase = phase;
      this.real = real;
      this.release = release;
      this.releases = releases;
    }

    @Override
    public String name() {
      return real.name();
    }

    @Override
    public String description() {
      return real.description();
    }

    @Override
    public boolean stopsServices() {
      return real.stopsServices();
    }

    @Override
    public boolean appliesMigrations() {
      return real.appliesMigrations();
    }

    @Override
    public String run(RunFacts facts) {
      ran.add(phase + ":" + name());
      if (stopsServices()) {
        facts.putIfAbsent(RunFacts.SERVICES_STOPPED_AT, "2026-12-05T00:00:00Z");
        servicesUp = false;
      }
      switch (name()) {
        case "backup" -> {
          facts.putAtStepEnd(RunFacts.BACKUP_ID, "backup-1");
          facts.putAtStepEnd(RunFacts.BACKUP_CREATED_AT, "2026-12-05T00:00:00Z");
        }
        case "verify-backup" ->
            facts.putAtStepEnd(RunFacts.BACKUP_VERIFIED, "2026-12-05T00:00:00Z");
        case "snapshot-databases" ->
            facts.putJsonAtStepEnd(
                RunFacts.SNAPSHOTS,
                List.of(
                    new TakenSnapshot(
                        "main",
                        "notes",
                        TakenSnapshot.nameFor(facts.runId(), 1),
                        SNAPSHOT_TAKEN_AT)));
        case "restore-backup" -> {
          applied.clear();
          releases.previous().migrations().forEach(m -> applied.add(m.version()));
        }
        case "install" -> running = release.version().toString();
        case "start-services" -> servicesUp = true;
        default -> {}
      }
      if (appliesMigrations()) {
        release.migrations().forEach(m -> applied.add(m.version()));
      }
      if (failing.remove(phase + ":" + name())) {
        throw new LockstepException(ErrorCode.CHECK_FAILED, name() + " failed in the model");
      }
      return name() + " done";
    }
  }

  /** A step known only by its name and what it does to services and migrations. */
  record Named(String name, boolean stopsServices, boolean appliesMigrations) implements Step {
    @Override
    public String description() {
      return name;
    }

    @Override
    public String run(RunFacts facts) {
      throw new UnsupportedOperationException("identity only");
    }
  }

  static ReleaseManifest release(
      String version, MigrationRunnerKind runner, Map<String, MigrationClass> migrations) {
    List<MigrationScript> scripts = new ArrayList<>();
    migrations.forEach(
        (id, type) -> scripts.add(new MigrationScript(id, "m" + id, Path.of(id + ".sql"), type)));
    return new ReleaseManifest(
        Path.of("releases", version, "release.yaml"),
        "model",
        Version.parse(version),
        Map.of(),
        null,
        scripts,
        null,
        runner,
        runner == MigrationRunnerKind.LOCKSTEP ? null : new HistoryRef("prisma", null),
        null);
  }

  static RollbackStrategy strategyOf(Journal journal, String runId) {
    return RollbackStrategy.valueOf(
        journal.facts(runId).getOrDefault(RunFacts.ROLLBACK_STRATEGY, "NOTHING_TO_UNDO"));
  }
}
