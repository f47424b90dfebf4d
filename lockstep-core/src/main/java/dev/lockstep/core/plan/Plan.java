package dev.lockstep.core.plan;

import java.util.List;

/**
 * The ordered steps from the installed release to the target release, computed and shown before
 * anything is touched.
 *
 * @param from the installed release, or null for a first install
 * @param worstCase the rollback that applies once every step has run
 * @param rolling whether this upgrade could replace the nodes one at a time, and why (not); null
 *     when not assessed
 * @param releaseNotes the target release's notes (breaking changes, new requirements), shown before
 *     anything is touched; null when it has none
 */
public record Plan(
    String environment,
    String from,
    String to,
    List<PlannedStep> steps,
    List<PlannedMigration> migrations,
    List<GateResult> gates,
    RollbackStrategy worstCase,
    String downtime,
    RollingVerdict rolling,
    String releaseNotes) {

  public Plan {
    steps = List.copyOf(steps);
    migrations = List.copyOf(migrations);
    gates = List.copyOf(gates);
  }

  public boolean blocked() {
    return gates.stream().anyMatch(GateResult::blocked);
  }

  public List<GateResult> blockingGates() {
    return gates.stream().filter(GateResult::blocked).toList();
  }
}
