package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.SampleSeries;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The watch against a real metrics page whose behaviour the test injects: the baseline sampled
 * before the "upgrade", then each regression caught, noise passing, and a watch stopped and started
 * again going on with its samples. Samples every 100 ms, so each case takes seconds.
 */
@Execution(ExecutionMode.CONCURRENT)
class UpgradeWatchTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration BASELINE = Duration.ofMillis(2500);

  @TempDir Path stateDir;

  private final InjectedMetrics product = new InjectedMetrics();
  private final RecordingResponse response = new RecordingResponse();
  private final List<List<Judgement>> responded = response.responded;
  private Journal journal;
  private RunRecord run;

  @BeforeEach
  void upgraded() {
    journal = Journal.open(stateDir.resolve("journal.db"));
    run = journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0");
    journal.finishRun(run.id(), RunStatus.SUCCEEDED, "Upgraded 1.0.0 → 1.1.0.");
    journal.setInstalled("1.1.0", run.id());
    run = journal.run(run.id()).orElseThrow();
  }

  @AfterEach
  void close() {
    product.close();
    journal.close();
  }

  @Test
  void errorRateRising_fails() {
    WatchConfig watch = watch(Duration.ofSeconds(20), errors());
    baseline(watch);
    product.errorsPerSecond(120);

    WatchOutcome outcome = detected(watch);

    assertThat(outcome.status()).isEqualTo(WatchStatus.FAILED);
    assertThat(onlyFailed()).isEqualTo("errors");
    assertThat(outcome.summary()).contains("errors rose from a median of");
  }

  @Test
  void successRatioFalling_fails() {
    WatchConfig watch = watch(Duration.ofSeconds(20), signIns());
    baseline(watch);
    product.failureRatio(0.15);

    WatchOutcome outcome = detected(watch);

    assertThat(outcome.status()).isEqualTo(WatchStatus.FAILED);
    assertThat(onlyFailed()).isEqualTo("sign-ins");
  }

  @Test
  void lagOverItsBound_fails() {
    WatchConfig watch = watch(Duration.ofSeconds(20), lag());
    baseline(watch);
    product.lagSeconds(25);

    WatchOutcome outcome = detected(watch);

    assertThat(outcome.status()).isEqualTo(WatchStatus.FAILED);
    assertThat(onlyFailed()).isEqualTo("lag");
  }

  @Test
  void memoryLeaking_fails() {
    WatchConfig watch = watch(Duration.ofSeconds(30), memory());
    baseline(watch);
    product.leaking(0.01);

    WatchOutcome outcome = detected(watch);

    assertThat(outcome.status()).isEqualTo(WatchStatus.FAILED);
    assertThat(onlyFailed()).isEqualTo("memory");
    assertThat(outcome.judgements().get(0).numbers()).containsKey("slopePerHour");
  }

  @Test
  void noiseAlone_passes_andEveryRoundIsJournaled() {
    WatchConfig watch = watch(Duration.ofSeconds(6), errors(), signIns(), lag(), memory());
    baseline(watch);

    WatchOutcome outcome = watcher(watch).watch(run, WatchListener.NONE);

    assertThat(responded).isEmpty();
    assertThat(outcome.judgements())
        .extracting(Judgement::verdict)
        .doesNotContain(SignalVerdict.FAIL);
    assertThat(outcome.status()).isIn(WatchStatus.PASSED, WatchStatus.INCONCLUSIVE);
    assertThat(journal.watches().watch(run.id()).orElseThrow().status())
        .isEqualTo(outcome.status());
    assertThat(watched("lag")).hasSizeGreaterThan(30);
  }

  @Test
  void aWatchStoppedAndStartedAgain_goesOnWithItsSamples() throws Exception {
    WatchConfig watch = watch(Duration.ofSeconds(4), lag());
    baseline(watch);
    AtomicReference<WatchOutcome> first = new AtomicReference<>();
    Thread watching = new Thread(() -> first.set(watcher(watch).watch(run, WatchListener.NONE)));
    watching.start();
    Thread.sleep(1500);
    watching.interrupt();
    watching.join(5000);
    List<RecordedSample> before = watched("lag");
    assertThat(first.get().status()).isEqualTo(WatchStatus.WATCHING);
    assertThat(before).hasSizeGreaterThan(5);

    List<String> said = new CopyOnWriteArrayList<>();
    WatchOutcome second =
        watcher(watch)
            .watch(
                run,
                new WatchListener() {
                  @Override
                  public void event(String what) {
                    said.add(what);
                  }
                });

    assertThat(second.status()).isIn(WatchStatus.PASSED, WatchStatus.INCONCLUSIVE);
    assertThat(watched("lag")).startsWith(before.toArray(RecordedSample[]::new));
    assertThat(watched("lag")).hasSizeGreaterThan(before.size() + 5);
    assertThat(said).singleElement().asString().startsWith("Continued by process");
    assertThat(journal.watches().events(run.id()))
        .extracting(WatchEvent::what)
        .anyMatch(what -> what.startsWith("Continued by process"));
  }

  @Test
  void aFinishedWatch_isNotStartedAgain() {
    WatchConfig watch = watch(Duration.ofMillis(300), lag());
    watcher(watch).watch(run, WatchListener.NONE);

    assertThatThrownBy(() -> watcher(watch).watch(run, WatchListener.NONE))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("The watch of run " + run.id() + " has ended");
  }

  @Test
  void aRunThatDidNotInstallTheRunningRelease_isRefused() {
    RunRecord later = journal.startRun(RunKind.UPGRADE, "test", "1.1.0", "1.2.0");
    journal.finishRun(later.id(), RunStatus.ROLLED_BACK, "Rolled back.");

    assertThatThrownBy(
            () ->
                watcher(watch(Duration.ofSeconds(1), lag()))
                    .watch(journal.run(later.id()).orElseThrow(), WatchListener.NONE))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("did not install the running release");
  }

  /** Watches from the regression on, printing how long it took to act and on how many samples. */
  private WatchOutcome detected(WatchConfig watch) {
    long started = System.nanoTime();
    WatchOutcome outcome = watcher(watch).watch(run, WatchListener.NONE);
    Judgement judged = outcome.judgements().get(0);
    System.out.printf(
        "watch acted on %s after %d ms, on %d watched samples every %d ms: %s%n",
        judged.signal(),
        (System.nanoTime() - started) / 1_000_000,
        judged.watchedSamples(),
        INTERVAL.toMillis(),
        judged.reason());
    return outcome;
  }

  private String onlyFailed() {
    assertThat(responded).hasSize(1);
    return responded.get(0).stream().map(Judgement::signal).reduce((a, b) -> a + "," + b).get();
  }

  private List<RecordedSample> watched(String signal) {
    return journal.watches().samples(run.id()).stream()
        .filter(s -> s.signal().equals(signal) && s.series() == SampleSeries.WATCHED)
        .toList();
  }

  private void baseline(WatchConfig watch) {
    journal
        .watches()
        .addSamples(
            run.id(),
            new BaselineSampler(SignalReaders::of, Clock.systemUTC(), Pause.REAL)
                .sample(watch, WatchListener.NONE));
  }

  private UpgradeWatch watcher(WatchConfig watch) {
    return new UpgradeWatch(
        journal,
        watch,
        SignalReaders::of,
        new SignalJudge(),
        response,
        Clock.systemUTC(),
        Pause.REAL);
  }

  private static WatchConfig watch(Duration duration, SignalConfig... signals) {
    return new WatchConfig(duration, INTERVAL, BASELINE, null, List.of(signals));
  }

  private SignalConfig errors() {
    return new SignalConfig(
        "errors",
        SignalKind.RATE,
        new SignalSource.Metrics(product.url(), "http_requests_failed_total", Map.of()),
        null,
        null);
  }

  private SignalConfig signIns() {
    return new SignalConfig(
        "sign-ins",
        SignalKind.RATIO,
        new SignalSource.Metrics(product.url(), "signin_success_ratio", Map.of()),
        null,
        null);
  }

  private SignalConfig lag() {
    return new SignalConfig(
        "lag",
        SignalKind.LEVEL,
        new SignalSource.Metrics(product.url(), "ingest_lag_seconds", Map.of("queue", "main")),
        10.0,
        null);
  }

  private SignalConfig memory() {
    return new SignalConfig(
        "memory",
        SignalKind.TREND,
        new SignalSource.Metrics(product.url(), "process_resident_memory_bytes", Map.of()),
        null,
        null);
  }
}
