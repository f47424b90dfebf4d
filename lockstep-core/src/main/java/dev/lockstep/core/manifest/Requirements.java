package dev.lockstep.core.manifest;

import java.util.List;

/**
 * What a release needs of the machine, checked live before an upgrade: the PostgreSQL server's
 * version and the version each runtime command prints.
 *
 * @param postgres the range the server's version must be in, or null
 * @param runtimes each program the release runs on, how to ask its version, and the range
 */
public record Requirements(VersionRange postgres, List<Runtime> runtimes) {
  public static final Requirements NONE = new Requirements(null, List.of());

  public Requirements {
    runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
  }

  public boolean isEmpty() {
    return postgres == null && runtimes.isEmpty();
  }

  /**
   * @param name e.g. {@code node}
   * @param command a shell command printing its version, e.g. {@code node --version}
   */
  public record Runtime(String name, String command, VersionRange range) {}
}
