package dev.lockstep.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The load balancer a rolling upgrade takes nodes out of rotation through ({@code balancer}). Only
 * the settings of {@link #type} are set; the others are null.
 *
 * @param deadline how long a drained node's in-flight work may take to finish
 * @param nodes what the balancer calls each node, where it differs from the defaults of {@link
 *     #node}
 * @param haproxy HAProxy's runtime API, for {@link BalancerType#HAPROXY}
 * @param http the product's own drain endpoint, for {@link BalancerType#HTTP}
 * @param command shell command templates, for {@link BalancerType#COMMAND}
 */
public record BalancerConfig(
    BalancerType type,
    Duration deadline,
    Map<String, BalancerNode> nodes,
    Haproxy haproxy,
    Http http,
    Command command) {

  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  /** What the URL and command templates may use: the node, its server name, host and port. */
  public static final Set<String> PLACEHOLDERS = Set.of("node", "server", "host", "port");

  public enum BalancerType {
    HAPROXY,
    HTTP,
    COMMAND;

    /** As the config writes it. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BalancerConfig {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  /**
   * Whether the balancer sends clients to {@code node}: every node when {@code nodes} is empty,
   * else the nodes it lists (a worker behind no balancer is replaced without draining).
   */
  public boolean fronts(String node) {
    return nodes.isEmpty() || nodes.containsKey(node);
  }

  /** {@code node} as the balancer knows it: as configured, else the server and host named alike. */
  public BalancerNode node(String node) {
    return nodes.getOrDefault(node, new BalancerNode(node, node, node, null));
  }

  /**
   * One node as the balancer knows it.
   *
   * @param server the balancer's name for it (HAProxy's {@code server} line)
   * @param host where its product listens, for {@code {host}}
   * @param port where its product listens, for {@code {port}}; null when not given
   */
  public record BalancerNode(String node, String server, String host, Integer port) {

    /** The values of {@link #PLACEHOLDERS}; {@code {port}} only when the port is known. */
    public Map<String, String> placeholders() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("node", node);
      values.put("server", server);
      values.put("host", host);
      if (port != null) {
        values.put("port", port.toString());
      }
      return values;
    }
  }

  /**
   * HAProxy's runtime API, through one of its {@code stats socket}s.
   *
   * @param socket the Unix socket's path; null when {@code address} is used
   * @param host the TCP socket's host; null when {@code socket} is used
   * @param port the TCP socket's port; 0 when {@code socket} is used
   * @param backend the backend whose servers are the nodes
   */
  public record Haproxy(Path socket, String host, int port, String backend) {}

  /**
   * The product's own drain endpoint. Each URL is a template over {@link #PLACEHOLDERS}.
   *
   * @param drain POSTed to stop a node taking new work
   * @param ready POSTed to put a node back in rotation; null when the product comes back ready when
   *     it restarts
   * @param maint POSTed to take a node out entirely; null to POST {@code drain} instead
   * @param inFlight read (GET) for the node's in-flight count
   * @param inFlightPath where the count is in {@code inFlight}'s JSON, a path to one value (see
   *     {@link JsonPathPointer}), e.g. {@code $.inFlight}
   */
  public record Http(
      String drain, String ready, String maint, String inFlight, String inFlightPath) {}

  /**
   * Shell command templates for any other balancer, over {@link #PLACEHOLDERS}, run by the target's
   * shell.
   *
   * @param inFlight prints the node's in-flight count on its first line
   * @param state prints the balancer's state of the node on its first line; null when the balancer
   *     cannot tell
   * @param timeout how long one command may run
   */
  public record Command(
      String drain, String ready, String maint, String inFlight, String state, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  }
}
