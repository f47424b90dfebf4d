package dev.lockstep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One kill trial, decided by its seed: the scenario, and when Lockstep is killed with SIGKILL.
 *
 * <p>The moment is a fraction of the run, counted from its first step, in units of how long the
 * setup's own run took on this machine just before: a shared 2-core machine runs ten times slower
 * under load, and a seed should land at about the same point of the run whatever the load. A
 * negative fraction kills Lockstep before its run starts (while the JVM starts or the plan is
 * made); past about 1, the run has likely ended.
 *
 * @param fraction from -0.1 to 1.2
 */
record FaultTrial(int number, long seed, KillScenario scenario, double fraction) {
  private static final double BEFORE = 0.1;
  private static final double AFTER = 1.2;
  private static final long JVM_START_MILLIS = 10_000;

  static FaultTrial of(int number, long seed) {
    Random random = new Random(seed);
    KillScenario scenario = KillScenario.values()[random.nextInt(KillScenario.values().length)];
    return new FaultTrial(number, seed, scenario, random.nextDouble() * (BEFORE + AFTER) - BEFORE);
  }

  /** Whether the kill comes before the run's first step (counted from the process's start). */
  boolean beforeTheRun() {
    return fraction < 0;
  }

  /**
   * Milliseconds to the kill: from the process's start when {@link #beforeTheRun()}, else from the
   * run's first step ({@code -Dfaults.killAtMs} overrides the latter).
   *
   * @param setupRunMillis how long the setup's last run took
   */
  long killAtMillis(long setupRunMillis) {
    if (beforeTheRun()) {
      return (long) (-fraction / BEFORE * JVM_START_MILLIS);
    }
    long drawn = (long) (fraction * scenario.span * setupRunMillis);
    return Long.getLong("faults.killAtMs", drawn);
  }

  /**
   * The trials to run: {@code -Dfaults.trialSeeds=S1,S2} repeats given trials; otherwise {@code
   * -Dfaults.trials=N} (default {@code defaultCount}) trials from {@code -Dfaults.seed} (default:
   * random, printed).
   */
  static List<FaultTrial> fromSystemProperties(int defaultCount) {
    List<FaultTrial> trials = new ArrayList<>();
    String seeds = System.getProperty("faults.trialSeeds", "").strip();
    if (!seeds.isEmpty()) {
      int number = 1;
      for (String seed : seeds.split(",")) {
        trials.add(of(number++, Long.parseLong(seed.strip())));
      }
      return trials;
    }
    int count = Integer.getInteger("faults.trials", defaultCount);
    long suiteSeed = Long.getLong("faults.seed", new Random().nextInt(1_000_000));
    System.out.println(
        "fault suite: " + count + " trial(s), -Dfaults.seed=" + suiteSeed + " repeats them");
    for (int i = 1; i <= count; i++) {
      trials.add(of(i, suiteSeed + i));
    }
    return trials;
  }

  @Override
  public String toString() {
    return "trial "
        + number
        + " seed="
        + seed
        + " "
        + scenario.label()
        + (beforeTheRun()
            ? " kill before the run"
            : " kill at " + Math.round(fraction * 100) + "% of the run");
  }
}
