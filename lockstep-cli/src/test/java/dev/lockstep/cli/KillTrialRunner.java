package dev.lockstep.cli;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one kill trial on a sample deployment of its own: installs what the scenario starts from,
 * writes notes, starts the real jar, kills it with SIGKILL at the trial's moment, runs `lockstep
 * resume` (twice at most), and checks that the deployment is whole.
 */
final class KillTrialRunner {
  /**
   * How one trial went.
   *
   * @param killAtMillis when Lockstep was killed: after its run's first step started, or after the
   *     process started for a kill before the run
   * @param atKill where the run stood when it was killed (the step, or before or after the run)
   * @param resumeExits the exit code of each `lockstep resume`
   * @param failed the broken invariants; empty when the trial passed
   * @param folder the sample's folder, kept when the trial failed
   */
  record Outcome(
      FaultTrial trial,
      long killAtMillis,
      String atKill,
      List<Integer> resumeExits,
      List<String> failed,
      Path folder) {}

  private final ThrowawayPostgres server;

  KillTrialRunner(ThrowawayPostgres server) {
    this.server = server;
  }

  Outcome run(FaultTrial trial) throws Exception {
    String name = "fault_" + trial.number() + "_" + Long.toString(trial.seed()).replace('-', 'm');
    List<String> failed = new ArrayList<>();
    List<Integer> resumeExits = new ArrayList<>();
    Kill kill = new Kill(-1, "(not reached)");
    Path folder;
    try (FaultSample fault = FaultSample.create(server, name)) {
      folder = fault.folder();
      try {
        kill = killAndResume(fault, trial, resumeExits, failed);
      } catch (Exception | AssertionError e) {
        failed.add("harness: " + e);
      }
      failed.addAll(fault.stopEverything());
      if (!failed.isEmpty()) {
        fault.keep();
      }
    }
    return new Outcome(trial, kill.atMillis(), kill.where(), resumeExits, failed, folder);
  }

  /** When Lockstep was killed, and where its run stood then. */
  private record Kill(long atMillis, String where) {}

  /** Adds what is broken to {@code failed}. */
  private static Kill killAndResume(
      FaultSample fault, FaultTrial trial, List<Integer> resumeExits, List<String> failed)
      throws InterruptedException {
    KillScenario scenario = trial.scenario();
    List<Long> notes = fault.install(scenario.setup);
    long killAt = trial.killAtMillis(fault.lastRunMillis());
    String runBefore = fault.status().lastRun().runId();

    long started = System.nanoTime();
    LockstepJar.Running run = fault.start(Map.of(), scenario.args.toArray(String[]::new));
    if (!trial.beforeTheRun()) {
      // Counted from the run's first step: the JVM's start and the plan take a varying while.
      run.awaitStderr("[1/", FaultSample.PATIENCE);
      started = System.nanoTime();
    }
    boolean endedFirst = run.process.waitFor(killAt, TimeUnit.MILLISECONDS);
    long ranMillis = (System.nanoTime() - started) / 1_000_000;
    if (!endedFirst) {
      run.kill();
    }
    Result killedRun = run.await(Duration.ofSeconds(30));
    fault.record("run " + scenario.args + ", kill after " + killAt + " ms", killedRun);
    StatusReport killed = fault.status();
    String atKill =
        endedFirst
            ? "ended before the kill (exit " + killedRun.exitCode() + " after " + ranMillis + " ms)"
            : describe(killed, runBefore);

    Set<Integer> expectedResume = killed.unfinished() != null ? scenario.runExitCodes : Set.of(1);
    for (int attempt = 1; attempt <= 2; attempt++) {
      Result resumed = fault.run("resume");
      fault.record("resume #" + attempt, resumed);
      resumeExits.add(resumed.exitCode());
      boolean done = fault.status().unfinished() == null;
      if (expectedResume.contains(resumed.exitCode()) || done || attempt == 2) {
        if (!expectedResume.contains(resumed.exitCode())) {
          failed.add(
              "resume exited "
                  + resumeExits
                  + ", expected "
                  + expectedResume
                  + ": "
                  + lastLine(resumed.stderr()));
        }
        break;
      }
    }

    RunReport last = fault.status().lastRun();
    RunReport trialRun = last.runId().equals(runBefore) ? null : last;
    String expected = scenario.before;
    if (trialRun != null) {
      expected = trialRun.exitCode() == 0 ? trialRun.to() : trialRun.from();
      if (!scenario.runExitCodes.contains(trialRun.exitCode())) {
        failed.add(
            "the run ended "
                + trialRun.status()
                + " (exit "
                + trialRun.exitCode()
                + "), expected exit "
                + scenario.runExitCodes);
      }
    }
    failed.addAll(fault.invariants().check(expected, notes));
    return new Kill(killAt, atKill);
  }

  private static String describe(StatusReport killed, String runBefore) {
    if (killed.unfinished() != null) {
      String step = String.valueOf(killed.currentStep());
      int since = step.indexOf(" (started");
      return "in " + (since < 0 ? step : step.substring(0, since));
    }
    boolean ran = !killed.lastRun().runId().equals(runBefore);
    return ran ? "after the run ended" : "before the run started";
  }

  static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
