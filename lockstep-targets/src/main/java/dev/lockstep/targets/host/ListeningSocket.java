package dev.lockstep.targets.host;

import java.net.InetAddress;

/**
 * A TCP socket in the LISTEN state, as the kernel lists it in {@code /proc/net/tcp} or {@code
 * tcp6}.
 *
 * @param address the local address it is bound to; the wildcard when it listens on every address
 * @param inode the socket's inode, which names it in {@code /proc/<pid>/fd}
 * @param uid the user that owns the socket
 */
public record ListeningSocket(InetAddress address, int port, long inode, int uid) {

  /** Whether a connection to {@code target}:{@link #port()} would reach this socket. */
  public boolean accepts(InetAddress target) {
    return address.isAnyLocalAddress() || address.equals(target);
  }

  /** {@code 127.0.0.1:8081}, {@code [::]:8081}. */
  public String endpoint() {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
