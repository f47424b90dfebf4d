package dev.lockstep.engine.gates;

import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.manifest.Protocols;
import dev.lockstep.core.plan.GateResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No connected client loses service: every protocol version the deployment's {@code clients} source
 * counts clients on is one the target release serves ({@code protocols.clients} in its manifest).
 * Clients that would lose service block the upgrade, or only warn with {@code clients.policy:
 * warn}; so does a source that cannot be read. Left out without a {@code clients} section, and for
 * a first install (nothing serves anyone yet).
 */
public final class ClientsGate implements Gate {
  static final String NAME = "connected clients served";

  @Override
  public GateResult check(GateContext context) {
    ClientsConfig clients = context.config().clients();
    if (clients == null || context.installedVersion() == null) {
      return null;
    }
    Protocols protocols = context.target().protocols();
    String release = context.target().version().toString();
    if (!protocols.declaresClients()) {
      return GateResult.passed(
          NAME,
          "not checked: "
              + release
              + " does not say which client protocols it serves (protocols.clients in its"
              + " manifest)");
    }
    ClientsProbe.Reading reading = new ClientsProbe(clients).read();
    if (reading.failed()) {
      return PolicyVerdict.of(
          context,
          NAME,
          "clients",
          clients.policy(),
          "cannot tell which clients are connected: " + reading.error(),
          "make the source answer (the clients section), or remove the clients section to"
              + " upgrade without asking.");
    }
    Map<String, Long> lost = new TreeMap<>();
    reading
        .counts()
        .forEach(
            (protocol, count) -> {
              if (count > 0 && !protocols.serves(protocol)) {
                lost.put(protocol, count);
              }
            });
    String serves = release + " serves " + String.join(", ", protocols.clients());
    if (lost.isEmpty()) {
      String connected = counts(reading.counts());
      return GateResult.passed(
          NAME,
          (connected.startsWith("no ") ? connected : "every client is served: " + connected)
              + " ("
              + serves
              + ")");
    }
    return PolicyVerdict.of(
        context,
        NAME,
        "clients",
        clients.policy(),
        counts(lost) + " would lose service (" + serves + ")",
        "move those clients to a protocol "
            + release
            + " serves before upgrading, or upgrade to a release that still serves them"
            + (clients.policy() == GatePolicy.BLOCK
                ? "; clients.policy: warn lets the upgrade go on anyway."
                : "."));
  }

  /** "14 clients on protocol 2 and 1 client on protocol 1"; "no client connected" for none. */
  static String counts(Map<String, Long> counts) {
    List<String> parts =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(
                e ->
                    e.getValue()
                        + (e.getValue() == 1 ? " client" : " clients")
                        + " on protocol "
                        + e.getKey())
            .toList();
    if (parts.isEmpty()) {
      return "no client connected";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }
}
