package dev.lockstep.engine.watch;

import dev.lockstep.engine.watch.MetricsText.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random metrics page that follows its format's rules, for reading with two parsers:
 * families of every common type, label values holding every character that needs escaping and some
 * outside ASCII, HELP texts with escapes, values written every way the formats allow, timestamps on
 * some families, comments and blank lines in the Prometheus text format, exemplars in OpenMetrics.
 */
final class RandomMetricsPage {
  private static final String[] LABEL_CHARACTERS = {
    "a", "Z", "0", "_", " ", "\t", ",", "=", "{", "}", "#", "\\", "\"", "\n", "é", "日", "😀", "\\n"
  };
  private static final String[] HELP_CHARACTERS = {"x", "Y", "7", " ", "\\", "\n", "\"", "ß", "{"};
  private static final String[] PROMETHEUS_TYPES = {
    "counter", "gauge", "untyped", "summary", "histogram"
  };
  private static final String[] OPENMETRICS_TYPES = {
    "counter", "gauge", "unknown", "info", "summary", "histogram"
  };

  private final Random random;
  private final boolean open;
  private final StringBuilder page = new StringBuilder();

  private RandomMetricsPage(long seed, Format format) {
    this.random = new Random(seed);
    this.open = format == Format.OPENMETRICS;
  }

  /** The page for {@code seed}, the same every time. */
  static String of(long seed, Format format) {
    return new RandomMetricsPage(seed, format).write();
  }

  private String write() {
    int families = 1 + random.nextInt(6);
    for (int i = 0; i < families; i++) {
      family("m" + i + "_" + word("abcxyz_:019", 6));
    }
    if (open) {
      page.append("# EOF\n");
    }
    return page.toString();
  }

  private void family(String base) {
    String type = pick(open ? OPENMETRICS_TYPES : PROMETHEUS_TYPES);
    // A Prometheus counter is named with its _total; an OpenMetrics family is named without it.
    String name = !open && type.equals("counter") ? base + "_total" : base;
    if (!open && random.nextInt(4) == 0) {
      page.append("# a comment, not ").append(name).append("'s HELP\n");
    }
    if (random.nextBoolean()) {
      page.append("# HELP ").append(name).append(' ').append(help()).append('\n');
    }
    if (!type.equals("untyped") || random.nextBoolean()) {
      page.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
    String timestamp = random.nextInt(3) == 0 ? " " + timestamp() : "";
    int labelSets = 1 + random.nextInt(3);
    for (int i = 0; i < labelSets; i++) {
      String labels = labels(i);
      switch (type) {
        case "counter" -> counter(name, labels, timestamp);
        case "summary" -> summary(name, labels, timestamp);
        case "histogram" -> histogram(name, labels, timestamp);
        case "info" -> sample(name + "_info", labels, "1", timestamp);
        default -> sample(name, labels, anyValue(), timestamp);
      }
    }
    if (!open && random.nextInt(4) == 0) {
      page.append(random.nextBoolean() ? "\n" : "  \n");
    }
  }

  private void counter(String name, String labels, String timestamp) {
    if (!open) {
      sample(name, labels, count(), timestamp);
      return;
    }
    String exemplar = random.nextInt(3) == 0 ? exemplar() : "";
    sample(name + "_total", labels, count(), timestamp + exemplar);
    if (random.nextBoolean()) {
      sample(name + "_created", labels, "1700000000.5", timestamp);
    }
  }

  private void summary(String name, String labels, String timestamp) {
    for (String quantile : List.of("0.5", "0.9", "0.99")) {
      sample(name, withLabel(labels, "quantile", quantile), count(), timestamp);
    }
    sample(name + "_count", labels, Integer.toString(random.nextInt(1000)), timestamp);
    sample(name + "_sum", labels, count(), timestamp);
  }

  private void histogram(String name, String labels, String timestamp) {
    long cumulative = 0;
    for (String bound : List.of("0.005", "0.1", "1.0", "2.5e1", "+Inf")) {
      cumulative += random.nextInt(50);
      String exemplar = open && random.nextInt(5) == 0 ? exemplar() : "";
      String bucket = withLabel(labels, "le", bound);
      sample(name + "_bucket", bucket, Long.toString(cumulative), timestamp + exemplar);
    }
    sample(name + "_count", labels, Long.toString(cumulative), timestamp);
    sample(name + "_sum", labels, count(), timestamp);
  }

  /**
   * @param after what follows the value: a space and a timestamp, an exemplar, both or nothing
   */
  private void sample(String name, String labels, String value, String after) {
    page.append(name).append(labels).append(' ').append(value).append(after).append('\n');
  }

  /** The {@code index}-th label set of a family: empty, or one to three labels. */
  private String labels(int index) {
    int count = index == 0 && random.nextBoolean() ? 0 : 1 + random.nextInt(3);
    if (count == 0) {
      return random.nextBoolean() ? "" : "{}";
    }
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Numbered so no label is written twice; le and quantile are the types' own. The first
      // value starts with the set's index, so no two sets are the same.
      String label = pick(new String[] {"l", "L", "_l", "route"}) + i + word("ab_9", 3);
      String value = (i == 0 ? Integer.toString(index) : "") + word(LABEL_CHARACTERS, 8);
      pairs.add(label + "=\"" + escaped(value, true) + "\"");
    }
    String trailing = !open && random.nextInt(4) == 0 ? "," : "";
    return "{" + String.join(",", pairs) + trailing + "}";
  }

