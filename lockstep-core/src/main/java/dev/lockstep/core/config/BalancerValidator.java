package dev.lockstep.core.config;

import dev.lockstep.core.config.BalancerConfig.BalancerNode;
import dev.lockstep.core.config.BalancerConfig.BalancerType;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks the {@code balancer} section: its type, that type's settings and the node names. */
final class BalancerValidator {
  private static final String FIELD = "balancer";
  private static final String TYPES = "haproxy, http or command";

  private final ProblemCollector problems;
  private final BalancerTemplates templates;

  BalancerValidator(ProblemCollector problems) {
    this.problems = problems;
    this.templates = new BalancerTemplates(problems);
  }

  /** The balancer, or null when there is none (or its type is unusable). */
  /**
   * @param serviceNodes every node a service runs on
   */
  BalancerConfig validate(ConfigDocument.Balancer doc, Set<String> serviceNodes) {
    if (doc == null) {
      return null;
    }
    BalancerType type = type(doc.type());
    if (type == null) {
      return null;
    }
    onlyItsOwnSection(type, doc);
    Map<String, BalancerNode> nodes = nodes(doc.nodes(), serviceNodes);
    BalancerConfig config =
        new BalancerConfig(
            type,
            problems.duration(doc.deadline(), FIELD + ".deadline", BalancerConfig.DEFAULT_DEADLINE),
            nodes,
            type == BalancerType.HAPROXY
                ? new HaproxyValidator(problems).validate(doc.haproxy())
                : null,
            type == BalancerType.HTTP ? templates.http(doc.http()) : null,
            type == BalancerType.COMMAND ? templates.command(doc.command()) : null);
    templates.portsKnown(config, serviceNodes);
    return config;
  }

  private BalancerType type(String type) {
    if (type == null || type.isBlank()) {
      problems.add(
          FIELD + ".type",
          "is required but missing.",
          "write type: "
              + TYPES
              + ", with its settings beside it, e.g. balancer: {type: haproxy,"
              + " haproxy: {socket: /run/haproxy/admin.sock, backend: app}}.");
      return null;
    }
    try {
      return BalancerType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          FIELD + ".type",
          "'" + type + "' is not a balancer type.",
          "use " + TYPES + " (templated commands drive any other balancer).");
      return null;
    }
  }

  private void onlyItsOwnSection(BalancerType type, ConfigDocument.Balancer doc) {
    other(type, BalancerType.HAPROXY, doc.haproxy());
    other(type, BalancerType.HTTP, doc.http());
    other(type, BalancerType.COMMAND, doc.command());
  }

  private void other(BalancerType type, BalancerType section, Object settings) {
    if (type != section && settings != null) {
      problems.add(
          FIELD + "." + section.key(),
          "belongs to the " + section.key() + " balancer, but balancer.type is " + type.key() + ".",
          "remove balancer." + section.key() + ", or set balancer.type: " + section.key() + ".");
    }
  }

  private Map<String, BalancerNode> nodes(
      LinkedHashMap<String, ConfigDocument.BalancerNode> docs, Set<String> serviceNodes) {
    Map<String, BalancerNode> nodes = new LinkedHashMap<>();
    if (docs == null) {
      return nodes;
    }
    docs.forEach(
        (name, doc) -> {
          String field = FIELD + ".nodes." + name;
          if (!serviceNodes.contains(name)) {
            problems.add(
                field,
                "is not a node of any service (they are " + String.join(", ", serviceNodes) + ").",
                "name a node listed in a service's nodes, or remove it.");
          }
          if (doc == null) {
            problems.add(field, "is empty.", "give its server, host or port, or remove it.");
            return;
          }
          if (doc.server() != null && doc.server().isBlank()) {
            problems.add(
                field + ".server", "is blank.", "name the balancer's server, or remove it.");
          }
          if (doc.host() != null && doc.host().isBlank()) {
            problems.add(field + ".host", "is blank.", "name the node's host, or remove it.");
          }
          if (doc.port() != null && (doc.port() < 1 || doc.port() > 65535)) {
            problems.add(
                field + ".port", doc.port() + " is not a TCP port.", "use a port from 1 to 65535.");
          }
          nodes.put(
              name,
              new BalancerNode(
                  name,
                  doc.server() == null ? name : doc.server(),
                  doc.host() == null ? name : doc.host(),
                  doc.port()));
        });
    return nodes;
  }

  /** Checks {@code balancer.haproxy}: exactly one socket, and the backend. */
  private record HaproxyValidator(ProblemCollector problems) {
    private static final String SECTION = FIELD + ".haproxy";
    private static final String SOCKET_LINE =
        "stats socket /run/haproxy/admin.sock mode 660 level admin";

    BalancerConfig.Haproxy validate(ConfigDocument.Haproxy doc) {
      if (doc == null) {
        problems.add(
            SECTION,
            "is required for the haproxy balancer.",
            "name HAProxy's admin socket and the backend, e.g. haproxy: {socket:"
                + " /run/haproxy/admin.sock, backend: app}; haproxy.cfg's global section needs `"
                + SOCKET_LINE
                + "`.");
        return null;
      }
      problems.require(
          doc.backend(),
          SECTION + ".backend",
          "name the haproxy.cfg backend whose servers are the nodes, e.g. backend: app.");
      boolean socket = doc.socket() != null && !doc.socket().isBlank();
      boolean address = doc.address() != null && !doc.address().isBlank();
      if (socket == address) {
        problems.add(
            SECTION + (socket ? ".address" : ".socket"),
            socket
                ? "is given with haproxy.socket; Lockstep talks to one of them."
                : "is required: neither haproxy.socket nor haproxy.address is set.",
            "give the Unix socket (socket: /run/haproxy/admin.sock) or the TCP one (address:"
                + " 127.0.0.1:9999) of a `"
                + SOCKET_LINE
                + "` line in haproxy.cfg's global section, not both.");
        return null;
      }
      if (socket) {
        Path path = Path.of(doc.socket());
        if (!path.isAbsolute()) {
          problems.add(
              SECTION + ".socket",
              "'" + doc.socket() + "' is not an absolute path.",
              "give the path of haproxy.cfg's stats socket as it is, e.g."
                  + " /run/haproxy/admin.sock.");
        }
        return new BalancerConfig.Haproxy(path, null, 0, doc.backend());
      }
      return address(doc.address(), doc.backend());
    }

    private BalancerConfig.Haproxy address(String address, String backend) {
      int colon = address.lastIndexOf(':');
      String host = colon < 1 ? "" : address.substring(0, colon);
      String port = colon < 0 ? "" : address.substring(colon + 1);
      int number = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : 0;
      if (host.isBlank() || number < 1 || number > 65535) {
        problems.add(
            SECTION + ".address",
            "'" + address + "' is not a host:port.",
            "give the host and port of the TCP stats socket, e.g. address: 127.0.0.1:9999 for"
                + " `stats socket ipv4@127.0.0.1:9999 level admin`.");
        return null;
      }
      return new BalancerConfig.Haproxy(null, host, number, backend);
    }
  }
}
