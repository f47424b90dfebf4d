package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.Objects;
import java.util.Optional;

/** With {@code --require-rehearsal}: the latest rehearsal of this very upgrade passed. */
public final class RehearsalGate implements Gate {
  private static final String NAME = "rehearsal";

  @Override
  public GateResult check(GateContext context) {
    String to = context.target().version().toString();
    Optional<RunRecord> latest =
        context.journal().runs().stream()
            .filter(run -> run.kind() == RunKind.REHEARSAL)
            .filter(run -> Objects.equals(run.fromVersion(), context.installedVersion()))
            .filter(run -> run.toVersion().equals(to))
            .findFirst();
    if (!context.options().requireRehearsal()) {
      return GateResult.passed(
          NAME,
          latest
              .map(
                  run ->
                      "last rehearsal "
                          + run.id()
                          + ": "
                          + run.status().name().toLowerCase(java.util.Locale.ROOT))
              .orElse("not required"));
    }
    if (latest.isPresent() && latest.get().status() == RunStatus.SUCCEEDED) {
      return GateResult.passed(
          NAME, "rehearsal " + latest.get().id() + " passed: " + latest.get().summary());
    }
    return GateResult.blocked(
        NAME,
        latest.isEmpty()
            ? "no rehearsal of " + context.installedVersion() + " → " + to + " was run."
            : "the latest rehearsal of this upgrade, "
                + latest.get().id()
                + ", did not pass: "
                + latest.get().summary(),
        "run `lockstep rehearse --to " + to + "` and look at what it says.");
  }
}
