package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalKind;
import java.util.Map;

/**
 * A signal judged against its baseline, with the numbers behind the verdict.
 *
 * @param signal the signal's name
 * @param kind what "worse" means for it
 * @param verdict the verdict
 * @param reason one sentence a person reads: what was compared, and what came out
 * @param numbers the figures behind the verdict, by name (for example {@code baselineMedian},
 *     {@code watchedMedian}, {@code change}, {@code pValue}, {@code slopePerHour}), in the order
 *     they are best read
 * @param baselineSamples how many baseline samples were compared
 * @param watchedSamples how many samples since the upgrade were compared
 */
public record Judgement(
    String signal,
    SignalKind kind,
    SignalVerdict verdict,
    String reason,
    Map<String, Double> numbers,
    int baselineSamples,
    int watchedSamples) {}
