package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.FunctionSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The functions of both snapshots by signature, for the differs of what runs them (triggers). */
final class Routines {
  private final Map<String, FunctionSnapshot> before = new HashMap<>();
  private final Map<String, FunctionSnapshot> after = new HashMap<>();

  Routines(List<FunctionSnapshot> before, List<FunctionSnapshot> after) {
    before.forEach(f -> this.before.put(f.signature(), f));
    after.forEach(f -> this.after.put(f.signature(), f));
  }

  Optional<FunctionSnapshot> before(String signature) {
    return Optional.ofNullable(before.get(signature));
  }

  Optional<FunctionSnapshot> after(String signature) {
    return Optional.ofNullable(after.get(signature));
  }

  /**
   * Whether the function, as it is after the migration, can raise errors; a function Lockstep does
   * not know (in a schema it did not read) is assumed to.
   */
  boolean raisesAfter(String signature) {
    return after(signature).map(FunctionSnapshot::raisesErrors).orElse(true);
  }

  /** Whether the function got a new body (or is gone): what a trigger runs then changed. */
  boolean bodyChanged(String signature) {
    Optional<FunctionSnapshot> old = before(signature);
    Optional<FunctionSnapshot> now = after(signature);
    return old.isPresent()
        && (now.isEmpty()
            || !Objects.equals(old.get().definitionHash(), now.get().definitionHash()));
  }
}
