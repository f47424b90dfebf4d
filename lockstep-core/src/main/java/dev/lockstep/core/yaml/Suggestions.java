package dev.lockstep.core.yaml;

import java.util.Comparator;
import java.util.List;

/** Turns a misspelt name into "did you mean …?" advice. */
public final class Suggestions {
  private Suggestions() {}

  public static String forField(String given, List<String> known) {
    String closest = closest(given, known);
    String list = "Known fields here: " + String.join(", ", known) + ".";
    return closest == null ? "remove it. " + list : "did you mean '" + closest + "'? " + list;
  }

  /** The known name within a third of its length in edits of {@code given}, if any. */
  public static String closest(String given, List<String> known) {
    return known.stream()
        .filter(candidate -> distance(given, candidate) <= Math.max(2, candidate.length() / 3))
        .min(Comparator.comparingInt(candidate -> distance(given, candidate)))
        .orElse(null);
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
