package dev.lockstep.targets.balancer.haproxy;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * HAProxy through its runtime API: {@code set server <backend>/<server> state drain|maint|ready},
 * and {@code show stat} for a server's sessions, status and last check.
 *
 * <p>HAProxy's drain still sends a server the clients a cookie or a stick table ties to it; {@code
 * maint} sends it nothing.
 */
public final class HaproxyBalancer implements LoadBalancer {
  /** How long HAProxy may take to answer one command. */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final RuntimeApi api;
  private final String backend;
  private final Function<String, String> servers;

  HaproxyBalancer(RuntimeApi api, String backend, Function<String, String> servers) {
    this.api = api;
    this.backend = backend;
    this.servers = servers;
  }

  /** The balancer {@code config} describes; its type must be haproxy. */
  public static HaproxyBalancer of(BalancerConfig config) {
    return new HaproxyBalancer(
        new RuntimeApi(config.haproxy(), ANSWER_TIMEOUT),
        config.haproxy().backend(),
        node -> config.node(node).server());
  }

  @Override
  public String describe() {
    return "HAProxy at " + api.where() + ", backend " + backend;
  }

  @Override
  public void drain(String node) {
    setState(node, "drain");
  }

  @Override
  public void maint(String node) {
    setState(node, "maint");
  }

  @Override
  public void ready(String node) {
    setState(node, "ready");
  }

  /** Sessions the server serves now, and requests queued for it: both are its in-flight work. */
  @Override
  public int inFlight(String node) {
    Map<String, String> row = row(node);
    return count(row, "scur", node) + count(row, "qcur", node);
  }

  @Override
  public Optional<ServerState> state(String node) {
    Map<String, String> row = row(node);
    String status = row.getOrDefault("status", "");
    // "UP 1/3" is a server going down; "MAINT (via app/web1)" one tracking another.
    String word = status.startsWith("no check") ? "no check" : status.split(" ", 2)[0];
    // A check that is running right now is marked "* L7OK".
    String check = row.getOrDefault("check_status", "").replaceFirst("^\\* ", "");
    return Optional.of(
        new ServerState(
            node, servers.apply(node), word, check, row.getOrDefault("check_desc", "")));
  }

  private void setState(String node, String state) {
    String server = servers.apply(node);
    String command = "set server " + backend + "/" + server + " state " + state;
    String answer = send(node, command).strip();
    if (!answer.isEmpty()) {
      throw refused(node, server, command, answer);
    }
  }

  private Map<String, String> row(String node) {
    String server = servers.apply(node);
    String answer = send(node, "show stat");
    StatTable table =
        StatTable.parse(answer).orElseThrow(() -> refused(node, server, "show stat", answer));
    if (!table.hasProxy(backend)) {
      throw noSuchBackend(node, "show stat lists no proxy of that name");
    }
    return table
        .server(backend, server)
        .orElseThrow(
            () -> noSuchServer(node, server, "show stat lists no server of that name in it"));
  }

  /** The socket's own failures, tagged with the node they stopped. */
  private String send(String node, String command) {
    try {
      return api.send(command);
    } catch (BalancerException e) {
      throw new BalancerException(node, e.getMessage(), e.getCause());
    }
  }

  private int count(Map<String, String> row, String column, String node) {
    String value = row.getOrDefault(column, "");
    try {
      return value.isEmpty() ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BalancerException(
          node,
          describe()
              + ": show stat's "
              + column
              + " of "
              + servers.apply(node)
              + " is '"
              + value
              + "', not a count. Fix: report this HAProxy version's show stat output to"
              + " Lockstep.",
          e);
    }
  }

  private BalancerException refused(String node, String server, String command, String answer) {
    String first = answer.strip().lines().findFirst().orElse("").strip();
    if (first.startsWith("No such backend")) {
      return noSuchBackend(node, "HAProxy answered `" + command + "` with `" + first + "`");
    }
    if (first.startsWith("No such server")) {
      return noSuchServer(node, server, "HAProxy answered `" + command + "` with `" + first + "`");
    }
    if (first.startsWith("Permission denied")) {
      return new BalancerException(
          node,
          describe()
              + ": HAProxy refused `"
              + command
              + "`: the socket's level is too low. Fix: give the `stats socket` line of haproxy.cfg"
              + " `level admin`, e.g. `"
              + RuntimeApi.SOCKET_LINE
              + "`.");
    }
    return new BalancerException(
        node,
        describe()
            + ": HAProxy answered `"
            + command
            + "` with: "
            + first
            + " Fix: check that this HAProxy supports the command (HAProxy 1.6 or later), and its"
            + " log.");
  }

  private BalancerException noSuchBackend(String node, String evidence) {
    return new BalancerException(
        node,
        describe()
            + ": HAProxy has no backend '"
            + backend
            + "' ("
            + evidence
            + "). Fix: set balancer.haproxy.backend to the name of the"
            + " haproxy.cfg backend that holds the nodes' servers.");
  }

  private BalancerException noSuchServer(String node, String server, String evidence) {
    return new BalancerException(
        node,
        describe()
            + ": backend "
            + backend
            + " has no server '"
            + server
            + "' for node "
            + node
            + " ("
            + evidence
            + "). Fix: set balancer.nodes."
            + node
            + ".server to the name of its `server` line in backend "
            + backend
            + ".");
  }
}
