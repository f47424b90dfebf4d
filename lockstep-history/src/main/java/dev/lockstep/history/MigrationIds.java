package dev.lockstep.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Migration ids that are versions ({@code 7}, {@code 2.1}, {@code 20240101120000}) compared as the
 * tools compare them: by number, so that {@code 007}, {@code 7} and, for Flyway, {@code 7.0} are
 * one version. Any other id is compared as text.
 */
final class MigrationIds {
  private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");

  /** Numbers first, in numeric order, then other ids by text. */
  static final Comparator<String> ORDER =
      (a, b) -> {
        Optional<List<BigInteger>> va = version(a);
        Optional<List<BigInteger>> vb = version(b);
        if (va.isPresent() && vb.isPresent()) {
          int byNumber = compare(va.get(), vb.get());
          return byNumber != 0 ? byNumber : a.compareTo(b);
        }
        if (va.isPresent() != vb.isPresent()) {
          return va.isPresent() ? -1 : 1;
        }
        return a.compareTo(b);
      };

  private MigrationIds() {}

  /**
   * The parts of a version: {@code 2.1} and Flyway's file-name spelling {@code 2_1} are [2, 1];
   * trailing zero parts are dropped, as Flyway treats {@code 2.0} and {@code 2} as one version.
   */
  static Optional<List<BigInteger>> version(String id) {
    if (id == null || !VERSION.matcher(id).matches()) {
      return Optional.empty();
    }
    List<BigInteger> parts = new ArrayList<>();
    for (String part : id.split("[._]")) {
      parts.add(new BigInteger(part));
    }
    while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
      parts.remove(parts.size() - 1);
    }
    return Optional.of(parts);
  }

  static int compare(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int order = x.compareTo(y);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** What two ids have in common when they name the same migration. */
  static String key(String id) {
    return version(id).map(MigrationIds::join).orElse(id);
  }

  private static String join(List<BigInteger> parts) {
    StringBuilder text = new StringBuilder();
    for (BigInteger part : parts) {
      if (text.length() > 0) {
        text.append('.');
      }
      text.append(part);
    }
    return text.toString();
  }
}
