package dev.lockstep.targets.balancer;

import java.time.Duration;

/**
 * How waiting for a drained node's in-flight work ended.
 *
 * @param drained the in-flight count reached zero before the deadline
 * @param took from the first poll to the last
 * @param lastInFlight the count the last poll read: 0 when drained, else what was still running
 * @param polls how many times the count was read
 */
public record DrainResult(
    String node, boolean drained, Duration took, int lastInFlight, int polls) {

  /** For a report: "web1 drained in 1.2s" or "web1 still had 3 in flight after 2m". */
  public String describe() {
    String seconds = String.format(java.util.Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
    return drained
        ? node + " drained in " + seconds
        : node + " still had " + lastInFlight + " in flight after " + seconds;
  }
}
