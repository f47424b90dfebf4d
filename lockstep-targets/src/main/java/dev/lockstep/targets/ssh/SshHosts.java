package dev.lockstep.targets.ssh;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.HostConfig;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Lockstep's SSH client (Apache MINA SSHD): logs in to the config's hosts with their key only,
 * after checking each host's key against its known-hosts file. Neither the operator's {@code
 * ~/.ssh/config} nor an agent is consulted: what the config says is what is used.
 */
public final class SshHosts implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final SshClient client;

  public SshHosts() {
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new KnownHostsCheck());
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    // A command is a few small packets (open, exec, end of input). With Nagle's algorithm on, each
    // waited for the host's delayed ACK: about 40 ms more per command, measured on loopback.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.start();
  }

  /**
   * Connects and logs in to {@code host}.
   *
   * @throws LockstepException {@link ErrorCode#HOST_KEY_REJECTED} (exit 2) when the host's key is
   *     unknown or changed, naming the fingerprint; {@link ErrorCode#HOST_UNREACHABLE} (exit 1)
   *     when it does not answer or refuses the key
   */
  public SshSession connect(HostConfig host) {
    KeyPair key = key(host);
    ClientSession session = null;
    AtomicReference<HostKeyRejection> rejection = new AtomicReference<>();
    Map<AttributeRepository.AttributeKey<?>, Object> context = new HashMap<>();
    context.put(KnownHostsCheck.HOST, host);
    context.put(KnownHostsCheck.REJECTION, rejection);
    try {
      session =
          client
              .connect(
                  host.user(),
                  host.address(),
                  host.port(),
                  AttributeRepository.ofAttributesMap(context))
              .verify(CONNECT_TIMEOUT)
              .getSession();
      session.addPublicKeyIdentity(key);
      session.auth().verify(CONNECT_TIMEOUT);
      return new SshSession(host, session);
    } catch (IOException | RuntimeException e) {
      HostKeyRejection rejected = rejection.get();
      closeQuietly(session);
      if (rejected != null) {
        throw new LockstepException(
            ErrorCode.HOST_KEY_REJECTED, rejected.message() + " Fix: " + rejected.fix());
      }
      throw new LockstepException(
          ErrorCode.HOST_UNREACHABLE,
          "Cannot log in to "
              + host.describe()
              + ": "
              + e.getMessage()
              + ". Check that the host is up and that sshd listens on port "
              + host.port()
              + ", and that the public key of "
              + host.keyFile()
              + " is in ~"
              + host.user()
              + "/.ssh/authorized_keys there.",
          e);
    }
  }

  private static KeyPair key(HostConfig host) {
    try {
      for (KeyPair pair : new FileKeyPairProvider(host.keyFile()).loadKeys(null)) {
        return pair;
      }
    } catch (RuntimeException e) {
      // FileKeyPairProvider wraps the IOException or GeneralSecurityException of a bad file.
      throw keyUnreadable(host, e.getMessage());
    }
    throw keyUnreadable(host, "it holds no key");
  }

  private static LockstepException keyUnreadable(HostConfig host, String why) {
    return new LockstepException(
        ErrorCode.CONFIG_INVALID,
        "Cannot read the key file "
            + host.keyFile()
            + " of host "
            + host.name()
            + ": "
            + why
            + ". Fix: point target.hosts."
            + host.name()
            + ".keyFile at a private key in OpenSSH or PEM format without a passphrase.");
  }

  private static void closeQuietly(ClientSession session) {
    if (session != null) {
      try {
        session.close();
      } catch (IOException e) {
        // Nothing to tell beyond the error that brought us here.
      }
    }
  }

  @Override
  public void close() {
    client.stop();
  }
}
