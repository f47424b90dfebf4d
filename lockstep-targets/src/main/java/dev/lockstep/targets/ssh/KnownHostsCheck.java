package dev.lockstep.targets.ssh;

import dev.lockstep.core.config.HostConfig;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Accepts a host's key only when the host's known-hosts file holds that very key for its address
 * and port, as OpenSSH's {@code StrictHostKeyChecking yes} does; never adds one. The host comes
 * with the connection ({@link #HOST}); a rejected key is kept on the session ({@link #REJECTION}),
 * so that the error can name the host and the fingerprint.
 */
final class KnownHostsCheck implements ServerKeyVerifier {
  /**
   * Where a rejection is left for the one connecting, in the connection's context: it outlives a
   * session closed so early that its connect call never returned it.
   */
  static final AttributeKey<AtomicReference<HostKeyRejection>> REJECTION = new AttributeKey<>();

  static final AttributeKey<HostConfig> HOST = new AttributeKey<>();

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey offered) {
    AttributeRepository context = session.getConnectionContext();
    HostConfig host = context == null ? null : context.getAttribute(HOST);
    if (host == null) {
      return false; // a session this class did not open
    }
    String type = KeyUtils.getKeyType(offered);
    List<PublicKey> known = knownKeys(session, host, type);
    if (known.stream().anyMatch(key -> KeyUtils.compareKeys(key, offered))) {
      return true;
    }
    AtomicReference<HostKeyRejection> sink = context.getAttribute(REJECTION);
    if (sink != null) {
      sink.set(
          new HostKeyRejection(host, type, KeyUtils.getFingerPrint(offered), !known.isEmpty()));
    }
    return false;
  }

  /** The keys of {@code type} the host's known-hosts file holds for its address and port. */
  private static List<PublicKey> knownKeys(ClientSession session, HostConfig host, String type) {
    try {
      return KnownHostEntry.readKnownHostEntries(host.knownHosts()).stream()
          .filter(entry -> entry.getMarker() == null) // @revoked and @cert-authority: not keys
          .filter(entry -> entry.isHostMatch(host.address(), host.port()))
          .map(entry -> resolve(session, entry))
          .flatMap(Optional::stream)
          .filter(key -> type.equals(KeyUtils.getKeyType(key)))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<PublicKey> resolve(ClientSession session, KnownHostEntry entry) {
    try {
      return Optional.ofNullable(
          entry.getKeyEntry().resolvePublicKey(session, Map.of(), PublicKeyEntryResolver.IGNORING));
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty(); // a line of a key type this client cannot read matches nothing
    }
  }
}
