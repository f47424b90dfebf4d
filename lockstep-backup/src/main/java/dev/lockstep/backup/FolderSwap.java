package dev.lockstep.backup;

import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a restored copy of a folder in place of the live one with two renames, so that the live
 * folder is never half old, half restored: live becomes {@code <path>.lockstep-old-<id>}, the
 * staging copy becomes live, then the old one is deleted. Both sit beside the live folder, on its
 * file system, where renames are atomic.
 */
final class FolderSwap {
  private final Path live;
  private final String id;

  /**
   * @param live the folder as configured; a symbolic link is followed to the folder it names
   */
  FolderSwap(Path live, String id) throws IOException {
    Path absolute = live.toAbsolutePath().normalize();
    this.live = Files.exists(absolute) ? absolute.toRealPath() : absolute;
    this.id = id;
  }

  Path live() {
    return live;
  }

  Path staging() {
    return live.resolveSibling(live.getFileName() + ".lockstep-restore-" + id);
  }

  Path old() {
    return live.resolveSibling(live.getFileName() + ".lockstep-old-" + id);
  }

  /** A fresh, empty, owner-only staging folder (a leftover of a killed restore is replaced). */
  Path prepareStaging() throws IOException {
    Files.createDirectories(live.getParent());
    SecureFiles.deleteTree(staging());
    Files.createDirectory(staging());
    SecureFiles.restrict(staging());
    return staging();
  }

  /** Swaps the staging folder in. The old content is deleted once the new one is in place. */
  void swap() throws IOException {
    boolean hadLive = Files.exists(live, LinkOption.NOFOLLOW_LINKS);
    if (hadLive && Files.exists(old(), LinkOption.NOFOLLOW_LINKS)) {
      // An earlier restore of this backup swapped but was killed before it deleted the old copy.
      SecureFiles.deleteTree(old());
    }
    if (hadLive) {
      move(live, old(), "move the live folder aside");
    }
    try {
      move(staging(), live, "move the restored copy into place");
    } catch (IOException e) {
      if (hadLive) {
        try {
          move(old(), live, "move the live folder back");
        } catch (IOException back) {
          e.addSuppressed(back);
          throw new IOException(
              e.getMessage()
                  + "; the live folder's previous content is in "
                  + old()
                  + " and the restored copy in "
                  + staging(),
              e);
        }
      }
      throw e;
    }
    SecureFiles.deleteTree(old());
  }

  private static void move(Path from, Path to, String what) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IOException(
          "cannot "
              + what
              + " ("
              + from
              + " to "
              + to
              + "): "
              + e
              + ". A folder that is a mount point cannot be renamed: configure the folder inside"
              + " it instead",
          e);
    }
  }
}
