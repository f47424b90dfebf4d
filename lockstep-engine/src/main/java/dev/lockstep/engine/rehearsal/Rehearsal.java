package dev.lockstep.engine.rehearsal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RehearsalConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.engine.run.StepExecutor;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Checklist;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.schema.diff.SchemaChange;
import java.time.Duration;
import java.util.List;

/**
 * {@code lockstep rehearse --to V}: production's data, the new migrations, the old code. The latest
 * verified backup of the installed release is restored into a scratch database, V's migrations are
 * applied there and timed, the schema change is measured, and the installed release's services
 * start against the result, beside production, to run their checks. If they pass, running the old
 * release on the new schema is proven, not assumed. Everything scratch is removed afterwards.
 *
 * <p>It is a journaled run like an upgrade, step by step through the same executor, so a crash
 * leaves a run that {@code lockstep resume} finishes (or, with {@code --rollback}, cleans up).
 */
public final class Rehearsal {
  public static final String FACT = "rehearsal";

  private final DeploymentConfig config;
  private final Journal journal;
  private final ReleaseCatalog catalog;
  private final Toolbox tools;
  private final StepExecutor executor;

  public Rehearsal(
      DeploymentConfig config,
      Journal journal,
      ReleaseCatalog catalog,
      Toolbox tools,
      CrashPoints crashPoints) {
    this.config = config;
    this.journal = journal;
    this.catalog = catalog;
    this.tools = tools;
    this.executor = new StepExecutor(journal, tools.listener(), tools.clock(), crashPoints);
  }

