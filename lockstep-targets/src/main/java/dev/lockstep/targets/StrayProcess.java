package dev.lockstep.targets;

/**
 * A process a target started for a service node but never recorded: Lockstep stopped (a crash, a
 * {@code kill -9}) between starting it and writing down its pid. Nothing else knows it runs, so it
 * would hold the service's port and answer its checks.
 *
 * @param pid its pid, or 0 for what has none on this host (a container)
 * @param commandLine its command line, or null when unknown
 */
public record StrayProcess(String service, String node, long pid, String commandLine) {

  /** "pid 1234 (sh service.sh) of api@local"; "container notes-migrate-… of migrate@local". */
  public String describe() {
    if (pid <= 0 && commandLine != null) {
      return commandLine + " of " + service + "@" + node;
    }
    return "pid "
        + pid
        + (commandLine == null ? "" : " (" + commandLine + ")")
        + " of "
        + service
        + "@"
        + node;
  }
}
