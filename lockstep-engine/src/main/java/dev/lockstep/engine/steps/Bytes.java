package dev.lockstep.engine.steps;

import java.util.Locale;

/** Sizes for people: {@code 812 B}, {@code 1.4 MB}. */
public final class Bytes {
  private Bytes() {}

  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
