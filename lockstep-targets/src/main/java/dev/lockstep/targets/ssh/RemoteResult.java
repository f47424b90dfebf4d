package dev.lockstep.targets.ssh;

import java.time.Duration;

/**
 * How a command ended on a host.
 *
 * @param exitCode its exit status; -1 when it did not end within its deadline (it was then cut off)
 * @param output what it wrote, standard output then standard error, at most the last 64 KB
 */
public record RemoteResult(
    String host, String command, int exitCode, String output, Duration took) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** For an error message: the host, the command, how it ended and its last line of output. */
  public String describeFailure() {
    String ending = exitCode < 0 ? "did not end in time" : "exited " + exitCode;
    String last = output.strip();
    int newline = last.lastIndexOf('\n');
    return "`"
        + command
        + "` on "
        + host
        + " "
        + ending
        + (last.isEmpty() ? "" : ": " + (newline < 0 ? last : last.substring(newline + 1)));
  }
}
