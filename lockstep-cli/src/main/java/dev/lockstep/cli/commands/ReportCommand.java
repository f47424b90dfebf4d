package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.RunReportHtml;
import dev.lockstep.cli.output.WatchReportHtml;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.path.JournaledPath;
import dev.lockstep.engine.watch.WatchReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    description =
        "Write a run's report as one HTML page, readable offline: the timeline of its steps with"
            + " the downtime shaded, its migrations and their classes, the backup and its"
            + " verification, the checks, the rollback and its data-loss window. A hop of an"
            + " upgrade across required stops writes its whole path: every hop, in order.")
public final class ReportCommand extends DeploymentCommand {
  @Parameters(
      paramLabel = "RUN",
      defaultValue = "latest",
      description = "the run's id (from `lockstep history`), or latest (the default)")
  String run;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "where to write the page (default: <stateDir>/reports/<run>.html)")
  Path out;

  @Option(
      names = "--watch",
      description =
          "write the page of the run's watch alone: every signal's chart against its baseline, the"
              + " verdicts and what the watch did (by default the run's page ends with it)")
  boolean watchOnly;

  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    List<RunReport> runs = deployment.history();
    RunReport report = find(runs);
    Optional<JournaledPath> path =
        watchOnly ? Optional.empty() : JournaledPath.of(report.runId(), runs, deployment::pathHop);
    if (path.isPresent()) {
      return writePath(deployment, path.get());
    }
    Optional<WatchReport> watch = deployment.watchReport(report.runId());
    if (watchOnly && watch.isEmpty()) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Run "
              + report.runId()
              + " has no watch: `lockstep watch "
              + report.runId()
              + "` starts one when it installed the running release.");
    }
    String name = report.runId() + (watchOnly ? "-watch" : "") + ".html";
    Path file = out != null ? out : deployment.config().reportsDir().resolve(name);
    write(
        file,
        watchOnly
            ? WatchReportHtml.render(watch.orElseThrow())
            : RunReportHtml.render(report, watch));
    print(
        Map.of("run", report.runId(), "file", file.toAbsolutePath().toString()),
        "Wrote "
            + file.toAbsolutePath()
            + ": "
            + (watchOnly ? "the watch of run " : "run ")
            + report.runId()
            + (watch.isPresent() && !watchOnly ? " and its watch" : "")
            + " as one HTML page; open it in any browser, it needs nothing else.");
    return 0;
  }

  /** A hop's page is its whole path's: every hop in full, in order, then the last one's watch. */
  private int writePath(Deployment deployment, JournaledPath path) {
    List<JournaledPath.Hop> hops = path.hops();
    Optional<WatchReport> watch = deployment.watchReport(hops.get(hops.size() - 1).run().runId());
    Path file =
        out != null ? out : deployment.config().reportsDir().resolve(path.id() + "-path.html");
    write(file, RunReportHtml.render(path, watch));
    print(
        Map.of(
            "path",
            path.id(),
            "runs",
            hops.stream().map(hop -> hop.run().runId()).toList(),
            "file",
            file.toAbsolutePath().toString()),
        "Wrote "
            + file.toAbsolutePath()
            + ": the upgrade "
            + path.from()
            + " → "
            + path.to()
            + " across required stops, its "
            + hops.size()
            + (hops.size() == 1 ? " hop" : " hops")
            + (path.reachedItsEnd() ? "" : " so far")
            + (watch.isPresent() ? " and the watch" : "")
            + ", as one HTML page; open it in any browser, it needs nothing else.");
    return 0;
  }

  private static void write(Path file, String page) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, page);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report page " + file, e);
    }
  }

  private RunReport find(List<RunReport> runs) {
    if (runs.isEmpty()) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO, "No run is recorded yet: there is nothing to report.");
    }
    if (run.equals("latest")) {
      return runs.get(0);
    }
    return runs.stream()
        .filter(r -> r.runId().equals(run))
        .findFirst()
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.USAGE,
                    "There is no run "
                        + run
                        + " in this deployment's journal. Fix: pick one from `lockstep history`"
                        + " (newest: "
                        + runs.get(0).runId()
                        + ")."));
  }
}
