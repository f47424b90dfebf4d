package dev.lockstep.targets.ssh;

import dev.lockstep.core.config.HostConfig;

/**
 * Why a host's key was not accepted: no key of its type in the known-hosts file (an unknown host),
 * or a different one (a changed key: the host was reinstalled, or someone is in between).
 *
 * @param keyType what the host offered, e.g. {@code ssh-ed25519}
 * @param fingerprint its SHA-256 fingerprint, as {@code ssh-keygen -lf} prints it
 */
record HostKeyRejection(HostConfig host, String keyType, String fingerprint, boolean changed) {

  String message() {
    String offered = host.describe() + " offered the " + keyType + " key " + fingerprint;
    return changed
        ? offered
            + ", which is not the key "
            + host.knownHosts()
            + " holds for it: the host key changed (the host was reinstalled, or someone is"
            + " between Lockstep and the host). Nothing was sent to it."
        : offered
            + ", and "
            + host.knownHosts()
            + " holds no "
            + keyType
            + " key for it: the host is unknown. Nothing was sent to it.";
  }

  String fix() {
    String scan = "ssh-keyscan -p " + host.port() + " " + host.address();
    return changed
        ? "ask the host's owner whether its key changed; if "
            + fingerprint
            + " is its new key, remove the old line (ssh-keygen -R '["
            + host.address()
            + "]:"
            + host.port()
            + "' -f "
            + host.knownHosts()
            + ") and add the new one ("
            + scan
            + " >> "
            + host.knownHosts()
            + ")."
        : "check with the host's owner that "
            + fingerprint
            + " is its key, then add it: "
            + scan
            + " >> "
            + host.knownHosts()
            + ".";
  }
}
