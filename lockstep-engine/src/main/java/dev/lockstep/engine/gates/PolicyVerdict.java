package dev.lockstep.engine.gates;

import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.plan.GateResult;

/**
 * What a gate with a policy ({@code clients.policy}, {@code extensions.policy}) says when it finds
 * something wrong: it blocks, or it warns and lets the upgrade go on, telling an upgrade about to
 * start before it does.
 */
final class PolicyVerdict {
  private PolicyVerdict() {}

  /**
   * @param section the config section whose policy decides, e.g. {@code clients}
   * @param message what is wrong, without a final full stop
   */
  static GateResult of(
      GateContext context,
      String gate,
      String section,
      GatePolicy policy,
      String message,
      String fix) {
    if (policy == GatePolicy.BLOCK) {
      return GateResult.blocked(gate, message + ".", fix);
    }
    String warned = message + "; the upgrade goes on (" + section + ".policy: warn).";
    if (context.upgrading()) {
      context.waiting().notice("warning: " + warned);
    }
    return GateResult.warned(gate, warned, fix);
  }
}
