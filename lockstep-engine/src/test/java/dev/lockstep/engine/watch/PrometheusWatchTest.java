package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.engine.testing.RealPrometheus;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.SampleSeries;
import dev.lockstep.journal.WatchStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Debian's Prometheus scraping the product's metrics page every second: the watch takes its
 * baseline from Prometheus's history before the upgrade (nothing sampled beforehand), then catches
 * the error rate the test raises, through instant queries.
 */
@Execution(ExecutionMode.CONCURRENT)
class PrometheusWatchTest {
  @TempDir Path dir;

  @Test
  void baselineFromHistory_thenARisingErrorRate_fails() throws Exception {
    try (InjectedMetrics product = new InjectedMetrics();
        RealPrometheus prometheus =
            RealPrometheus.scraping(URI.create(product.url()).getAuthority(), dir);
        Journal journal = Journal.open(dir.resolve("journal.db"))) {
      prometheus.awaitScraped("http_requests_failed_total", Duration.ofSeconds(30));
      // Half a minute of history before the upgrade starts.
      Thread.sleep(24_000);
      RunRecord run = journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0");
      journal.finishRun(run.id(), RunStatus.SUCCEEDED, "Upgraded.");
      journal.setInstalled("1.1.0", run.id());
      product.errorsPerSecond(160);
      SignalConfig errors =
          new SignalConfig(
              "errors",
              SignalKind.RATE,
              new SignalSource.Prometheus(
                  prometheus.url().toString(), "sum(rate(http_requests_failed_total[3s]))"),
              null,
              null);
      WatchConfig watch =
          new WatchConfig(
              Duration.ofSeconds(40),
              Duration.ofSeconds(1),
              Duration.ofSeconds(20),
              null,
              List.of(errors));
      RecordingResponse recording = new RecordingResponse();

      WatchOutcome outcome =
          new UpgradeWatch(
                  journal,
                  watch,
                  SignalReaders::of,
                  new SignalJudge(),
                  recording,
                  Clock.systemUTC(),
                  Pause.REAL)
              .watch(journal.run(run.id()).orElseThrow(), WatchListener.NONE);

      List<RecordedSample> baseline =
          journal.watches().samples(run.id()).stream()
              .filter(sample -> sample.series() == SampleSeries.BASELINE)
              .toList();
      assertThat(baseline).hasSizeGreaterThanOrEqualTo(SignalJudge.MIN_BASELINE);
      assertThat(baseline).allMatch(sample -> sample.at().isBefore(run.startedAt().plusMillis(1)));
      assertThat(outcome.status()).isEqualTo(WatchStatus.FAILED);
      assertThat(recording.responded).singleElement().asList().hasSize(1);
      System.out.println("prometheus watch: " + outcome.summary());
    }
  }
}
