package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.steps.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * There is room for the backup. A dump is rarely larger than the database it comes from, so the
 * stores' size (from the probe) plus a margin is the estimate.
 *
 * <p>The free space is read here, from the file system of the backup folder: it is one cheap call
 * on a path the config names, and a fake of it would test nothing a real folder does not (tests
 * drive the verdict with the estimate against a real temp folder).
 */
public final class DiskSpaceGate implements Gate {
  private static final String NAME = "disk space for the backup";
  private static final double MARGIN = 1.1;

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(NAME, "cannot estimate: the database is not reachable.", null);
    }
    Path dir = existingAncestor(context.config().backupsDir());
    long needed = (long) (context.database().storesBytes() * MARGIN);
    long free;
    try {
      free = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return GateResult.blocked(
          NAME, "cannot read the free space of " + dir + ": " + e.getMessage(), "check the path.");
    }
    if (free < needed) {
      return GateResult.blocked(
          NAME,
          "the backup needs about "
              + Bytes.format(needed)
              + " but "
              + dir
              + " has "
              + Bytes.format(free)
              + " free.",
          "free some space, or point backup.dir at a larger disk.");
    }
    return GateResult.passed(
        NAME, "needs about " + Bytes.format(needed) + ", " + Bytes.format(free) + " free");
  }

  private static Path existingAncestor(Path path) {
    Path current = path.toAbsolutePath();
    while (current != null && !Files.exists(current)) {
      current = current.getParent();
    }
    return current == null ? Path.of("/") : current;
  }
}
