package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalJudgeTest {

  private static final double RPS = 10;

  private final SignalJudge judge = new SignalJudge();
  private final Simulated sim = new Simulated(42);

  private final List<Sample> errorsBefore = sim.errorRate(start(120), 120, RPS, 0.05);
  private final List<Sample> successBefore = sim.successRatio(start(120), 120, RPS, 0.01);
  private final List<Sample> lagBefore = sim.gauge(start(120), 120, hours -> 10, 3);
  private final List<Sample> memoryBefore = sim.gauge(start(120), 120, hours -> 1000, 20);

  @Test
  void judge_laterInTheWatch_needsASurerTest() {
    List<Sample> doubled = sim.errorRate(Simulated.UPGRADE, 40, RPS, 0.10);

    Judgement first = judge.judge(SignalJudgeDetectionTest.rate(), errorsBefore, doubled, 1);
    Judgement fourth = judge.judge(SignalJudgeDetectionTest.rate(), errorsBefore, doubled, 4);

    assertThat(SignalJudge.failP(4)).isEqualTo(SignalJudge.FAIL_P / 16);
    assertThat(first.numbers().get("pValue")).isEqualTo(fourth.numbers().get("pValue"));
    assertThat(first.reason()).contains("0.0005");
    assertThat(fourth.reason()).contains("0.000031");
    assertThat(Figures.confidence(1 - 2 * SignalJudge.failP(1))).isEqualTo("99.9%");
    assertThat(Figures.confidence(1 - 2 * SignalJudge.failP(3))).isEqualTo("99.99%");
  }

  @Test
  void span_countsBaselineLongWindowsFromTheFirstWatchedSample() {
    Duration window = Duration.ofMinutes(30);
    Instant first = Simulated.UPGRADE;

    assertThat(WatchedSeries.span(first, first, window)).isEqualTo(1);
    assertThat(WatchedSeries.span(first, first.plus(Duration.ofMinutes(29)), window)).isEqualTo(1);
    assertThat(WatchedSeries.span(first, first.plus(Duration.ofMinutes(30)), window)).isEqualTo(2);
    assertThat(WatchedSeries.span(first, first.plus(Duration.ofHours(48)), window)).isEqualTo(97);
    assertThat(WatchedSeries.span(first, first.minusSeconds(5), window)).isEqualTo(1);
  }

  @Test
  void judge_errorRateDoubled_fails() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            errorsBefore,
            sim.errorRate(Simulated.UPGRADE, 40, RPS, 0.10));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(judgement.numbers())
        .containsOnlyKeys("baselineMedian", "watchedMedian", "change", "pValue");
    assertThat(List.copyOf(judgement.numbers().keySet()))
        .containsExactly("baselineMedian", "watchedMedian", "change", "pValue");
    assertThat(judgement.numbers().get("change")).isGreaterThan(0.5);
    assertThat(judgement.numbers().get("pValue")).isLessThan(SignalJudge.FAIL_P);
    assertThat(judgement.reason())
        .startsWith("errors rose from a median of 0.533 to 0.933 (+75%, p<0.0001")
        .contains("< 0.0005, at least +20% counts): fail");
    assertThat(judgement.baselineSamples()).isEqualTo(120);
    assertThat(judgement.watchedSamples()).isEqualTo(40);
  }

  @Test
  void judge_errorRateHalved_passes() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            errorsBefore,
            sim.errorRate(Simulated.UPGRADE, 40, RPS, 0.025));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.PASS);
    assertThat(judgement.reason())
        .contains("fell from a median of")
        .endsWith("no sure rise): pass");
  }

  @Test
  void judge_errorRateSurelyUpButLessThanTheMinimumEffect_isMarginal() {
    SignalConfig tolerant = new SignalConfig("errors", SignalKind.RATE, null, null, 5.0);

    Judgement judgement =
        judge.judge(tolerant, errorsBefore, sim.errorRate(Simulated.UPGRADE, 40, RPS, 0.10));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.MARGINAL);
    assertThat(judgement.reason()).contains("but only +500% or more counts): marginal");
  }

  @Test
  void judge_noErrorsBeforeOrAfter_isNotEnoughData() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            constant(start(120), 120, 0),
            constant(Simulated.UPGRADE, 40, 0));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
    assertThat(judgement.reason()).contains("too little traffic to compare");
  }

  @Test
  void judge_errorsFromNoneBefore_failsWithoutARelativeChange() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            constant(start(120), 120, 0),
            constant(Simulated.UPGRADE, 10, 0.2));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(judgement.numbers()).doesNotContainKey("change");
    assertThat(judgement.reason()).startsWith("errors rose from a median of 0 to 0.2 (p");
  }

  @Test
  void judge_fiveWatchedSamples_isNotEnoughData() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            errorsBefore,
            sim.errorRate(Simulated.UPGRADE, 5, RPS, 0.5));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
    assertThat(judgement.reason())
        .isEqualTo(
            "errors has 120 baseline and 5 watched samples, and needs at least 20 and 6: not"
                + " enough data yet");
  }

  @Test
  void judge_shortBaseline_isNotEnoughData() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.rate(),
            errorsBefore.subList(0, 19),
            sim.errorRate(Simulated.UPGRADE, 40, RPS, 0.5));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
  }

  @Test
  void judge_successRatioDroppedFrom99To95Percent_fails() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.ratio(),
            successBefore,
            sim.successRatio(Simulated.UPGRADE, 40, RPS, 0.05));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(judgement.reason())
        .startsWith("sign-ins fell from a median of 0.99")
        .endsWith("at least -1% counts): fail");
  }

  @Test
  void judge_successRatioImproved_passes() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.ratio(),
            sim.successRatio(start(120), 120, RPS, 0.05),
            sim.successRatio(Simulated.UPGRADE, 40, RPS, 0.01));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.PASS);
  }

  @Test
  void judge_noRequestsAfterTheUpgrade_isNotEnoughData() {
    // A ratio of no requests is 0/0: such samples are left out, not counted as readings.
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.ratio(),
            successBefore,
            constant(Simulated.UPGRADE, 40, Double.NaN));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
    assertThat(judgement.watchedSamples()).isZero();
  }

  @Test
  void judge_everyOperationSucceedingBeforeAndAfter_isNotEnoughData() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.ratio(),
            constant(start(120), 120, 1),
            constant(Simulated.UPGRADE, 40, 1));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
  }

  @Test
  void judge_lagOverItsBound_fails() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.level(),
            lagBefore,
            sim.gauge(Simulated.UPGRADE, 20, hours -> 45, 3));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(judgement.numbers().get("overMax")).isEqualTo(8.0);
    assertThat(judgement.reason())
        .startsWith("lag has a median of 4")
        .contains("over its latest 8 samples, 9.95 before the upgrade")
        .contains("before the upgrade, over its bound of 30 (8 of 8 over it, highest");
  }

  @Test
  void judge_lagSpikingOverItsBoundOnce_isMarginal() {
    List<Sample> watched = new ArrayList<>(sim.gauge(Simulated.UPGRADE, 20, hours -> 10, 3));
    watched.set(17, new Sample(watched.get(17).at(), 50));

    Judgement judgement = judge.judge(SignalJudgeDetectionTest.level(), lagBefore, watched);

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.MARGINAL);
    assertThat(judgement.reason()).contains("under its bound of 30 (1 of 8 over it, highest 50)");
  }

  @Test
  void judge_lagBackUnderItsBound_passesWithoutABaseline() {
    List<Sample> watched = new ArrayList<>(sim.gauge(Simulated.UPGRADE, 10, hours -> 45, 3));
    watched.addAll(sim.gauge(Simulated.at(Simulated.UPGRADE, 9), 8, hours -> 10, 3));

    Judgement judgement = judge.judge(SignalJudgeDetectionTest.level(), List.of(), watched);

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.PASS);
    assertThat(judgement.numbers()).doesNotContainKey("baselineMedian");
  }

  @Test
  void judge_memoryLeakingTenPercentAnHourForTwoHours_fails() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.trend(),
            memoryBefore,
            sim.gauge(Simulated.UPGRADE, 480, hours -> 1000 * (1 + 0.10 * hours), 20));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(List.copyOf(judgement.numbers().keySet()))
        .containsExactly(
            "baselineMedian",
            "watchedMedian",
            "change",
            "pValue",
            "slopePerHour",
            "slopeLow",
            "slopeHigh");
    assertThat(judgement.numbers().get("slopePerHour")).isBetween(90.0, 110.0);
    assertThat(judgement.numbers().get("slopeLow")).isPositive();
    assertThat(judgement.reason())
        .startsWith("memory grew by ")
        .contains("per hour over 480 samples")
        .endsWith("at least 49.9 per hour (+5%/h) counts): fail");
  }

  @Test
  void judge_memoryFlat_passes() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.trend(),
            memoryBefore,
            sim.gauge(Simulated.UPGRADE, 480, hours -> 1000, 20));

    assertThat(judgement.verdict()).isIn(SignalVerdict.PASS, SignalVerdict.MARGINAL);
    assertThat(judgement.numbers().get("slopeLow")).isNegative();
  }

  @Test
  void judge_memoryShrinking_passes() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.trend(),
            memoryBefore,
            sim.gauge(Simulated.UPGRADE, 480, hours -> 1000 * (1 - 0.10 * hours), 20));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.PASS);
    assertThat(judgement.reason()).startsWith("memory shrank by");
  }

  @Test
  void judge_memorySurelyGrowingLessThanTheMinimumEffect_isMarginal() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.trend(),
            memoryBefore,
            sim.gauge(Simulated.UPGRADE, 480, hours -> 1000 * (1 + 0.02 * hours), 2));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.MARGINAL);
    assertThat(judgement.reason())
        .contains("but under the 49.9 per hour (+5%/h) that counts): marginal");
  }

  @Test
  void judge_trendOverLessThanTenMinutes_isNotEnoughData() {
    Judgement judgement =
        judge.judge(
            SignalJudgeDetectionTest.trend(),
            memoryBefore,
            sim.gauge(Simulated.UPGRADE, 39, hours -> 1000 * (1 + 10 * hours), 2));

    assertThat(judgement.verdict()).isEqualTo(SignalVerdict.NOT_ENOUGH_DATA);
  }

  @Test
  void minEffect_defaultsByKindUnlessConfigured() {
    assertThat(SignalJudge.minEffect(SignalJudgeDetectionTest.rate())).isEqualTo(0.20);
    assertThat(SignalJudge.minEffect(SignalJudgeDetectionTest.ratio())).isEqualTo(0.01);
    assertThat(SignalJudge.minEffect(SignalJudgeDetectionTest.trend())).isEqualTo(0.05);
    assertThat(SignalJudge.minEffect(new SignalConfig("e", SignalKind.RATE, null, null, 0.5)))
        .isEqualTo(0.5);
  }

  private static Instant start(int baselineSamples) {
    return Simulated.baselineStart(baselineSamples);
  }

  private static List<Sample> constant(Instant start, int count, double value) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(new Sample(Simulated.at(start, i), value));
    }
    return samples;
  }
}
