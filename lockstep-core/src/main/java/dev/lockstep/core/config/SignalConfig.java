package dev.lockstep.core.config;

/**
 * One signal watched after an upgrade and judged against its baseline.
 *
 * @param name the signal's name in reports, unique in the config
 * @param kind what "worse" means for it
 * @param source where its value is read
 * @param max for a {@link SignalKind#LEVEL level}, the bound it must stay under; null otherwise
 * @param minEffect the smallest change that counts as worse, relative to the baseline (0.2 is a 20%
 *     rise of a rate, a 20% fall of a ratio, a growth of 20% of the baseline level per hour for a
 *     trend); null for the kind's default. Smaller changes are noise, however sure the test is.
 */
public record SignalConfig(
    String name, SignalKind kind, SignalSource source, Double max, Double minEffect) {}
