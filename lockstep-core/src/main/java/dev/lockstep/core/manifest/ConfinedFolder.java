package dev.lockstep.core.manifest;

import dev.lockstep.core.yaml.ProblemCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder the paths of a manifest must stay in: the release's own folder, or its migrations
 * folder. A release is copied, checksummed and reviewed as one folder, so a manifest that reaches
 * outside it ({@code ../../etc/hostname}, an absolute path, a symbolic link) would install or run
 * something nobody shipped.
 */
final class ConfinedFolder {
  private final Path dir;
  private final String name;

  /**
   * @param dir the folder, absolute
   * @param name how messages call it: "release folder", "migrations folder"
   */
  ConfinedFolder(Path dir, String name) {
    this.dir = dir.normalize();
    this.name = name;
  }

  Path dir() {
    return dir;
  }

  /**
   * The path {@code written} names inside the folder; null, with the problem recorded at {@code
   * field}, when it leads outside, as written or once its links are followed.
   */
  Path resolve(String field, String written, ProblemCollector problems) {
    Path path = dir.resolve(written).normalize();
    String fix =
        "ship it inside the "
            + name
            + " and name it relative to that folder, without '..' or links that leave it.";
    if (!path.startsWith(dir)) {
      problems.add(
          field, "'" + written + "' is outside the " + name + " " + dir + " (" + path + ").", fix);
      return null;
    }
    Path real = real(path);
    Path realDir = real(dir);
    if (!real.startsWith(realDir)) {
      problems.add(
          field,
          "'"
              + written
              + "' leads outside the "
              + name
              + " "
              + dir
              + " through a symbolic link (to "
              + real
              + ").",
          fix);
      return null;
    }
    return path;
  }

  /**
   * Where {@code path} really is: its real path, or for a path that does not exist (yet), the real
   * path of its nearest existing folder with the rest appended.
   */
  private static Path real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      return path;
    }
  }
}
