package dev.lockstep.engine;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.run.ReportBuilder;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.engine.watch.SignalJudge;
import dev.lockstep.engine.watch.WatchSummary;
import dev.lockstep.engine.watch.WatchedSeries;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import dev.lockstep.targets.ServiceStatus;
import java.util.List;
import java.util.Optional;

/** Reads where a deployment stands and what it has been through, from the journal and targets. */
final class DeploymentStatus {
  private final Journal journal;
  private final Toolbox tools;
  private final ReportBuilder reports;

  DeploymentStatus(Journal journal, Toolbox tools) {
    this.journal = journal;
    this.tools = tools;
    this.reports = new ReportBuilder(journal);
  }

  StatusReport status() {
    Optional<Installed> installed = journal.installed();
    Optional<RunRecord> unfinished = journal.unfinishedRun();
    String currentStep =
        unfinished
            .map(run -> journal.steps(run.id()))
            .filter(steps -> !steps.isEmpty())
            .map(steps -> describe(steps.get(steps.size() - 1)))
            .orElse(null);
    return new StatusReport(
        tools.config().environment(),
        installed.map(Installed::version).orElse(null),
        installed.map(Installed::since).orElse(null),
        unfinished.map(run -> reports.build(run.id())).orElse(null),
        unfinished.map(RunRecord::orphaned).orElse(false),
        currentStep,
        journal.runs().stream().findFirst().map(run -> reports.build(run.id())).orElse(null),
        services(),
        installed.flatMap(this::rollbackNow).orElse(null),
        installed.flatMap(this::watch).orElse(null));
  }

  Optional<RollbackNow> rollbackNow() {
    return journal.installed().flatMap(this::rollbackNow);
  }

  Optional<WatchSummary> watch() {
    return journal.installed().flatMap(this::watch);
  }

  /** What undoing the upgrade that installed the release would do, as its report recorded it. */
  private Optional<RollbackNow> rollbackNow(Installed installed) {
    return journal
        .run(installed.runId())
        .filter(run -> run.kind() == RunKind.UPGRADE && run.status() == RunStatus.SUCCEEDED)
        .map(run -> reports.build(run.id()).rollbackNow());
  }

  private Optional<WatchSummary> watch(Installed installed) {
    String runId = installed.runId();
    return journal
        .watches()
        .watch(runId)
        .map(
            watch ->
                new WatchSummary(
                    runId,
                    watch.release(),
                    watch.status(),
                    watch.orphaned(),
                    watch.startedAt(),
                    watch.endsAt(),
                    watch.endedAt(),
                    watch.summary(),
                    tools.config().watch() == null
                        ? List.of()
                        : WatchedSeries.of(journal.watches().samples(runId))
                            .judge(
                                new SignalJudge(), tools.config().watch(), tools.clock().instant()),
                    journal.watches().events(runId)));
  }

  LiveStatus live() {
    Optional<Installed> installed = journal.installed();
    return new LiveStatus(
        tools.config().environment(),
        installed.map(Installed::version).orElse(null),
        installed.map(Installed::runId).orElse(null),
        installed.map(Installed::since).orElse(null),
        journal.unfinishedRun().map(this::progress).orElse(null),
        journal.runs().stream().findFirst().map(RunRecord::id).orElse(null));
  }

  private RunProgress progress(RunRecord run) {
    List<StepRecord> steps = journal.steps(run.id());
    int done = (int) steps.stream().filter(step -> step.status() != StepStatus.STARTED).count();
    int planned =
        journal.checklists(run.id()).stream()
            .mapToInt(checklist -> checklist.firstSeq() - 1 + checklist.steps().size())
            .max()
            .orElse(0);
    return new RunProgress(
        reports.build(run.id()),
        run.orphaned(),
        steps.isEmpty() ? null : describe(steps.get(steps.size() - 1)),
        done,
        Math.max(planned, steps.size()));
  }

  List<RunReport> history() {
    return journal.runs().stream().map(run -> reports.build(run.id())).toList();
  }

  private List<ServiceStatus> services() {
    return tools.config().services().values().stream().map(this::serviceStatus).toList();
  }

  private ServiceStatus serviceStatus(ServiceConfig service) {
    try {
      return tools.target().status(service);
    } catch (RuntimeException e) {
      return new ServiceStatus(
          service.name(),
          service.nodes().stream()
              .map(
                  node ->
                      new ServiceStatus.NodeStatus(node, false, null, "unknown: " + e.getMessage()))
              .toList());
    }
  }

  private static String describe(StepRecord step) {
    String phase = step.phase().name().toLowerCase(java.util.Locale.ROOT);
    return switch (step.status()) {
      case STARTED -> phase + " step '" + step.name() + "' (started " + step.startedAt() + ")";
      default ->
          phase
              + " step '"
              + step.name()
              + "' "
              + step.status().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
