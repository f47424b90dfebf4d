package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches a product apply its migrations as it starts, as the upgrade guide has the operator watch
 * {@code journalctl -u codebolt -f}: the product's history table until every migration the release
 * declares is applied, and the service's log since this start until it says so ({@code
 * migrations.startup.success}). It stops at the first failure: the log's failure line, a dirty
 * history nobody works on any more, the service dying, or the deadline ({@code
 * migrations.deadline}).
 *
 * <p>The schema is measured when the watch ends. By then the new release is already running on it;
 * an undeclared contract change still fails the run, so that the rollback restores the backup.
 */
public final class WatchMigrationsStep extends AbstractStep {
  public static final String NAME = "watch-migrations";
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int TAIL_LINES = 20;

  private final Toolbox tools;
  private final ReleaseManifest release;

  public WatchMigrationsStep(Toolbox tools, ReleaseManifest release) {
    super(NAME, "Watch the product apply its migrations as it starts");
    this.tools = tools;
    this.release = release;
  }

  @Override
  public String run(RunFacts facts) {
    StartupSignals signals = StartupSignals.of(tools, release);
    ProductMigrations product = new ProductMigrations(tools, release);
    Map<String, String> marks =
        facts.json(StartupLog.MARKS, new TypeReference<Map<String, String>>() {}).orElse(Map.of());
    Instant deadline = tools.clock().instant().plus(tools.config().migrations().deadline());
    MigrationActivity activity = new MigrationActivity(tools.config().database());
    while (true) {
      Map<String, List<String>> logs = signals.log().since(marks);
      MigrationHistory history = product.read();
      Optional<String> failure = signals.failure(logs);
      if (failure.isPresent()) {
        throw stop(facts, product, signals, history, failure.get(), logs);
      }
      if (!ProductMigrations.isDirty(history)) {
        activity.reset();
      } else if (activity.settled(tools.clock().instant())) {
        throw stop(
            facts,
            product,
            signals,
            history,
            "the " + ProductMigrations.where(history) + " is dirty, and nothing works on it",
            logs);
      }
      Optional<String> died = died(signals);
      if (died.isPresent()) {
        // Its last words may have come after the log was read: they say more than its death.
        Map<String, List<String>> last = signals.log().since(marks);
        throw stop(
            facts, product, signals, history, signals.failure(last).orElse(died.get()), last);
      }
      List<String> pending = product.pending(history);
      List<String> silent = signals.silentNodes(logs);
      if (pending.isEmpty() && silent.isEmpty() && !ProductMigrations.isDirty(history)) {
        return finish(facts, product, history, signals);
      }
      if (tools.clock().instant().isAfter(deadline)) {
        throw stop(
            facts, product, signals, history, timedOut(signals, history, pending, silent), logs);
      }
      sleep();
    }
  }

  private String finish(
      RunFacts facts, ProductMigrations product, MigrationHistory history, StartupSignals signals) {
    List<MigrationReport> applied = product.recordApplied(facts, history);
    SchemaDiff diff =
        new SchemaMeasure(tools, release)
            .after(
                facts,
                applied,
                "The measure comes after the fact: "
                    + release.version()
                    + " migrated as it started and already runs on this schema. The run fails so"
                    + " that the rollback restores the backup.");
    return SchemaMeasure.summary(applied.stream().map(ProductMigrations::label).toList(), diff)
        + (signals.log().readable()
            ? "; " + signals.service().name() + " logged /" + signals.success().pattern() + "/"
            : "; no log to read (set migrations.startup.log), judged by the history table");
  }

  /** A node that stopped running, when the target can tell. */
  private Optional<String> died(StartupSignals signals) {
    ServiceConfig service = signals.service();
    boolean canTell =
        tools.config().target().type() != TargetType.COMMAND
            || (service.version() != null && !service.version().isBlank());
    if (!canTell) {
      return Optional.empty();
    }
    return tools.target().status(service).nodes().stream()
        .filter(node -> !node.running())
        .map(NodeStatus::node)
        .findFirst()
        .map(node -> service.name() + "@" + node + " stopped running while it migrated");
  }

  private String timedOut(
      StartupSignals signals, MigrationHistory history, List<String> pending, List<String> silent) {
    String where = ProductMigrations.where(history);
    return "after "
        + Durations.format(tools.config().migrations().deadline())
        + " (migrations.deadline) "
        + (pending.isEmpty()
            ? "every declared migration is in the " + where
            : String.join(", ", pending) + " still pending in the " + where)
        + (silent.isEmpty()
            ? ""
            : ", and the log of "
                + String.join(
                    ", ", silent.stream().map(n -> signals.service().name() + "@" + n).toList())
                + " never matched /"
                + signals.success().pattern()
                + "/ (migrations.startup.success)");
  }

  private LockstepException stop(
      RunFacts facts,
      ProductMigrations product,
      StartupSignals signals,
      MigrationHistory history,
      String why,
      Map<String, List<String>> logs) {
    List<MigrationReport> applied = product.recordApplied(facts, history);
    StringBuilder message =
        new StringBuilder("Stopped at the first failure while ")
            .append(release.version())
            .append(" migrated on start-up: ")
            .append(why)
            .append(why.endsWith(".") ? "" : ".");
    String dirty = ProductMigrations.dirty(history);
    if (!dirty.isEmpty()) {
      message.append("\n").append(dirty);
    }
    message.append("\n").append(product.outcome(applied, history));
    for (Map.Entry<String, List<String>> node : logs.entrySet()) {
      List<String> lines = node.getValue();
      String tail =
          String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
      message
          .append("\n")
          .append(signals.service().name())
          .append("@")
          .append(node.getKey())
          .append(": ")
          .append(OutputTail.describe(tail))
          .append("\nThe full log is ")
          .append(signals.log().where(node.getKey()))
          .append(".");
    }
    return new LockstepException(ErrorCode.MIGRATION_FAILED, message.toString());
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockstepException(
          ErrorCode.MIGRATION_FAILED, "Interrupted while watching the product migrate.", e);
    }
  }
}
