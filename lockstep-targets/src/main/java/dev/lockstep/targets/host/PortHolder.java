package dev.lockstep.targets.host;

/**
 * A process listening on a port.
 *
 * @param pid the process holding the socket, or null when Lockstep may not look into it (another
 *     user's process, and Lockstep is not root)
 * @param commandLine its command line, or null when unknown
 */
public record PortHolder(ListeningSocket socket, Long pid, String commandLine) {

  /** "pid 1234 (java -jar app.jar)", or who owns the socket when the process is hidden. */
  public String describe() {
    if (pid == null) {
      return "a process of uid " + socket.uid() + " that Lockstep may not look into";
    }
    return "pid " + pid + (commandLine == null ? "" : " (" + commandLine + ")");
  }
}
