package dev.lockstep.targets.ssh;

import dev.lockstep.core.config.HostConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The config's hosts, each logged in to on first use and kept for the target's life: one login per
 * host, however many commands run there. Nothing connects for a deployment whose nodes are all
 * local. Safe to use from several threads: a roll works on several hosts at once.
 */
public final class HostSessions implements AutoCloseable {
  private static final Duration HOME_DEADLINE = Duration.ofSeconds(30);

  private final Map<String, HostConfig> hosts;
  private final Map<String, SshSession> sessions = new LinkedHashMap<>();
  private final Map<String, String> homes = new LinkedHashMap<>();
  private SshHosts client;

  /**
   * @param hosts {@code target.hosts}, by name
   */
  public HostSessions(Map<String, HostConfig> hosts) {
    this.hosts = Map.copyOf(hosts);
  }

  /** The host a node runs on: the host of the same name, or empty for a node of this machine. */
  public Optional<HostConfig> hostOf(String node) {
    return Optional.ofNullable(hosts.get(node));
  }

  /** The logged-in session to {@code host}, connecting (and checking its key) the first time. */
  public SshSession session(HostConfig host) {
    synchronized (this) {
      if (client == null) {
        client = new SshHosts();
      }
    }
    SshSession session;
    synchronized (sessions) {
      session = sessions.get(host.name());
    }
    if (session != null) {
      return session;
    }
    SshSession opened = client.connect(host);
    synchronized (sessions) {
      SshSession raced = sessions.putIfAbsent(host.name(), opened);
      if (raced == null) {
        return opened;
      }
    }
    opened.close();
    return sessions.get(host.name());
  }

  /** The login user's home folder on {@code host}, where uploaded artifacts are kept. */
  public String home(HostConfig host) {
    synchronized (homes) {
      String known = homes.get(host.name());
      if (known != null) {
        return known;
      }
    }
    RemoteResult result = session(host).run("printf '%s' \"$HOME\"", HOME_DEADLINE);
    if (!result.succeeded() || result.output().isBlank()) {
      throw new IllegalStateException(
          "Cannot learn the home folder on " + host.describe() + ": " + result.describeFailure());
    }
    String home = result.output().strip();
    synchronized (homes) {
      homes.put(host.name(), home);
    }
    return home;
  }

  @Override
  public synchronized void close() {
    synchronized (sessions) {
      sessions.values().forEach(SshSession::close);
      sessions.clear();
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
