package dev.lockstep.engine.path;

import dev.lockstep.core.report.RunReport;
import java.util.List;

/**
 * {@code upgrade --to V} across required stops: each hop's run, in order, and where the deployment
 * ended. Each run is journaled and reported on its own as well; this ties them together.
 *
 * @param from the release installed before the first hop
 * @param to the release the path leads to
 * @param hops every release on the path, in order, the target last
 * @param runs each hop's run report, in order; fewer than {@code hops} when a hop did not succeed
 * @param endedOn the release installed at the end: the target, or the last hop that succeeded
 * @param status {@code succeeded}; the status of the hop that did not succeed (for example {@code
 *     rolled_back}); or {@code blocked} when a hop's gates refused it before it touched anything
 * @param exitCode 0 when the target is installed, else the exit code of the hop that stopped the
 *     path
 * @param summary what happened, in one paragraph, with what to do next
 */
public record PathRunReport(
    String from,
    String to,
    List<String> hops,
    List<RunReport> runs,
    String endedOn,
    String status,
    int exitCode,
    String summary) {

  public PathRunReport {
    hops = List.copyOf(hops);
    runs = List.copyOf(runs);
  }
}
