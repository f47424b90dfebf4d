package dev.lockstep.engine.release;

import java.util.List;

/**
 * One {@code lockstep release lint} invocation: every release it linted, in version order, and the
 * verdict and exit code, the same for text and JSON.
 *
 * @param observed whether the migrations were run on a throwaway server
 * @param timezone the session time zone they were observed under, or null when only read
 * @param serverStartMillis how long starting the one throwaway server took (initdb and start), or
 *     null when only read
 * @param verdict the worst verdict of its releases
 * @param exitCode 0 when every class holds and everything was decided, else 1
 */
public record ReleaseLintResult(
    boolean observed,
    LintTimezone timezone,
    Long serverStartMillis,
    List<ReleaseLintReport> releases,
    LintVerdict verdict,
    int exitCode) {

  public ReleaseLintResult {
    releases = List.copyOf(releases);
  }

  static ReleaseLintResult of(
      LintTimezone timezone, Long serverStartMillis, List<ReleaseLintReport> releases) {
    LintVerdict verdict =
        releases.stream()
            .map(ReleaseLintReport::verdict)
            .reduce(LintVerdict.HOLDS, LintVerdict::worse);
    return new ReleaseLintResult(
        timezone != null, timezone, serverStartMillis, releases, verdict, verdict.exitCode());
  }
}
