package dev.lockstep.core.manifest;

import java.util.List;

/**
 * What a release speaks to the programs around it ({@code protocols} in the manifest): the client
 * protocol versions it still serves, and the protocol version it offers extensions (MCP servers,
 * plugins). Clients and extensions that need something else lose service after the upgrade.
 *
 * @param clients the client protocol versions this release serves, e.g. {@code ["2", "3"]}; empty
 *     when the vendor does not say
 * @param extensions the extension protocol (API) version this release offers, e.g. {@code 3}; null
 *     when the vendor does not say
 */
public record Protocols(List<String> clients, String extensions) {
  public static final Protocols NONE = new Protocols(List.of(), null);

  public Protocols {
    clients = clients == null ? List.of() : List.copyOf(clients);
  }

  /** Whether the vendor says which client protocol versions this release serves. */
  public boolean declaresClients() {
    return !clients.isEmpty();
  }

  public boolean serves(String clientProtocol) {
    return clients.contains(clientProtocol);
  }
}
