package dev.lockstep.engine.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.engine.run.StepExecutor;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale run of rolling upgrades ({@code bench/roll-scale.sh}): 10, 100 and 1,000 in-memory
 * nodes in batches of 50, each roll journaled for real (SQLite), reporting Lockstep's time (the
 * nodes themselves take none), the journal's size and the heap the roll needed. Not part of the
 * test suite: enabled by {@code -Dbench.rollScale=true}.
 */
@EnabledIfSystemProperty(named = "bench.rollScale", matches = "true")
class RollScaleBench {
  private static final int BATCH = 50;

  @TempDir Path dir;

  @Test
  void roll_10_100_1000_nodes() throws Exception {
    roll(10, dir.resolve("warm-up")); // loads the classes, so that 10 nodes measure the roll
    List<String> rows = new ArrayList<>();
    rows.add(
        "| nodes | batches | Lockstep's time | per node | journal | heap allocated by the roll |"
            + " heap it keeps |");
    rows.add("|---|---|---|---|---|---|---|");
    for (int nodes : new int[] {10, 100, 1_000}) {
      Result result = roll(nodes, dir.resolve("n" + nodes));
      rows.add(
          String.format(
              java.util.Locale.ROOT,
              "| %,d | %d | %.2f s | %.2f ms | %,d KB | %.1f MB | %.1f MB |",
              nodes,
              result.batches(),
              result.took().toMillis() / 1000.0,
              result.took().toNanos() / 1e6 / nodes,
              result.journalBytes() / 1024,
              result.heapBytes() / 1e6,
              result.keptBytes() / 1e6));
    }
    System.out.println(String.join("\n", rows));
  }

  /**
   * @param heapBytes the most heap in use during the roll above what was in use before it: what it
   *     allocated, garbage included, until the collector ran
   * @param keptBytes the heap still in use after the roll and a collection, above the same start
   */
  private record Result(
      int batches, Duration took, long journalBytes, long heapBytes, long keptBytes) {}

  private Result roll(int nodes, Path stateDir) throws Exception {
    Files.createDirectories(stateDir);
    List<String> names =
        IntStream.rangeClosed(1, nodes).mapToObj(i -> String.format("node-%04d", i)).toList();
    ServiceConfig api =
        new ServiceConfig(
            "api", "api", names, null, null, Map.of(), null, "true", "true", "true", "true");
    DeploymentConfig config =
        DeploymentConfig.builder()
            .environment("scale")
            .stateDir(stateDir)
            .target(new TargetConfig(TargetType.COMMAND, "/bin/sh"))
            .services(Map.of("api", api))
            .balancer(
                new BalancerConfig(
                    BalancerConfig.BalancerType.COMMAND,
                    Duration.ofSeconds(5),
                    Map.of(),
                    null,
                    null,
                    null))
            .rollout(
                new RolloutConfig(
                    RolloutConfig.Strategy.ROLLING,
                    BATCH,
                    null,
                    null,
                    Duration.ofSeconds(5),
                    Duration.ZERO))
            .build();
    InMemoryFleet fleet = new InMemoryFleet();
    fleet.runAll(api, "1.0.0");
    Toolbox tools =
        new Toolbox(config, fleet, null, null, null, RunListener.NONE, Clock.systemUTC(), fleet);
    ReleaseManifest next =
        new ReleaseManifest(
            stateDir.resolve("release.yaml"),
            "scale",
            Version.parse("1.1.0"),
            Map.of(),
            null,
            List.of(),
            null);
    List<Step> steps = new ArrayList<>();
    for (NodeBatch batch : NodeBatches.of(config, BATCH, null)) {
      steps.add(new RollBatchStep(tools, batch, next, true));
    }
    Path journalFile = stateDir.resolve("journal.db");
    Result result;
    try (Journal journal = Journal.open(journalFile)) {
      RunRecord run = journal.startRun(RunKind.UPGRADE, "scale", "1.0.0", "1.1.0");
      HeapWatch heap = HeapWatch.start();
      long started = System.nanoTime();
      StepExecutor.Failure failure =
          new StepExecutor(journal, RunListener.NONE, Clock.systemUTC(), CrashPoints.none())
              .runAll(run.id(), Phase.FORWARD, steps, 1);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      long heapBytes = heap.stop();
      long keptBytes = heap.kept();
      assertThat(failure).isNull();
      for (String node : names) {
        assertThat(fleet.versionOn(node)).isEqualTo("1.1.0");
        assertThat(fleet.rotationOf(node)).isEqualTo("UP");
      }
      result = new Result(steps.size(), took, 0, heapBytes, keptBytes);
    }
    // Once closed, the journal is one file: the write-ahead log is folded into it.
    long bytes = 0;
    try (var files = Files.list(stateDir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("journal.db")).toList()) {
        bytes += Files.size(file);
      }
    }
    return new Result(
        result.batches(), result.took(), bytes, result.heapBytes(), result.keptBytes());
  }

  /** The most heap in use above what was in use when it started, sampled every millisecond. */
  private static final class HeapWatch {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong peak = new AtomicLong();
    private final long base;
    private final Thread thread;

    private HeapWatch(long base) {
      this.base = base;
      this.thread =
          new Thread(
              () -> {
                while (!stop.get()) {
                  peak.accumulateAndGet(used(), Math::max);
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
    }

    static HeapWatch start() {
      System.gc();
      HeapWatch watch = new HeapWatch(used());
      watch.thread.start();
      return watch;
    }

    long stop() throws InterruptedException {
      stop.set(true);
      thread.join();
      peak.accumulateAndGet(used(), Math::max);
      return Math.max(0, peak.get() - base);
    }

    /** The heap in use after a collection, above what was in use at the start. */
    long kept() {
      System.gc();
      return Math.max(0, used() - base);
    }

    private static long used() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }
}
