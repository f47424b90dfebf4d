package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.watch.WatchSummary;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.examples.WatchReleases;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.WatchStatus;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The watch as operators get it, through the jar: a successful {@code lockstep upgrade} starts
 * {@code lockstep watch} in the background; killed with {@code kill -9}, {@code lockstep status}
 * says so, and {@code lockstep watch} started again goes on with the samples it had.
 */
@ExtendWith(PostgresExtension.class)
class WatchJarIT {
  private static final String WATCH =
      """
      watch:
        interval: 250ms
        baseline: 6s
        duration: 25s
        signals:
          - name: memory
            kind: trend
            metrics:
              url: http://127.0.0.1:${NOTES_API_PORT}/metrics
              metric: %s
      """;
  private static final Pattern STARTED = Pattern.compile("in the background \\(process (\\d+)\\)");

  @Test
  void theWatchUpgradeStarts_killedAndStartedAgain_goesOnWithItsSamples() throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(PostgresExtension.server(), "watch_jar", false)) {
      Path releases = sample.folder().resolve("releases");
      WatchReleases.meter(releases, "1.0.0", false);
      WatchReleases.meter(releases, "1.1.0", false);
      TestSamples.compileReleases(sample);
      Files.writeString(
          sample.configFile(),
          Files.readString(sample.configFile())
              .replace("\nbackup:", "\n" + WATCH.formatted(WatchReleases.METRIC) + "\nbackup:"));
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      ProcessHandle background = null;
      try {
        Result installed = lockstep.run("upgrade", "--to", "1.0.0");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(installed.stderr()).doesNotContain("in the background");

        Result upgraded = lockstep.run("upgrade", "--to", "1.1.0");

        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.stderr()).contains("Baseline: sampling memory every 250ms for 6.0s");
        Matcher started = STARTED.matcher(upgraded.stderr());
        assertThat(started.find()).as(upgraded.stderr()).isTrue();
        background = ProcessHandle.of(Long.parseLong(started.group(1))).orElseThrow();
        assertThat(background.info().arguments().orElseThrow())
            .as(
                "the watch unpacks its journal's native library where the Lockstep that started it did")
            .contains("-Dorg.sqlite.tmpdir=" + sample.folder().toAbsolutePath());
        String run = status(sample).lastRun().runId();
        Path log = sample.config().stateDir().resolve("watch").resolve(run + ".log");
        awaitWatched(sample, 12);
        assertThat(log).exists();

        background.destroyForcibly();
        background.onExit().get();
        List<RecordedSample> before = samples(sample, run);
        WatchSummary killed = status(sample).watch();
        assertThat(killed.status()).isEqualTo(WatchStatus.WATCHING);
        assertThat(killed.orphaned()).isTrue();
        assertThat(lockstep.run("status").stdout())
            .contains("its process is gone; `lockstep watch " + run + "` goes on");

        Result again = lockstep.run("watch");

        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.stdout()).contains("Watch of run " + run + ": passed");
        assertThat(again.stderr()).contains("Continued by process");
        assertThat(samples(sample, run)).startsWith(before.toArray(RecordedSample[]::new));
        assertThat(samples(sample, run)).hasSizeGreaterThan(before.size());
      } finally {
        if (background != null) {
          background.destroyForcibly();
        }
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  private static void awaitWatched(SampleDeployment sample, int rounds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String run = status(sample).lastRun().runId();
    while (samples(sample, run).stream().filter(s -> s.series().name().equals("WATCHED")).count()
        < rounds) {
      assertThat(System.nanoTime()).as("the background watch sampled in time").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static List<RecordedSample> samples(SampleDeployment sample, String run) {
    try (Journal journal = Journal.open(sample.config().journalFile())) {
      return journal.watches().samples(run);
    }
  }

  private static StatusReport status(SampleDeployment sample) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      return deployment.status();
    }
  }
}
