package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import java.util.stream.Collectors;

/**
 * The upgrade was refused before it touched anything, because a gate blocked. A wrong digest is bad
 * input (exit 2); anything else means the deployment is not ready (exit 1).
 */
public final class GateBlockedException extends LockstepException {
  private final transient Plan plan;

  public GateBlockedException(Plan plan) {
    super(errorCodeFor(plan), render(plan));
    this.plan = plan;
  }

  public Plan plan() {
    return plan;
  }

  public static ErrorCode errorCodeFor(Plan plan) {
    boolean invalid =
        plan.gates().stream().anyMatch(g -> g.verdict() == GateResult.Verdict.INVALID);
    return invalid ? ErrorCode.DIGEST_MISMATCH : ErrorCode.GATE_BLOCKED;
  }

  private static String render(Plan plan) {
    return "The upgrade to "
        + plan.to()
        + " is blocked; nothing was touched.\n"
        + plan.blockingGates().stream()
            .map(
                g ->
                    "  - "
                        + g.gate()
                        + ": "
                        + g.message()
                        + (g.fix() == null ? "" : " Fix: " + g.fix()))
            .collect(Collectors.joining("\n"));
  }
}