  private static String withLabel(String labels, String name, String value) {
    String pair = name + "=\"" + value + "\"";
    if (labels.isEmpty() || labels.equals("{}")) {
      return "{" + pair + "}";
    }
    String inside = labels.substring(1, labels.length() - 1);
    return "{" + inside + (inside.endsWith(",") ? "" : ",") + pair + "}";
  }

  private String help() {
    // Neither parser keeps a HELP text's spaces at its ends the same way; the formats say nothing.
    return "h" + escaped(word(HELP_CHARACTERS, 10), open) + "h";
  }

  private static String escaped(String text, boolean quotes) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quotes ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A value of a gauge or an unknown family, written any of the ways the formats allow. */
  private String anyValue() {
    return switch (random.nextInt(9)) {
      case 0 -> "NaN";
      case 1 -> "+Inf";
      case 2 -> "-Inf";
      case 3 -> "-" + count();
      case 4 -> random.nextInt(100) + "." + random.nextInt(1000) + "e-" + random.nextInt(20);
      case 5 -> (1 + random.nextInt(9)) + "E+" + random.nextInt(300);
      case 6 -> "." + random.nextInt(100);
      default -> count();
    };
  }

  /** A value that is never negative, as counters, sums and quantiles are. */
  private String count() {
    return switch (random.nextInt(4)) {
      case 0 -> Integer.toString(random.nextInt(1_000_000));
      case 1 -> random.nextInt(10_000) + "." + random.nextInt(100);
      case 2 -> Long.toString(random.nextLong() >>> 14);
      default -> random.nextInt(10) + "." + random.nextInt(1000) + "e" + random.nextInt(30);
    };
  }

  private String exemplar() {
    return " # {trace_id=\"" + word("0123456789abcdef", 16) + "\"} " + count();
  }

  /** Milliseconds in the Prometheus text format, seconds in OpenMetrics. */
  private String timestamp() {
    long seconds = 1_600_000_000L + random.nextInt(100_000_000);
    if (!open) {
      return Long.toString(seconds * 1000 + random.nextInt(1000));
    }
    return random.nextBoolean() ? Long.toString(seconds) : seconds + "." + random.nextInt(1000);
  }

  private String word(String characters, int longest) {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(longest);
    for (int i = 0; i < length; i++) {
      out.append(characters.charAt(random.nextInt(characters.length())));
    }
    return out.toString();
  }

  private String word(String[] characters, int longest) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(longest + 1);
    for (int i = 0; i < length; i++) {
      out.append(pick(characters));
    }
    return out.toString();
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }
}
