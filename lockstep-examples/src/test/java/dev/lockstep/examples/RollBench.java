package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.journal.Phase;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rolling-upgrade benchmark ({@code bench/roll-bench.sh}) on the fleet of the rolling story:
 * the same load through HAProxy with no upgrade and during a roll of 1.0.0 → 1.1.0 (failed
 * requests, p50 and p99, from clients on a JVM of their own), where in the roll its slow requests
 * were sent ({@link RollTimeline}), and the time Lockstep spends per node beyond the node's own
 * stop, install, start (timed by its script) and start-up (until it answers, asked every 10 ms).
 * Not part of the test suite: enabled by {@code -Dbench.roll=true}; {@code -Dfleet.slowstart} sets
 * HAProxy's slowstart, {@code -Dbench.minReady} the fleet's {@code rollout.minReady}, {@code
 * -Dfleet.nodeNice} a starting node's niceness.
 */
@EnabledIfSystemProperty(named = "bench.roll", matches = "true")
@ExtendWith(PostgresExtension.class)
class RollBench {
  private static final int THREADS = Integer.getInteger("bench.threads", 8);
  private static final int RATE = Integer.getInteger("bench.rate", 100);
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("bench.steady", 30));
  private static final String MIN_READY = System.getProperty("bench.minReady", "0s");

  @Test
  void roll_againstTheSameLoadWithoutAnUpgrade() throws Exception {
    Map<String, Map<String, Long>> phaseAt = new ConcurrentHashMap<>();
    Map<String, List<String>> phases = new ConcurrentHashMap<>();
    Map<String, NodeStartWatch> startWatches = new ConcurrentHashMap<>();
    RollTimeline timeline = new RollTimeline();
    // Only the roll's steps: not those of the install and rehearsal before it.
    AtomicBoolean measuring = new AtomicBoolean();
    try (Fleet fleet = Fleet.create("rolling", "60s", MIN_READY)) {
      RunListener timings =
          new RunListener() {
            @Override
            public void nodeProgress(
                String service, String node, String phase, int done, int total) {
              long now = System.nanoTime();
              long epoch = NodeStartWatch.epochNanos();
              if (phase.startsWith("starting") && Fleet.NODES.contains(node)) {
                startWatches.put(
                    node, NodeStartWatch.start(fleet.statusUri(node), phase.split(" ")[1]));
              }
              phases
                  .computeIfAbsent(node, n -> Collections.synchronizedList(new ArrayList<>()))
                  .add(now + " " + phase);
              phaseAt
                  .computeIfAbsent(node, n -> new ConcurrentHashMap<>())
                  .putIfAbsent(phaseKey(phase), epoch);
              timeline.phase(node, phase, now);
            }

            @Override
            public void stepStarted(Phase phase, int number, int total, String description) {
              if (measuring.get()) {
                timeline.step(description, System.nanoTime());
              }
            }
          };
      try (Deployment deployment =
          Deployment.open(
              fleet.config(),
              new EngineOptions(timings, Progress.NONE, Clock.systemUTC(), CrashPoints.none()))) {
        deployment.upgrade(
            Version.parse("1.0.0"), new UpgradeOptions(null, false, false, Strategy.DOWNTIME));
        assertThat(deployment.rehearse(Version.parse("1.1.0")).forwardCompatible()).isTrue();
        // The load comes from a JVM of its own, warmed up before it is measured.
        LoadProcess steadyLoad = LoadProcess.start(fleet.frontendPort(), THREADS, RATE);
        Thread.sleep(WARM_UP.toMillis());
        long steadyFrom = System.nanoTime();
        Thread.sleep(STEADY.toMillis());
        // A second window of the same load, still with no upgrade: how far this machine's p99
        // moves by itself, the floor under any ratio the roll is measured by.
        long againFrom = System.nanoTime();
        Thread.sleep(STEADY.toMillis());
        LoadResult noUpgrade = steadyLoad.stop();
        LoadResult steady = noUpgrade.since(steadyFrom).before(againFrom);
        LoadResult again = noUpgrade.since(againFrom);

        LoadProcess rollingLoad = LoadProcess.start(fleet.frontendPort(), THREADS, RATE);
        Thread.sleep(WARM_UP.toMillis());
        phaseAt.clear();
        phases.clear();
        measuring.set(true);
        long rollingFrom = System.nanoTime();
        RunReport report;
        LoadResult rolling;
        try {
          report = deployment.upgrade(Version.parse("1.1.0"));
        } finally {
          rolling = rollingLoad.stop().since(rollingFrom);
        }
        long rollingTo = System.nanoTime();
        assertThat(report.status()).as(report.summary()).isEqualTo("succeeded");

        List<String> lines = new ArrayList<>();
        lines.addAll(loadLines(steady, again, rolling, report));
        double bound = 2 * steady.latencyMillis(99);
        lines.addAll(windowLines(timeline, rolling, bound));
        Path chart = Path.of("target", "roll-bench.svg").toAbsolutePath();
        Files.writeString(
            chart,
            RollChart.svg(timeline.spans(rollingFrom, rollingTo), rolling.requests(), bound));
        lines.add("chart: " + chart);
        lines.add("");
        lines.addAll(ownTimeLines(fleet, phaseAt, startWatches));
        lines.add("");
        lines.addAll(phaseLines(phases));
        // Every command Lockstep ran, when and for how long, kept to look into.
        Path commands = Path.of("target", "roll-bench-target.log").toAbsolutePath();
        Files.copy(
            deployment.config().logsDir().resolve("target.log"),
            commands,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        lines.add("commands: " + commands);
        System.out.println(String.join("\n", lines));
      }
    }
  }

  /** The phases a node's time is split by: "installing 1.1.0" is "installing". */
  private static String phaseKey(String phase) {
    if (phase.startsWith("back in rotation, watched")) {
      return "watched";
    }
    if (phase.startsWith("installing") || phase.startsWith("starting")) {
      return phase.split(" ")[0];
    }
    return phase;
  }

  private static List<String> loadLines(
      LoadResult steady, LoadResult again, LoadResult rolling, RunReport report) {
    return List.of(
        "| load ("
            + RATE
            + " requests/s from "
            + THREADS
            + " clients through HAProxy, slowstart "
            + Fleet.SLOWSTART.toMillis()
            + " ms, a starting node's niceness "
            + Fleet.NODE_NICE
            + ", minReady "
            + MIN_READY
            + ") | requests | failed | p50 | p99 |",
        "|---|---|---|---|---|",
        row("no upgrade (" + STEADY.toSeconds() + " s)", steady),
        row("no upgrade, the next " + STEADY.toSeconds() + " s", again),
        row("during the roll (" + report.duration().toSeconds() + " s)", rolling),
        String.format(
            Locale.ROOT,
            "p99 during the roll / steady: %.2f×",
            rolling.latencyMillis(99) / steady.latencyMillis(99)),
        String.format(
            Locale.ROOT,
            "p99 of the next no-upgrade window / steady: %.2f×",
            again.latencyMillis(99) / steady.latencyMillis(99)),
        "");
  }

  private static List<String> windowLines(RollTimeline timeline, LoadResult rolling, double bound) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "| what the roll was doing when a request was sent | requests | over 2× the steady"
                + " p99 (%.0f ms) | slowest |",
            bound));
    lines.add("|---|---|---|---|");
    for (RollTimeline.Window window : timeline.windows(rolling.requests(), bound)) {
      lines.add(windowLine(window.what(), window));
      if (window.what().equals(RollTimeline.BEFORE)) {
        for (RollTimeline.Window step : timeline.beforeFirstNode(rolling.requests(), bound)) {
          lines.add(windowLine("… of which: " + step.what(), step));
        }
      }
    }
    return lines;
  }

  private static String windowLine(String what, RollTimeline.Window window) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %d | %.0f ms |",
        what,
        window.requests(),
        window.slow(),
        window.slowestMillis());
  }

  /**
   * Per api node: Lockstep's time from draining until the balancer has the node up, less what is
   * not Lockstep's: the in-flight wait, the balancer's checks after {@code ready}, the node's own
   * stop, install and start commands (timed by the script), and its start-up from the end of its
   * start command until it first answers (asked every 10 ms).
   */
  private static List<String> ownTimeLines(
      Fleet fleet, Map<String, Map<String, Long>> phaseAt, Map<String, NodeStartWatch> starts)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| node | draining → up in the balancer | in-flight wait | the balancer's checks after"
            + " ready | node.sh stop / install / start | the node's start-up | Lockstep's own | of"
            + " which from the node's answer to `ready` |");
    lines.add("|---|---|---|---|---|---|---|---|");
    for (String node : Fleet.NODES) {
      Map<String, Long> at = phaseAt.get(node);
      long draining = at.get("draining");
      long up = at.getOrDefault("watched", at.get("done"));
      Map<String, Fleet.CommandTiming> commands = new java.util.HashMap<>();
      for (Fleet.CommandTiming timing : fleet.commandTimings(node)) {
        if (timing.beganEpochNanos() >= draining && timing.endedEpochNanos() <= up) {
          commands.putIfAbsent(timing.command(), timing);
        }
      }
      double total = millis(up - draining);
      double inFlight = millis(at.get("drained") - draining);
      double checks = millis(up - at.get("back in rotation"));
      double stop = millis(commands.get("stop").nanos());
      double install = millis(commands.get("install").nanos());
      double start = millis(commands.get("start").nanos());
      // The watch asks every 10 ms, but may itself be late on a busy machine: when Lockstep saw
      // the node ready first, the node answered by then.
      long answered = Math.min(starts.get(node).answeredAtEpochNanos(), at.get("back in rotation"));
      double startUp = millis(answered - commands.get("start").endedEpochNanos());
      double own = total - inFlight - checks - stop - install - start - startUp;
      double noticing = millis(at.get("back in rotation") - answered);
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s%s | %.0f ms | %.0f ms | %.0f ms | %.0f / %.0f / %.0f ms | %.0f ms | %.0f ms |"
                  + " %.0f ms |",
              node,
              node.equals(Fleet.REMOTE_NODE) ? " (SSH)" : "",
              total,
              inFlight,
              checks,
              stop,
              install,
              start,
              startUp,
              own,
              noticing));
    }
    return lines;
  }

  private static List<String> phaseLines(Map<String, List<String>> phases) {
    List<String> lines = new ArrayList<>();
    lines.add("| node | each phase, from the previous one |");
    lines.add("|---|---|");
    for (String node : Fleet.NODES) {
      StringBuilder phaseTimes = new StringBuilder();
      long previous = -1;
      for (String entry : phases.get(node)) {
        long at = Long.parseLong(entry.substring(0, entry.indexOf(' ')));
        phaseTimes.append(
            String.format(
                Locale.ROOT,
                "%s +%.0f ms; ",
                entry.substring(entry.indexOf(' ') + 1),
                previous < 0 ? 0.0 : millis(at - previous)));
        previous = at;
      }
      lines.add("| " + node + " | " + phaseTimes.toString().strip() + " |");
    }
    return lines;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static String row(String label, LoadResult load) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %d | %.1f ms | %.1f ms |",
        label,
        load.sent(),
        load.failures().size(),
        load.latencyMillis(50),
        load.latencyMillis(99));
  }
}
