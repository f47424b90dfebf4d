package dev.lockstep.targets.process;

import dev.lockstep.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What Lockstep puts in the environment of every service process it starts, {@code
 * LOCKSTEP_SERVICE=<deployment>/<service>@<node>/<launch token>}, so that it can find its own
 * children later by reading {@code /proc/<pid>/environ}, even those it never had the chance to
 * record. The service's own children inherit it, so they are found too.
 *
 * @param deployment names the state folder the service belongs to, so that two deployments (or a
 *     deployment and its rehearsal) on one machine never take each other's processes for their own
 * @param unit {@code <service>@<node>}
 * @param token different for every start, so that the process of one start is told from another's
 */
record ServiceMarker(String deployment, String unit, String token) {
  static final String VARIABLE = "LOCKSTEP_SERVICE";

  private static final SecureRandom RANDOM = new SecureRandom();

  static ServiceMarker of(String deployment, String service, String node, String token) {
    return new ServiceMarker(deployment, unit(service, node), token);
  }

  static String unit(String service, String node) {
    return service + "@" + node;
  }

  /** A short hash of the absolute folder of the state files: stable, and free of slashes. */
  static String deploymentKey(Path serviceStateDir) {
    String folder = serviceStateDir.toAbsolutePath().normalize().toString();
    return Sha256.of(folder.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String newToken() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  String value() {
    return deployment + "/" + unit + "/" + token;
  }

  /** The marker in {@code value}; node names may hold slashes, the key and the token never do. */
  static Optional<ServiceMarker> parse(String value) {
    int first = value.indexOf('/');
    int last = value.lastIndexOf('/');
    if (first <= 0 || last <= first + 1 || last == value.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceMarker(
            value.substring(0, first),
            value.substring(first + 1, last),
            value.substring(last + 1)));
  }
}
