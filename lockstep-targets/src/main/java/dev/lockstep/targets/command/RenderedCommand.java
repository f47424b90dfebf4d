package dev.lockstep.targets.command;

import java.util.List;

/**
 * A command exactly as the command target will run it on one node: what a plan shows and what a
 * test asserts.
 *
 * @param command the template with every placeholder filled in
 */
public record RenderedCommand(
    String service, String node, Action action, String shell, String command) {

  /** The process arguments: the shell, {@code -c} and the command. */
  public List<String> argv() {
    return List.of(shell, "-c", command);
  }

  @Override
  public String toString() {
    return command;
  }
}
