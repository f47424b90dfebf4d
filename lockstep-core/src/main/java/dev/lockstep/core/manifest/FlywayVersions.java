package dev.lockstep.core.manifest;

import dev.lockstep.core.yaml.ProblemCollector;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flyway's versions as Flyway compares them: {@code 1}, {@code 1.0} and {@code 01} are one version.
 * Two migrations with one version make Flyway refuse the whole release when it migrates, with the
 * services already stopped; the manifest is refused instead.
 */
final class FlywayVersions {
  private FlywayVersions() {}

  /**
   * Records a problem for every script whose version an earlier script already has.
   *
   * @param fields the field of each script, in the same order
   */
  static void refuseDuplicates(
      List<MigrationScript> scripts, List<String> fields, Path dir, ProblemCollector problems) {
    Map<List<BigInteger>, Integer> first = new HashMap<>();
    for (int i = 0; i < scripts.size(); i++) {
      MigrationScript script = scripts.get(i);
      Integer earlier = first.putIfAbsent(key(script.version()), i);
      if (earlier == null) {
        continue;
      }
      MigrationScript other = scripts.get(earlier);
      problems.add(
          fields.get(i),
          dir.relativize(script.file())
              + " has Flyway version "
              + script.version()
              + ", as "
              + dir.relativize(other.file())
              + " ("
              + fields.get(earlier)
              + ") does; Flyway applies one migration per version and refuses the release.",
          "give each migration its own version: keep the released one and rename "
              + script.file().getFileName()
              + " to a version no other migration has, e.g. after the last one.");
    }
  }

  /**
   * Records a problem for every migration applied before the rollout whose version is higher than
   * one held back until after it: Flyway applies in version order, so the held-back one could not
   * wait.
   */
  static void refuseEarlierThanRollout(
      List<MigrationScript> scripts, List<String> fields, ProblemCollector problems) {
    for (int held = 0; held < scripts.size(); held++) {
      if (!scripts.get(held).afterRollout()) {
        continue;
      }
      for (int i = 0; i < scripts.size(); i++) {
        MigrationScript before = scripts.get(i);
        if (!before.afterRollout() && compare(before.version(), scripts.get(held).version()) > 0) {
          problems.add(
              fields.get(i),
              "V"
                  + before.version()
                  + " runs before the rollout but has a higher version than V"
                  + scripts.get(held).version()
                  + " ("
                  + fields.get(held)
                  + "), which waits until after it; Flyway applies migrations in version order.",
              "give the migrations held back with afterRollout: true the highest versions of the"
                  + " release.");
        }
      }
    }
  }

  /** Flyway's order of two versions. */
  static int compare(String left, String right) {
    List<BigInteger> a = key(left);
    List<BigInteger> b = key(right);
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

  /** The version's numbers without trailing zeros, which Flyway ignores. */
  static List<BigInteger> key(String version) {
    List<BigInteger> parts = new ArrayList<>();
    for (String part : version.split("\\.")) {
      parts.add(part.isEmpty() ? BigInteger.ZERO : new BigInteger(part));
    }
    while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }
}
