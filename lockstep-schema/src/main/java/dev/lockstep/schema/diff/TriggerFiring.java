package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.TriggerSnapshot;
import dev.lockstep.schema.sql.TriggerDefinitions;
import java.util.Objects;

/** When two versions of a trigger fire, compared: the same, or at least whenever the old did. */
final class TriggerFiring {
  private TriggerFiring() {}

  /** Same when, on what, what it runs (with its arguments and condition), and whether it fires. */
  static boolean same(TriggerSnapshot before, TriggerSnapshot after) {
    return before.timing() == after.timing()
        && before.events().equals(after.events())
        && before.updateColumns().equals(after.updateColumns())
        && before.forEachRow() == after.forEachRow()
        && before.constraint() == after.constraint()
        && before.enabled() == after.enabled()
        && Objects.equals(
            TriggerDefinitions.afterTable(before.definition()),
            TriggerDefinitions.afterTable(after.definition()));
  }

  /** Whether {@code after} fires for every write {@code before} fired for, running the same. */
  static boolean covers(TriggerSnapshot after, TriggerSnapshot before) {
    boolean updates =
        !before.events().contains("UPDATE")
            || after.updateColumns().isEmpty()
            || (!before.updateColumns().isEmpty()
                && after.updateColumns().containsAll(before.updateColumns()));
    return after.fires()
        && after.timing() == before.timing()
        && after.forEachRow() == before.forEachRow()
        && after.function().equals(before.function())
        && after.events().containsAll(before.events())
        && updates
        && (after.when() == null || after.when().equals(before.when()));
  }
}
