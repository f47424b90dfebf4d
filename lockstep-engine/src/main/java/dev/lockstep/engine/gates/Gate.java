package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;

/** A pre-flight condition an upgrade must meet before it touches anything. */
public interface Gate {
  GateResult check(GateContext context);
}
