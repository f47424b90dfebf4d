package dev.lockstep.cli;

import java.util.List;
import java.util.Set;

/**
 * What a kill trial interrupts: the sample product's successful upgrade, its failing upgrade (2.0.0
 * fails its checks and is rolled back by restoring the backup), or a `lockstep rollback`.
 *
 * @param setup the releases installed, in order, before the run
 * @param args the command killed
 * @param before the release installed before it
 * @param runExitCodes what the run may end with, once resumed: what the final release is follows
 *     from it (0: the run's target, 3: what it started from)
 * @param span about how long the command's run takes, in multiples of how long the setup's last run
 *     took on this machine just before (the machine's speed, measured under its current load)
 */
enum KillScenario {
  UPGRADE(List.of("1.0.0"), List.of("upgrade", "--to", "1.1.0"), "1.0.0", Set.of(0, 3), 1.0),
  FAILING_UPGRADE(List.of("1.1.0"), List.of("upgrade", "--to", "2.0.0"), "1.1.0", Set.of(3), 1.8),
  ROLLBACK(List.of("1.0.0", "1.1.0"), List.of("rollback", "--yes"), "1.1.0", Set.of(0), 1.0);

  final List<String> setup;
  final List<String> args;
  final String before;
  final Set<Integer> runExitCodes;
  final double span;

  KillScenario(
      List<String> setup,
      List<String> args,
      String before,
      Set<Integer> runExitCodes,
      double span) {
    this.setup = setup;
    this.args = args;
    this.before = before;
    this.runExitCodes = runExitCodes;
    this.span = span;
  }

  String label() {
    return switch (this) {
      case UPGRADE -> "upgrade 1.0.0->1.1.0";
      case FAILING_UPGRADE -> "failing upgrade 1.1.0->2.0.0";
      case ROLLBACK -> "rollback 1.1.0->1.0.0";
    };
  }
}
