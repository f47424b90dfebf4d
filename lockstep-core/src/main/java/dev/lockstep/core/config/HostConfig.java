package dev.lockstep.core.config;

import java.nio.file.Path;

/**
 * A machine that service nodes can run on, reached over SSH with a key (a password is refused) and
 * checked against a known-hosts file before anything is sent to it.
 *
 * @param name how the config names it, e.g. {@code web-1}
 * @param address its host name or IP address
 * @param keyFile the private key Lockstep logs in with (OpenSSH format; not passphrase-protected)
 * @param knownHosts the file holding its host key, OpenSSH's format (default {@code
 *     ~/.ssh/known_hosts})
 */
public record HostConfig(
    String name, String address, int port, String user, Path keyFile, Path knownHosts) {

  /** For example {@code web-1 (deploy@10.0.0.5:22)}. */
  public String describe() {
    return name + " (" + user + "@" + address + ":" + port + ")";
  }
}
