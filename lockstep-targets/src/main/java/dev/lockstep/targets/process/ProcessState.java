package dev.lockstep.targets.process;

import java.time.Instant;

/**
 * What the process target knows of one node of a service, kept in {@code
 * <stateDir>/services/<service>@<node>.json} so that a later or resumed run finds the process it
 * started.
 *
 * @param version the installed release
 * @param artifact the installed copy of the release's artifact (absolute path)
 * @param pid the process started on that release, or null when none runs
 * @param processStartInstant when the OS started {@code pid}; a pid that the OS has since given to
 *     another process has another start time, so it is never mistaken for the service
 * @param startedAt when Lockstep started it
 * @param runningVersion the release {@code pid} runs: after an install while running, {@code
 *     version} is already the next one
 */
public record ProcessState(
    String service,
    String node,
    String version,
    String artifact,
    Long pid,
    Instant processStartInstant,
    Instant startedAt,
    String runningVersion) {

  static ProcessState empty(String service, String node) {
    return new ProcessState(service, node, null, null, null, null, null, null);
  }

  ProcessState installed(String installedVersion, String installedArtifact) {
    return new ProcessState(
        service,
        node,
        installedVersion,
        installedArtifact,
        pid,
        processStartInstant,
        startedAt,
        runningVersion);
  }

  ProcessState running(long newPid, Instant newProcessStart, Instant now) {
    return new ProcessState(
        service, node, version, artifact, newPid, newProcessStart, now, version);
  }

  ProcessState stopped() {
    return new ProcessState(service, node, version, artifact, null, null, null, null);
  }
}
