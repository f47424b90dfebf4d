package dev.lockstep.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of the deployment and how its target handles it. Templates may use the placeholders
 * {@code {version}}, {@code {artifact}}, {@code {node}}, {@code {service}} and {@code {component}}.
 *
 * @param name the key under {@code services}
 * @param component the release component it runs (defaults to the service name)
 * @param nodes where it runs; one node called {@code local} unless given
 * @param run process target: the command line that starts it, one argument per item
 * @param workingDir process target: the folder it starts in
 * @param env process target: extra environment variables
 * @param stopTimeout process target: how long a SIGTERM may take before SIGKILL
 * @param stop command target: the command that stops it
 * @param install command target: the command that installs a release's artifact
 * @param start command target: the command that starts it
 * @param version command target: a command whose output names the running version
 * @param ports process target: the TCP ports it listens on; a node does not start while another
 *     process holds one of them
 * @param image compose target: the variable of {@code target.compose.pins} that pins its image
 */
public record ServiceConfig(
    String name,
    String component,
    List<String> nodes,
    List<String> run,
    Path workingDir,
    Map<String, String> env,
    Duration stopTimeout,
    String stop,
    String install,
    String start,
    String version,
    List<Integer> ports,
    String image) {

  public ServiceConfig {
    nodes = List.copyOf(nodes);
    run = run == null ? null : List.copyOf(run);
    env = Map.copyOf(env);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** This service on {@code only} of its nodes: what a rolling upgrade replaces at once. */
  public ServiceConfig onNodes(List<String> only) {
    return new ServiceConfig(
        name,
        component,
        only,
        run,
        workingDir,
        env,
        stopTimeout,
        stop,
        install,
        start,
        version,
        ports,
        image);
  }

  /** A service of the process or command target. */
  public ServiceConfig(
      String name,
      String component,
      List<String> nodes,
      List<String> run,
      Path workingDir,
      Map<String, String> env,
      Duration stopTimeout,
      String stop,
      String install,
      String start,
      String version,
      List<Integer> ports) {
    this(
        name,
        component,
        nodes,
        run,
        workingDir,
        env,
        stopTimeout,
        stop,
        install,
        start,
        version,
        ports,
        null);
  }

  /** A service without declared ports. */
  public ServiceConfig(
      String name,
      String component,
      List<String> nodes,
      List<String> run,
      Path workingDir,
      Map<String, String> env,
      Duration stopTimeout,
      String stop,
      String install,
      String start,
      String version) {
    this(
        name,
        component,
        nodes,
        run,
        workingDir,
        env,
        stopTimeout,
        stop,
        install,
        start,
        version,
        List.of());
  }
}
