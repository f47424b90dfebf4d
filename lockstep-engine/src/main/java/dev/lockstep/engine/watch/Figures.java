package dev.lockstep.engine.watch;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.descriptive.Median;

/** The figures a judgement is made of, and how they read in its reason. */
final class Figures {

  private Figures() {}

  static double[] values(List<Sample> samples) {
    return samples.stream().mapToDouble(Sample::value).toArray();
  }

  static double median(List<Sample> samples) {
    return Median.withDefaults().evaluate(values(samples));
  }

  /**
   * A value with three significant digits, without exponent or trailing zeros, and from a million
   * on with its SI prefix: 0.00123, 1450, 6.42G.
   */
  static String value(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    double size = Math.abs(value);
    if (size >= 1e12) {
      return plain(value / 1e12) + "T";
    }
    if (size >= 1e9) {
      return plain(value / 1e9) + "G";
    }
    if (size >= 1e6) {
      return plain(value / 1e6) + "M";
    }
    return plain(value);
  }

  private static String plain(double value) {
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** A relative change as a signed percentage: +117%, -1.3%. */
  static String percent(double change) {
    return (change >= 0 ? "+" : "-") + value(Math.abs(change) * 100) + "%";
  }

  /** A p-value, to two significant digits: p=0.0003, p<0.0001. */
  static String p(double p) {
    return p < 0.0001 ? "p<0.0001" : "p=" + bound(p);
  }

  /** A p-value bound, to two significant digits: 0.0005, 0.000031. */
  static String bound(double p) {
    return new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /** A confidence level as a percentage with the digits that tell it from 100%: 99.9%, 99.98%. */
  static String confidence(double level) {
    double missing = 100 * (1 - level);
    int digits = 2 + (int) Math.max(0, Math.ceil(-Math.log10(missing)));
    return new BigDecimal(100 * level)
            .round(new MathContext(digits))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  /** A verdict as the last words of a reason: fail, marginal, pass. */
  static String word(SignalVerdict verdict) {
    return verdict == SignalVerdict.NOT_ENOUGH_DATA
        ? "not enough data"
        : verdict.name().toLowerCase(Locale.ROOT);
  }
}
