package dev.lockstep.engine.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Simulated signals, sampled every 15 seconds (the default interval): the traffic of a service at a
 * number of requests per second, and gauges with gaussian noise. Seeded, so every run reads the
 * same numbers.
 */
final class Simulated {

  static final Duration INTERVAL = Duration.ofSeconds(15);
  static final Instant UPGRADE = Instant.parse("2026-12-07T12:00:00Z");
  static final double SECONDS = INTERVAL.toSeconds();

  private final SplittableRandom random;

  Simulated(long seed) {
    random = new SplittableRandom(seed);
  }

  /** The sample that ends the {@code index}-th interval after {@code start} (0 for the first). */
  static Instant at(Instant start, int index) {
    return start.plus(INTERVAL.multipliedBy(index + 1L));
  }

  /** The start of a baseline of {@code count} samples that ends at the upgrade. */
  static Instant baselineStart(int count) {
    return UPGRADE.minus(INTERVAL.multipliedBy(count));
  }

  /** Failed requests per second over each interval, at {@code rps} requests a second. */
  List<Sample> errorRate(Instant start, int count, double rps, double errorRatio) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(
          new Sample(at(start, i), failures(poisson(random, rps * SECONDS), errorRatio) / SECONDS));
    }
    return samples;
  }

  /** The share of requests that succeeded in each interval. */
  List<Sample> successRatio(Instant start, int count, double rps, double errorRatio) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int requests = poisson(random, rps * SECONDS);
      double ratio =
          requests == 0 ? Double.NaN : 1 - failures(requests, errorRatio) / (double) requests;
      samples.add(new Sample(at(start, i), ratio));
    }
    return samples;
  }

  /** A gauge whose mean at {@code hours} since {@code start} is {@code mean}, with noise. */
  List<Sample> gauge(Instant start, int count, DoubleUnaryOperator mean, double deviation) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = at(start, i);
      double hours = Duration.between(start, at).toMillis() / 3_600_000.0;
      samples.add(new Sample(at, mean.applyAsDouble(hours) + deviation * random.nextGaussian()));
    }
    return samples;
  }

  private int failures(int requests, double errorRatio) {
    int failures = 0;
    for (int r = 0; r < requests; r++) {
      if (random.nextDouble() < errorRatio) {
        failures++;
      }
    }
    return failures;
  }

  /** A Poisson count with mean {@code mean} (Knuth's method: fine for the small means here). */
  static int poisson(RandomGenerator random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
