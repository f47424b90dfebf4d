package dev.lockstep.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who Lockstep runs as, where it changes what Lockstep may do (file owners, server programs). */
public final class OsUser {
  private static volatile Boolean root;

  private OsUser() {}

  /** Whether Lockstep runs as root. */
  public static boolean isRoot() {
    Boolean known = root;
    if (known == null) {
      known = detectRoot();
      root = known;
    }
    return known;
  }

  private static boolean detectRoot() {
    if ("root".equals(System.getProperty("user.name"))) {
      return true;
    }
    try {
      // The owner of /proc/self is the effective user; user.name can be wrong inside containers.
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
