package dev.lockstep.schema.lint;

import dev.lockstep.core.manifest.MigrationClass;
import java.util.List;

/**
 * The class of a migration as far as reading it, without running it, tells.
 *
 * @param type {@link MigrationClass#CONTRACT} when a statement certainly breaks the previous
 *     release (an error-level lint finding), {@link MigrationClass#EXPAND} when every statement is
 *     known to leave it working, or null when neither can be told by reading: see {@code undecided}
 * @param undecided the statements that left the class open, in order (empty when it is decided)
 */
public record ReadClass(MigrationClass type, List<UndecidedStatement> undecided) {

  public ReadClass {
    undecided = List.copyOf(undecided);
    if (type != null) {
      undecided = List.of();
    }
  }

  public boolean decided() {
    return type != null;
  }
}
