package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.notices.NoticeSender;
import dev.lockstep.engine.watch.FailureResponse;
import dev.lockstep.engine.watch.Pause;
import dev.lockstep.engine.watch.SignalJudge;
import dev.lockstep.engine.watch.SignalReaders;
import dev.lockstep.engine.watch.UpgradeWatch;
import dev.lockstep.engine.watch.WatchListener;
import dev.lockstep.engine.watch.WatchOutcome;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code lockstep watch}: which upgrade to watch, and the watch wired to act on this deployment.
 */
final class DeploymentWatch {
  private final DeploymentConfig config;
  private final Journal journal;
  private final Clock clock;
  private final FailureResponse response;

  DeploymentWatch(
      DeploymentConfig config,
      Journal journal,
      Clock clock,
      Supplier<RollbackPreview> preview,
      Supplier<RunReport> rollback,
      NoticeSender notices) {
    this.config = config;
    this.journal = journal;
    this.clock = clock;
    this.response =
        new WatchFailureResponder(
            journal,
            config.watch(),
            config.file() == null ? "lockstep.yaml" : config.file().toString(),
            preview,
            rollback,
            notices,
            clock);
  }

  /**
   * @param runId the upgrade to watch; null for the one that installed the running release
   */
  WatchOutcome watch(String runId, WatchListener listener) {
    if (config.watch() == null) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          config.file()
              + ": watch is missing, so there is nothing to watch. Add a watch section with the"
              + " signals to judge, e.g. watch: {signals: [{name: errors, kind: rate, prometheus:"
              + " {url: 'http://127.0.0.1:9090', query: 'sum(rate(http_errors_total[1m]))'}}]}.");
    }
    RunRecord run = runId == null ? installingRun() : named(runId);
    return new UpgradeWatch(
            journal,
            config.watch(),
            SignalReaders::of,
            new SignalJudge(),
            response,
            clock,
            Pause.REAL)
        .watch(run, listener);
  }

  RunRecord installingRun() {
    return journal
        .installed()
        .map(Installed::runId)
        .flatMap(journal::run)
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.NOTHING_TO_DO,
                    "Nothing is installed in "
                        + config.environment()
                        + " yet, so there is nothing to watch. `lockstep upgrade --to V`"
                        + " installs a release and starts its watch."));
  }

  private RunRecord named(String runId) {
    return journal
        .run(runId)
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.USAGE,
                    "There is no run "
                        + runId
                        + " in "
                        + config.stateDir()
                        + ". `lockstep history` lists the runs."));
  }
}
