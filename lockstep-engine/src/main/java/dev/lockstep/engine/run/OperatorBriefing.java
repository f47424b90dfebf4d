package dev.lockstep.engine.run;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.targets.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * When a rollback fails an operator takes over, so the message says exactly what state everything
 * is in and what to do next.
 */
public final class OperatorBriefing implements RollbackBriefing {
  private final Toolbox tools;

  public OperatorBriefing(Toolbox tools) {
    this.tools = tools;
  }

  @Override
  public String rollbackFailed(
      RunFacts facts,
      RollbackStrategy strategy,
      RunReleases releases,
      Step failedStep,
      RuntimeException error) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "The rollback ("
            + strategy.describe(releases.previousVersion())
            + ") failed at '"
            + failedStep.description()
            + "': "
            + error.getMessage());
    lines.add("Services now: " + services() + ".");
    lines.add("Database: " + database(facts, strategy, releases) + ".");
    facts
        .get(RunFacts.BACKUP_ID)
        .filter(id -> facts.get(RunFacts.BACKUP_VERIFIED).isPresent())
        .ifPresent(
            id ->
                lines.add(
                    "Backup "
                        + id
                        + " is verified; `lockstep backup restore "
                        + id
                        + "` restores it by hand."));
    lines.add("Fix the cause, then run `lockstep resume` to retry the rollback.");
    return String.join("\n", lines);
  }

  private String services() {
    List<String> states = new ArrayList<>();
    for (ServiceConfig service : tools.config().services().values()) {
      try {
        ServiceStatus status = tools.target().status(service);
        states.add(
            service.name()
                + " "
                + status.nodes().stream()
                    .map(
                        node ->
                            node.running()
                                ? "running " + (node.version() == null ? "" : node.version())
                                : "stopped")
                    .collect(Collectors.joining("/")));
      } catch (RuntimeException e) {
        states.add(service.name() + " unknown (" + e.getMessage() + ")");
      }
    }
    return String.join(", ", states);
  }

  private static String database(RunFacts facts, RollbackStrategy strategy, RunReleases releases) {
    if (strategy != RollbackStrategy.RESTORE_BACKUP) {
      return "not restored; it has the schema " + releases.next().version() + " migrated to";
    }
    if (facts.get(RunFacts.RESTORED_AT).isPresent()) {
      return "restored from backup " + facts.get(RunFacts.BACKUP_ID).orElse("?");
    }
    return facts.get(RunFacts.DATA_LOSS_WINDOW).isPresent()
        ? "a restore started but did not finish; the database may be empty or partial"
        : "not restored yet; it has the schema " + releases.next().version() + " migrated to";
  }
}
