package dev.lockstep.targets.process;

import java.time.Instant;

/**
 * What the process target knows of one node of a service, kept in {@code
 * <stateDir>/services/<service>@<node>.json} so that a later or resumed run finds the process it
 * started. A start is written down twice: its intent (a launch token, no pid) before the process
 * exists, and its pid right after; a crash in between leaves the token, by which the process is
 * found through its {@link ServiceMarker}.
 *
 * @param version the installed release
 * @param artifact the installed copy of the release's artifact (absolute path)
 * @param launchToken the token of the latest start, in the marker of its process; null once stopped
 * @param pid the process started on that release, or null when none runs (or its start was not
 *     recorded)
 * @param processStartInstant when the OS started {@code pid}; a pid that the OS has since given to
 *     another process has another start time, so it is never mistaken for the service
 * @param startedAt when Lockstep started it (or began to, while {@code pid} is null)
 * @param runningVersion the release {@code pid} runs (or is being started on): after an install
 *     while running, {@code version} is already the next one
 */
public record ProcessState(
    String service,
    String node,
    String version,
    String artifact,
    String launchToken,
    Long pid,
    Instant processStartInstant,
    Instant startedAt,
    String runningVersion) {

  static ProcessState empty(String service, String node) {
    return new ProcessState(service, node, null, null, null, null, null, null, null);
  }

  ProcessState installed(String installedVersion, String installedArtifact) {
    return new ProcessState(
        service,
        node,
        installedVersion,
        installedArtifact,
        launchToken,
        pid,
        processStartInstant,
        startedAt,
        runningVersion);
  }

  /** The intent to start the installed release, written before the process exists. */
  ProcessState launching(String token, Instant now) {
    return new ProcessState(service, node, version, artifact, token, null, null, now, version);
  }

  ProcessState running(long newPid, Instant newProcessStart, Instant now) {
    return new ProcessState(
        service, node, version, artifact, launchToken, newPid, newProcessStart, now, version);
  }

  ProcessState stopped() {
    return new ProcessState(service, node, version, artifact, null, null, null, null, null);
  }

  /** A start was begun and its process never recorded. */
  boolean launchUnrecorded() {
    return launchToken != null && pid == null;
  }
}
