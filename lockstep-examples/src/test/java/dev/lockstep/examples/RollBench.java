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
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rolling-upgrade benchmark ({@code bench/roll-bench.sh}) on the fleet of the rolling story:
 * the same load through HAProxy with no upgrade and during a roll of 1.0.0 → 1.1.0 (failed
 * requests, p50 and p99, from clients on a JVM of their own), where in the roll its slow requests
 * were sent ({@link RollTimeline}), and the time Lockstep spends per node beyond the node's own
 * stop, install, start and start-up, measured bare on each node just before. Not part of the test
 * suite: enabled by {@code -Dbench.roll=true}; {@code -Dfleet.slowstart} sets HAProxy's slowstart.
 */
@EnabledIfSystemProperty(named = "bench.roll", matches = "true")
@ExtendWith(PostgresExtension.class)
class RollBench {
  private static final int THREADS = Integer.getInteger("bench.threads", 8);
  private static final int RATE = Integer.getInteger("bench.rate", 100);
  private static final int BARE_RESTARTS = 3;
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("bench.steady", 30));
  private static final String MIN_READY = System.getProperty("bench.minReady", "0s");

  @Test
  void roll_againstTheSameLoadWithoutAnUpgrade() throws Exception {
    Map<String, Long> drainingAt = new ConcurrentHashMap<>();
    Map<String, Long> drainedAt = new ConcurrentHashMap<>();
    Map<String, Long> doneAt = new ConcurrentHashMap<>();
    Map<String, Long> rotationAt = new ConcurrentHashMap<>();
    Map<String, Long> upAt = new ConcurrentHashMap<>();
    Map<String, List<String>> phases = new ConcurrentHashMap<>();
    RollTimeline timeline = new RollTimeline();
    RunListener timings =
        new RunListener() {
          @Override
          public void nodeProgress(String service, String node, String phase, int done, int total) {
            long now = System.nanoTime();
            phases
                .computeIfAbsent(
                    node, n -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(now + " " + phase);
            timeline.phase(node, phase, now);
            switch (phase) {
              case "draining" -> drainingAt.put(node, now);
              case "drained" -> drainedAt.put(node, now);
              case "done" -> doneAt.put(node, now);
              case "back in rotation" -> rotationAt.put(node, now);
              default -> {
                if (phase.startsWith("back in rotation, watched")) {
                  upAt.put(node, now);
                }
              }
            }
          }
        };
    try (Fleet fleet = Fleet.create("rolling", "60s", MIN_READY);
        Deployment deployment =
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
      LoadResult steady = steadyLoad.stop().since(steadyFrom);

      // Each api node restarted by hand, out of rotation, under the same load as the roll's.
      LoadProcess byHand = LoadProcess.start(fleet.frontendPort(), THREADS, RATE);
      Map<String, Duration> bare = new java.util.LinkedHashMap<>();
      LoadResult byHandResult;
      try {
        for (String node : Fleet.NODES) {
          // The median of three: a JVM's start varies by a few hundred ms from one to the next.
          List<Duration> restarts = new ArrayList<>();
          for (int i = 0; i < BARE_RESTARTS; i++) {
            restarts.add(fleet.bareRestart(node));
          }
          restarts.sort(null);
          bare.put(node, restarts.get(BARE_RESTARTS / 2));
        }
      } finally {
        byHandResult = byHand.stop();
      }
      assertThat(byHandResult.failures()).as("failed requests while restarting by hand").isEmpty();

      LoadProcess rollingLoad = LoadProcess.start(fleet.frontendPort(), THREADS, RATE);
      Thread.sleep(WARM_UP.toMillis());
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
      lines.add(
          "| load ("
              + RATE
              + " requests/s from "
              + THREADS
              + " clients through HAProxy, slowstart "
              + Fleet.SLOWSTART.toMillis()
              + " ms, minReady "
              + MIN_READY
              + ") | requests | failed | p50 | p99 |");
      lines.add("|---|---|---|---|---|");
      lines.add(row("no upgrade (" + STEADY.toSeconds() + " s)", steady));
      lines.add(row("during the roll (" + report.duration().toSeconds() + " s)", rolling));
      lines.add(
          String.format(
              Locale.ROOT,
              "p99 during the roll / steady: %.2f×",
              rolling.latencyMillis(99) / steady.latencyMillis(99)));
      lines.add("");
      double bound = 2 * steady.latencyMillis(99);
      lines.add(
          String.format(
              Locale.ROOT,
              "| what the roll was doing when a request was sent | requests | over 2× the steady"
                  + " p99 (%.0f ms) | slowest |",
              bound));
      lines.add("|---|---|---|---|");
      for (RollTimeline.Window window : timeline.windows(rolling.requests(), bound)) {
        lines.add(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %d | %.0f ms |",
                window.what(),
                window.requests(),
                window.slow(),
                window.slowestMillis()));
      }
      Path chart = Path.of("target", "roll-bench.svg").toAbsolutePath();
      Files.writeString(
          chart, RollChart.svg(timeline.spans(rollingFrom, rollingTo), rolling.requests(), bound));
      lines.add("chart: " + chart);
      lines.add("");
      lines.add(
          "| node | Lockstep: draining → up in the balancer | in-flight wait | the balancer's"
              + " checks after ready | bare restart under the same load (median of 3) | Lockstep's own |");
      lines.add("|---|---|---|---|---|---|");
      for (String node : Fleet.NODES) {
        // Up in the balancer: done, or watched from then on for rollout.minReady.
        long up = upAt.getOrDefault(node, doneAt.get(node));
        double total = (up - drainingAt.get(node)) / 1e6;
        double drain = (drainedAt.get(node) - drainingAt.get(node)) / 1e6;
        double checks = (up - rotationAt.get(node)) / 1e6;
        double own = total - drain - checks - bare.get(node).toNanos() / 1e6;
        lines.add(
            String.format(
                Locale.ROOT,
                "| %s%s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |",
                node,
                node.equals(Fleet.REMOTE_NODE) ? " (SSH)" : "",
                total,
                drain,
                checks,
                bare.get(node).toNanos() / 1e6,
                own));
      }
      lines.add("");
      lines.add("| node | each phase, from the previous one |");
      lines.add("|---|---|");
      for (String node : Fleet.NODES) {
        List<String> seen = phases.get(node);
        StringBuilder phaseTimes = new StringBuilder();
        long previous = drainingAt.get(node);
        for (String entry : seen) {
          long at = Long.parseLong(entry.substring(0, entry.indexOf(' ')));
          phaseTimes.append(
              String.format(
                  Locale.ROOT,
                  "%s +%.0f ms; ",
                  entry.substring(entry.indexOf(' ') + 1),
                  (at - previous) / 1e6));
          previous = at;
        }
        lines.add("| " + node + " | " + phaseTimes.toString().strip() + " |");
      }
      System.out.println(String.join("\n", lines));
    }
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
