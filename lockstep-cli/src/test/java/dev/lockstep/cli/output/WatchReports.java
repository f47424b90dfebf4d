package dev.lockstep.cli.output;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.Sample;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A watch as the engine would fill it, from generated samples: 30 minutes of baseline a minute
 * apart, a 6-minute upgrade, then 6 hours watched. Memory leaks (flat, then growing), errors rise
 * after two hours, the success ratio and the lag stay where they were; a contract migration runs
 * after three hours, so the failing watch can no longer revert by itself.
 */
public final class WatchReports {
  public static final Instant UPGRADE = Instant.parse("2026-12-06T09:30:00Z");
  public static final Instant STARTED = UPGRADE.plus(Duration.ofMinutes(6));
  public static final Instant CONTRACT = STARTED.plus(Duration.ofHours(3));
  public static final int BASELINE_SAMPLES = 30;
  public static final int WATCHED_SAMPLES = 361;

  private WatchReports() {}

  public static WatchReport leakAndErrors() {
    Random noise = new Random(13);
    List<SignalTrace> traces =
        List.of(
            trace(
                signal("errors", SignalKind.RATE, prometheus(), null),
                hours -> 0.20 + 0.03 * gaussian(noise),
                hours ->
                    0.20 + (hours > 2 ? 0.25 * Math.min(1, hours - 2) : 0) + 0.03 * gaussian(noise),
                new Judgement(
                    "errors",
                    SignalKind.RATE,
                    SignalVerdict.FAIL,
                    "errors rose from a median of 0.20/s to 0.45/s (+125%), p < 0.001",
                    numbers(
                        "baselineMedian",
                        0.20,
                        "watchedMedian",
                        0.45,
                        "change",
                        1.25,
                        "pValue",
                        0.0004),
                    BASELINE_SAMPLES,
                    WATCHED_SAMPLES)),
            trace(
                signal("sign-in success", SignalKind.RATIO, metrics(), null),
                hours -> 0.995 + 0.002 * gaussian(noise),
                hours -> 0.995 + 0.002 * gaussian(noise),
                new Judgement(
                    "sign-in success",
                    SignalKind.RATIO,
                    SignalVerdict.PASS,
                    "the success ratio stayed at a median of 99.5%",
                    numbers(
                        "baselineMedian",
                        0.995,
                        "watchedMedian",
                        0.9951,
                        "change",
                        0.0001,
                        "pValue",
                        0.61),
                    BASELINE_SAMPLES,
                    WATCHED_SAMPLES)),
            trace(
                signal("ingestion lag", SignalKind.LEVEL, json(), 30.0),
                hours -> 3 + Math.abs(gaussian(noise)),
                hours -> 3 + Math.abs(gaussian(noise)) + (hours > 1 && hours < 1.3 ? 12 : 0),
                new Judgement(
                    "ingestion lag",
                    SignalKind.LEVEL,
                    SignalVerdict.PASS,
                    "the lag stayed under its bound of 30 (highest 16.2)",
                    numbers("watchedMax", 16.2, "bound", 30.0),
                    BASELINE_SAMPLES,
                    WATCHED_SAMPLES)),
            trace(
                signal("memory", SignalKind.TREND, prometheus(), null),
                hours -> 512e6 + 4e6 * gaussian(noise),
                hours -> 512e6 + 40e6 * hours + 4e6 * gaussian(noise),
                new Judgement(
                    "memory",
                    SignalKind.TREND,
                    SignalVerdict.FAIL,
                    "memory grows 40M an hour since the upgrade (7.8% of the baseline an hour),"
                        + " flat before it",
                    numbers("baselineMedian", 512e6, "slopePerHour", 40e6, "pValue", 0.0001),
                    BASELINE_SAMPLES,
                    WATCHED_SAMPLES)));
    return new WatchReport(
        "watch-7",
        "run-42",
        "2.3.1",
        "2.3.0",
        STARTED,
        STARTED.plus(Duration.ofHours(48)),
        Optional.of(STARTED.plus(Duration.ofHours(6))),
        WatchStatus.FAILED,
        traces,
        List.of(
            new WatchEvent(
                STARTED.plus(Duration.ofMinutes(150)), "notice sent to #ops: errors marginal"),
            new WatchEvent(
                CONTRACT,
                "a contract migration ran (V12 drop users.legacy_id): a rollback now means a restore"),
            new WatchEvent(
                STARTED.plus(Duration.ofMinutes(250)),
                "errors and memory failed; no auto-revert: a rollback now means a restore, an operator"
                    + " decides"),
            new WatchEvent(STARTED.plus(Duration.ofHours(6)), "watch ended: failed")),
        Optional.of(CONTRACT));
  }

  static SignalConfig signal(String name, SignalKind kind, SignalSource source, Double max) {
    return new SignalConfig(name, kind, source, max, null);
  }

  static SignalSource prometheus() {
    return new SignalSource.Prometheus(
        "https://ops:hunter2@prometheus.internal:9090/api/secret-tenant?token=s3cr3t", "up");
  }

  static SignalSource metrics() {
    return new SignalSource.Metrics(
        "http://10.0.0.7:8080/metrics/k3y-in-path", "signin_success_ratio", Map.of());
  }

  static SignalSource json() {
    return new SignalSource.Json("http://ingest.internal/status?auth=t0ken", "$.queue.lagSeconds");
  }

  private static SignalTrace trace(
      SignalConfig signal,
      DoubleUnaryOperator before,
      DoubleUnaryOperator after,
      Judgement judgement) {
    List<Sample> baseline = new ArrayList<>();
    for (int i = BASELINE_SAMPLES; i > 0; i--) {
      baseline.add(
          new Sample(UPGRADE.minus(Duration.ofMinutes(i)), before.applyAsDouble(-i / 60.0)));
    }
    List<Sample> watched = new ArrayList<>();
    for (int i = 0; i < WATCHED_SAMPLES; i++) {
      watched.add(new Sample(STARTED.plus(Duration.ofMinutes(i)), after.applyAsDouble(i / 60.0)));
    }
    return new SignalTrace(signal, baseline, watched, judgement);
  }

  private static double gaussian(Random noise) {
    return Math.max(-2.5, Math.min(2.5, noise.nextGaussian()));
  }

  private static Map<String, Double> numbers(Object... pairs) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      numbers.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return numbers;
  }
}
