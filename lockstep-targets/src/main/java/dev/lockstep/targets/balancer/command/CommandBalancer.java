package dev.lockstep.targets.balancer.command;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import dev.lockstep.targets.command.CommandRenderer;
import dev.lockstep.targets.command.ShellRunner;
import java.util.Map;
import java.util.Optional;

/**
 * Any other balancer, through the operator's shell commands: {@code balancer.command}'s templates,
 * filled in and quoted as the command target fills in its own, run by the target's shell.
 */
public final class CommandBalancer implements LoadBalancer {
  private static final int KEEP_LINES = 10;

  private final BalancerConfig config;
  private final BalancerConfig.Command commands;
  private final ShellRunner shell;

  /**
   * @param shell runs the commands; give it no database, which a balancer's commands do not need
   */
  public CommandBalancer(BalancerConfig config, ShellRunner shell) {
    this.config = config;
    this.commands = config.command();
    this.shell = shell;
  }

  @Override
  public String describe() {
    return "the balancer commands of balancer.command";
  }

  @Override
  public void drain(String node) {
    run(node, "drain", commands.drain());
  }

  @Override
  public void maint(String node) {
    run(node, "maint", commands.maint());
  }

  @Override
  public void ready(String node) {
    run(node, "ready", commands.ready());
  }

  /** The first line the inFlight command prints, as a count. */
  @Override
  public int inFlight(String node) {
    ProcessResult result = run(node, "inFlight", commands.inFlight());
    String line = result.firstLine();
    try {
      int count = Integer.parseInt(line);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // Said below, with the command and what it printed.
    }
    throw new BalancerException(
        node,
        "balancer.command.inFlight for node "
            + node
            + " printed '"
            + line
            + "', not a count. Fix: make `"
            + shown(render(node, commands.inFlight()))
            + "` print the number of requests still in flight on its first line, and nothing"
            + " before it.");
  }

  /** The first word the state command prints; empty when there is no state command. */
  @Override
  public Optional<ServerState> state(String node) {
    if (commands.state() == null) {
      return Optional.empty();
    }
    String line = run(node, "state", commands.state()).firstLine();
    String status = line.isEmpty() ? "" : line.split("\\s+", 2)[0];
    if (status.isEmpty()) {
      throw new BalancerException(
          node,
          "balancer.command.state for node "
              + node
              + " printed nothing. Fix: make `"
              + shown(render(node, commands.state()))
              + "` print the balancer's state of the node (UP, DOWN, DRAIN or MAINT) first.");
    }
    return Optional.of(new ServerState(node, config.node(node).server(), status, "", ""));
  }

  private ProcessResult run(String node, String action, String template) {
    String command = render(node, template);
    ProcessResult result =
        shell.run(
            "balancer " + action + " " + node, command, Map.of(), commands.timeout(), KEEP_LINES);
    if (!result.succeeded()) {
      throw new BalancerException(
          node,
          "balancer."
              + "command."
              + action
              + " for node "
              + node
              + " failed: "
              + result.describeFailure()
              + "\nFix: run `"
              + shown(command)
              + "` by hand to see why; it must exit 0"
              + (result.timedOut()
                  ? ", within balancer.command.timeout (" + commands.timeout().toSeconds() + "s)."
                  : "."));
    }
    return result;
  }

  /** A command as messages show it: the deployment's secrets masked. */
  private String shown(String command) {
    return shell.secrets().redact(command);
  }

  private String render(String node, String template) {
    Map<String, String> values = config.node(node).placeholders();
    if (template.contains("{port}") && !values.containsKey("port")) {
      throw new BalancerException(
          node,
          "balancer.command uses {port}, but node "
              + node
              + " has no port. Fix: set balancer.nodes."
              + node
              + ".port.");
    }
    return CommandRenderer.fill(template, values);
  }
}