  public RehearsalReport rehearse(Version to) {
    RehearsalConfig rehearsal = requireConfig();
    Installed installed =
        journal
            .installed()
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.NOTHING_TO_DO,
                        "No release is installed, so there is nothing to rehearse against."));
    ReleaseManifest target = catalog.get(to);
    if (target.runner() != MigrationRunnerKind.LOCKSTEP) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Release "
              + to
              + " applies its own migrations; a rehearsal needs migrations Lockstep"
              + " can apply to a scratch copy.");
    }
    ScratchContext scratch =
        context(rehearsal, catalog.get(Version.parse(installed.version())), target);
    List<Step> steps = forward(scratch);
    String runId =
        journal.inTransaction(
            () -> {
              RunRecord run =
                  journal.startRun(
                      RunKind.REHEARSAL, config.environment(), installed.version(), to.toString());
              journal.recordChecklist(run.id(), Phase.FORWARD, 1, names(steps), "{}");
              return run.id();
            });
    return drive(runId, scratch);
  }

  /** Goes on with a rehearsal whose Lockstep died, or, with {@code rollBack}, cleans it up. */
  public dev.lockstep.core.report.RunReport resume(RunRecord run, boolean rollBack) {
    ScratchContext scratch =
        context(
            requireConfig(),
            catalog.get(Version.parse(run.fromVersion())),
            catalog.get(Version.parse(run.toVersion())));
    if (rollBack || run.status() == RunStatus.ROLLING_BACK) {
      abandon(run.id(), scratch, "the operator asked to stop it");
    } else {
      tools.listener().notice("Resuming rehearsal " + run.id() + " where it stopped.");
      try {
        drive(run.id(), scratch);
      } catch (LockstepException e) {
        // The run is journaled as failed with its cause; the report says so.
      }
    }
    return new dev.lockstep.engine.run.ReportBuilder(journal).build(run.id());
  }

  private RehearsalReport drive(String runId, ScratchContext scratch) {
    List<Step> steps = forward(scratch);
    StepExecutor.Failure failure = executor.runAll(runId, Phase.FORWARD, steps, 1);
    if (failure != null) {
      abandon(runId, scratch, failure.error().getMessage());
      throw failure.error();
    }
    RehearsalReport report = report(runId, scratch);
    journal.inTransaction(
        () -> {
          journal.recordFact(runId, FACT, Json.write(report));
          journal.finishRun(
              runId,
              report.forwardCompatible() ? RunStatus.SUCCEEDED : RunStatus.FAILED,
              summary(report));
        });
    return report;
  }

  /** Removes everything scratch through the journaled clean-up, then ends the run as failed. */
  private void abandon(String runId, ScratchContext scratch, String cause) {
    List<Step> cleanUp = List.of(new RemoveScratchStep(scratch));
    int firstSeq =
        journal.checklists(runId).stream()
            .filter(checklist -> checklist.phase() == Phase.ROLLBACK)
            .map(Checklist::firstSeq)
            .reduce((first, second) -> second)
            .orElseGet(
                () ->
                    journal.inTransaction(
                        () -> {
                          int seq = journal.steps(runId).size() + 1;
                          journal.recordChecklist(runId, Phase.ROLLBACK, seq, names(cleanUp), "{}");
                          journal.setStatus(runId, RunStatus.ROLLING_BACK);
                          return seq;
                        }));
    StepExecutor.Failure failure = executor.runAll(runId, Phase.ROLLBACK, cleanUp, firstSeq);
    journal.finishRun(
        runId,
        RunStatus.FAILED,
        "The rehearsal failed: "
            + cause
            + (failure == null
                ? "; its scratch copy was removed."
                : "; removing its scratch copy failed too: " + failure.error().getMessage()));
  }

  private List<Step> forward(ScratchContext scratch) {
    return List.of(
        new RehearsalBackupStep(scratch),
        new RestoreScratchStep(scratch),
        new MigrateScratchStep(scratch),
        new StartScratchServicesStep(scratch),
        new CheckScratchStep(scratch),
        new RemoveScratchStep(scratch));
  }

  private ScratchContext context(
      RehearsalConfig rehearsal, ReleaseManifest current, ReleaseManifest target) {
    return new ScratchContext(
        tools,
        rehearsal,
        current,
        target,
        config.database().withName(rehearsal.database()),
        new ScratchServices(config, rehearsal));
  }

  private RehearsalReport report(String runId, ScratchContext scratch) {
    RunFacts facts = new RunFacts(journal, runId);
    RunRecord run = journal.run(runId).orElseThrow();
    List<CheckResult> checks =
        facts.json(RehearsalFacts.CHECKS, new TypeReference<List<CheckResult>>() {}).orElseThrow();
    return new RehearsalReport(
        runId,
        scratch.current().version().toString(),
        scratch.target().version().toString(),
        facts.get(RehearsalFacts.BACKUP).orElseThrow(),
        scratch.scratch().name(),
        facts
            .json(RehearsalFacts.TABLES, new TypeReference<List<RehearsalReport.TableSize>>() {})
            .orElse(List.of()),
        facts.json(RehearsalFacts.APPLIED, new TypeReference<List<String>>() {}).orElseThrow(),
        Duration.parse(facts.get(RehearsalFacts.MIGRATION_TIME).orElseThrow()),
        MigrationClass.valueOf(facts.get(RehearsalFacts.MEASURED).orElseThrow()),
        facts
            .json(RehearsalFacts.CHANGES, new TypeReference<List<SchemaChange>>() {})
            .orElse(List.of()),
        checks,
        checks.stream().allMatch(CheckResult::passed),
        Duration.between(run.startedAt(), tools.clock().instant()));
  }

  private RehearsalConfig requireConfig() {
    if (config.rehearsal() == null) {
      throw new BadInputException(
          ErrorCode.CONFIG_INVALID,
          new Problem(
              config.file(),
              "rehearsal",
              "is not configured, so Lockstep does not know how to run the installed release"
                  + " against a scratch copy.",
              "add a rehearsal section: a scratch database, the services as local processes on"
                  + " other ports, and their checks (see the README)."));
    }
    return config.rehearsal();
  }

  private static List<String> names(List<Step> steps) {
    return steps.stream().map(Step::name).toList();
  }

  private static String summary(RehearsalReport report) {
    return (report.forwardCompatible()
            ? report.from()
                + " passed its checks on "
                + report.to()
                + "'s schema: forward-compatible."
            : report.from() + " FAILED its checks on " + report.to() + "'s schema.")
        + " Predicted migration time "
        + Durations.format(report.migrationTime())
        + "; measured "
        + report.measured().label()
        + ".";
  }
}
