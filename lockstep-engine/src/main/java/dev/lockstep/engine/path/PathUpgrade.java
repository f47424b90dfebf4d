package dev.lockstep.engine.path;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.gates.ArtifactDigestGate;
import dev.lockstep.engine.steps.RunFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An upgrade across required stops: each release on the path installed by an upgrade run of its
 * own, one after the other. Each hop backs up and verifies before it touches anything and validates
 * at its end, so a hop that fails rolls back to the hop before it (restoring its own backup when
 * its migrations were contract), and the path stops there, on the last good release.
 *
 * <p>Every hop's manifest is read (and its signature checked when keys are trusted) and every hop's
 * artifacts are checked against their sha256 before the first hop starts: a tampered release
 * further along stops the path with nothing touched.
 */
public final class PathUpgrade {

  /** Upgrades the deployment to one hop's release, journaling {@code facts} with the run. */
  @FunctionalInterface
  public interface HopRunner {
    /**
     * @throws GateBlockedException when the hop's gates refuse it, before it touches anything
     */
    RunReport upgrade(Version release, Map<String, String> facts, Listener listener);
  }

  /** What the operator sees of each hop as it goes. */
  public interface Listener {
    /** Hop {@code number} (from 1) of {@code count} is about to be planned. */
    void hopStarts(int number, int count, String from, PathReport.Hop hop);

    /** The hop's plan, before anything of it is done. */
    void planned(Plan plan);

    /** The hop's run ended (succeeded, or rolled back). */
    void finished(RunReport report);
  }

  private final Function<Version, ReleaseManifest> manifests;
  private final HopRunner runner;

  public PathUpgrade(Function<Version, ReleaseManifest> manifests, HopRunner runner) {
    this.manifests = manifests;
    this.runner = runner;
  }

  public PathRunReport upgrade(PathReport path, Listener listener) {
    return upgrade(path, PathPlace.NEW, listener);
  }

  /**
   * Upgrades along {@code path}, journaling its hops as part of the path at {@code place}: each
   * hop's run records the path's id, its number on the path ({@code 2/3}) and the path's end.
   */
  public PathRunReport upgrade(PathReport path, PathPlace place, Listener listener) {
    List<PathReport.Hop> hops = path.hops();
    checkArtifacts(hops);
    List<String> versions = hops.stream().map(PathReport.Hop::version).toList();
    List<RunReport> runs = new ArrayList<>();
    String installed = path.from();
    for (int i = 0; i < hops.size(); i++) {
      PathReport.Hop hop = hops.get(i);
      listener.hopStarts(
          place.hopsBefore() + i + 1, place.hopsBefore() + hops.size(), installed, hop);
      RunReport run;
      try {
        run = runner.upgrade(Version.parse(hop.version()), facts(path, place, runs, i), listener);
      } catch (GateBlockedException e) {
        if (runs.isEmpty()) {
          throw e;
        }
        return blocked(path, place, versions, runs, installed, i, e);
      }
      runs.add(run);
      listener.finished(run);
      if (run.exitCode() != 0) {
        return stopped(path, place, versions, runs, installed, i, run);
      }
      installed = hop.version();
    }
    return new PathRunReport(
        path.from(),
        path.to(),
        versions,
        runs,
        path.to(),
        "succeeded",
        0,
        "Upgraded "
            + path.from()
            + " → "
            + path.to()
            + " in "
            + hops.size()
            + " hops ("
            + String.join(", ", versions)
            + "), each backed up, verified and validated on its own.");
  }

  /** What ties hop {@code index} to its path in the journal. */
  private static Map<String, String> facts(
      PathReport path, PathPlace place, List<RunReport> runs, int index) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(RunFacts.PATH_TO, path.to());
    int count = place.hopsBefore() + path.hops().size();
    facts.put(RunFacts.PATH_HOP, (place.hopsBefore() + index + 1) + "/" + count);
    String pathId =
        place.pathId() != null ? place.pathId() : runs.isEmpty() ? null : runs.get(0).runId();
    if (pathId != null) {
      facts.put(RunFacts.PATH_ID, pathId);
    }
    return facts;
  }

  /** Every hop after the first: the first hop's own gate checks its artifacts. */
  private void checkArtifacts(List<PathReport.Hop> hops) {
    for (PathReport.Hop hop : hops.subList(1, hops.size())) {
      GateResult digests = ArtifactDigestGate.of(manifests.apply(Version.parse(hop.version())));
      if (digests.verdict() == GateResult.Verdict.INVALID) {
        throw new LockstepException(
            ErrorCode.DIGEST_MISMATCH,
            "The upgrade path is refused before its first hop; nothing was touched. Release "
                + hop.version()
                + " on the way: "
                + digests.message()
                + " Fix: "
                + digests.fix());
      }
    }
  }

  private static PathRunReport stopped(
      PathReport path,
      PathPlace place,
      List<String> versions,
      List<RunReport> runs,
      String installed,
      int index,
      RunReport failed) {
    String hop = hopName(place, index, versions.size(), installed, versions.get(index));
    String after =
        failed.exitCode() == 3
            ? " failed and was rolled back: the deployment stays on "
                + installed
                + ", the last good release on the path. "
            : " failed and its rollback did not complete (exit "
                + failed.exitCode()
                + "): an operator is needed; its report above says what state everything is in. ";
    return new PathRunReport(
        path.from(),
        path.to(),
        versions,
        runs,
        failed.exitCode() == 3 ? installed : null,
        failed.status(),
        failed.exitCode(),
        hop
            + after
            + notAttempted(versions, index + 1)
            + continueWith(path, failed.exitCode() == 3));
  }

  private static PathRunReport blocked(
      PathReport path,
      PathPlace place,
      List<String> versions,
      List<RunReport> runs,
      String installed,
      int index,
      GateBlockedException refusal) {
    return new PathRunReport(
        path.from(),
        path.to(),
        versions,
        runs,
        installed,
        "blocked",
        refusal.errorCode().exitCode(),
        hopName(place, index, versions.size(), installed, versions.get(index))
            + " was refused by its gates before it touched anything: the deployment stays on "
            + installed
            + ". "
            + refusal.getMessage()
            + "\n"
            + notAttempted(versions, index)
            + continueWith(path, true));
  }

  private static String hopName(PathPlace place, int index, int count, String from, String to) {
    int before = place.hopsBefore();
    return "Hop "
        + (before + index + 1)
        + " of "
        + (before + count)
        + " ("
        + from
        + " → "
        + to
        + ")";
  }

  private static String notAttempted(List<String> versions, int firstNotAttempted) {
    List<String> rest = versions.subList(firstNotAttempted, versions.size());
    return rest.isEmpty() ? "" : "Not attempted: " + String.join(", ", rest) + ". ";
  }

  private static String continueWith(PathReport path, boolean healthy) {
    return healthy
        ? "Fix the cause, then `lockstep upgrade --to " + path.to() + "` continues from there."
        : "";
  }
}
