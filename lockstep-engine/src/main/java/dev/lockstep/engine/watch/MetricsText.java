package dev.lockstep.engine.watch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metrics page in the Prometheus text format (0.0.4) or in OpenMetrics text (1.0.0), read
 * strictly: a line that is in neither is an error naming its number, not a line skipped. The
 * official Java client ships only writers of these formats, so the page is read here; the tests
 * hold it to the official Python client's parsers, the formats' reference.
 */
final class MetricsText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern MILLIS = Pattern.compile("-?[0-9]+");
  private static final Set<String> PROMETHEUS_TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final Set<String> OPENMETRICS_TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "gaugehistogram",
          "stateset",
          "info",
          "summary",
          "unknown");

  /**
   * The suffixes of a family's samples, by the family's type; a summary's quantiles have none.
   * Families of the types not here have one sample name, the family's.
   */
  private static final Map<String, List<String>> SUFFIXES =
      Map.of(
          "counter", List.of("_total", "_created"),
          "histogram", List.of("_bucket", "_count", "_sum", "_created"),
          "summary", List.of("", "_count", "_sum", "_created"),
          "gaugehistogram", List.of("_bucket", "_gcount", "_gsum"),
          "info", List.of("_info"));

  /** Which of the two formats a page is in. */
  enum Format {
    /** {@code text/plain; version=0.0.4}. */
    PROMETHEUS,
    /** {@code application/openmetrics-text; version=1.0.0}. */
    OPENMETRICS;

    /** The format a {@code Content-Type} names; the Prometheus text format when it names none. */
    static Format of(String contentType) {
      return contentType != null
              && contentType.toLowerCase(Locale.ROOT).startsWith("application/openmetrics-text")
          ? OPENMETRICS
          : PROMETHEUS;
    }
  }

  private MetricsText() {}

  /**
   * Reads {@code text} in {@code format}.
   *
   * @throws IllegalArgumentException naming the first line that is not in the format, and why
   */
  static MetricsPage parse(String text, Format format) {
    return new Parser(format).parse(text);
  }

  private static final class Parser {
    private final boolean open;
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final Map<String, MetricsPage.Family> families = new LinkedHashMap<>();
    private final List<MetricsPage.Series> series = new ArrayList<>();
    private int number;

    Parser(Format format) {
      this.open = format == Format.OPENMETRICS;
    }

    MetricsPage parse(String text) {
      String[] lines = text.split("\n", -1);
      // A page ends with a newline: the text after the last one is empty.
      int count = lines.length - 1;
      if (!lines[count].isEmpty()) {
        number = count + 1;
        throw error("the page does not end with a newline");
      }
      boolean ended = false;
      for (int i = 0; i < count; i++) {
        number = i + 1;
        String line = lines[i];
        if (ended) {
          throw error("a line after # EOF");
        }
        if (line.equals("# EOF") && open) {
          ended = true;
        } else if (line.startsWith("#")) {
          comment(line);
        } else if (line.isBlank()) {
          if (open) {
            throw error("an empty line (OpenMetrics has none)");
          }
        } else {
          sample(line);
        }
      }
      if (open && !ended) {
        throw error("no # EOF at the end (an OpenMetrics page ends with it)");
      }
      for (Map.Entry<String, String> type : types.entrySet()) {
        families.putIfAbsent(type.getKey(), family(type.getKey()));
      }
      return new MetricsPage(families, series);
    }

    private void comment(String line) {
      String[] words = line.split(" ", 4);
      boolean meta = words.length >= 3 && words[0].equals("#");
      if (meta && words[1].equals("HELP")) {
        name(words[2]);
        String help = words.length == 4 ? unescape(words[3], false) : "";
        if (helps.put(words[2], help) != null) {
          throw error("a second HELP of " + words[2]);
        }
      } else if (meta && words[1].equals("TYPE") && words.length == 4) {
        name(words[2]);
        if (!(open ? OPENMETRICS_TYPES : PROMETHEUS_TYPES).contains(words[3])) {
          throw error("'" + words[3] + "' is not a metric type");
        }
        if (types.put(words[2], words[3]) != null) {
          throw error("a second TYPE of " + words[2]);
        }
      } else if (meta && words[1].equals("UNIT") && open) {
        name(words[2]);
      } else if (open) {
        throw error("'" + line + "' is not a HELP, TYPE, UNIT or EOF line");
      }
      // In the Prometheus text format any other line starting with # is a comment.
    }

    private void sample(String line) {
      Matcher name = NAME.matcher(line);
      if (!name.lookingAt()) {
        throw error("no metric name at the start of '" + line + "'");
      }
      int at = name.end();
      Map<String, String> labels = new LinkedHashMap<>();
      if (at < line.length() && line.charAt(at) == '{') {
        at = labels(line, at + 1, labels);
      }
      String rest = line.substring(at);
      int exemplar = rest.indexOf(" # ");
      if (open && exemplar >= 0) {
        rest = rest.substring(0, exemplar);
      }
      if (!rest.startsWith(" ") && (open || !rest.startsWith("\t"))) {
        throw error("no space between the name or labels and the value: '" + line + "'");
      }
      if (open && rest.contains("  ")) {
        throw error("two spaces in a row (OpenMetrics has one between fields)");
      }
      List<String> words =
          Arrays.stream(rest.strip().split("[ \t]+")).filter(w -> !w.isEmpty()).toList();
      if (words.isEmpty() || words.size() > 2) {
        throw error(
            "a sample is a name, labels, a value and an optional timestamp: '" + line + "'");
      }
      double value = value(words.get(0));
      if (words.size() == 2 && !(open ? FLOAT : MILLIS).matcher(words.get(1)).matches()) {
        throw error("'" + words.get(1) + "' is not a timestamp");
      }
      String sampleName = name.group();
      series.add(new MetricsPage.Series(sampleName, labels, value, familyOf(sampleName)));
    }

    private int labels(String line, int at, Map<String, String> labels) {
      while (true) {
        at = spaces(line, at);
        if (at < line.length() && line.charAt(at) == '}') {
          if (open && !labels.isEmpty() && line.charAt(at - 1) == ',') {
            throw error("a comma before } (OpenMetrics has none)");
          }
          return at + 1;
        }
        Matcher label = LABEL.matcher(line).region(at, line.length());
        if (!label.lookingAt()) {
          throw error("no label name at column " + (at + 1));
        }
        at = spaces(line, label.end());
        int quote = line.startsWith("=", at) ? spaces(line, at + 1) : at;
        if (quote == at || !line.startsWith("\"", quote)) {
          throw error("no =\" after label " + label.group());
        }
        StringBuilder value = new StringBuilder();
        at = quote + 1;
        while (true) {
          if (at >= line.length()) {
            throw error("the value of label " + label.group() + " has no closing quote");
          }
          char c = line.charAt(at++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            value.append(escaped(at < line.length() ? line.charAt(at++) : ' ', true));
          } else {
            value.append(c);
          }
        }
        if (labels.put(label.group(), value.toString()) != null) {
          throw error("label " + label.group() + " twice");
        }
        at = spaces(line, at);
        if (at < line.length() && line.charAt(at) == ',') {
          at++;
        } else if (at >= line.length() || line.charAt(at) != '}') {
          throw error("no , or } after the value of label " + label.group());
        }
      }
    }

    private int spaces(String line, int at) {
      while (!open && at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
        at++;
      }
      return at;
    }

    private double value(String word) {
      switch (word) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
        case "Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          if (!FLOAT.matcher(word).matches()) {
            throw error("'" + word + "' is not a number");
          }
          return Double.parseDouble(word);
      }
    }

    private String unescape(String text, boolean quotes) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          out.append(escaped(i + 1 < text.length() ? text.charAt(++i) : ' ', quotes));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** The character {@code \c} stands for: a backslash, a newline, or a quote where one may be. */
    private char escaped(char c, boolean quotes) {
      if (c == '\\') {
        return '\\';
      }
      if (c == 'n') {
        return '\n';
      }
      if (c == '"' && (quotes || open)) {
        return '"';
      }
      throw error("\\" + c + " is not an escape (only \\\\, \\n and \\\" are)");
    }

    private void name(String name) {
      if (!NAME.matcher(name).matches()) {
        throw error("'" + name + "' is not a metric name");
      }
    }

    private MetricsPage.Family familyOf(String sampleName) {
      if (types.containsKey(sampleName) || helps.containsKey(sampleName)) {
        MetricsPage.Family family = families.computeIfAbsent(sampleName, this::family);
        if (open && !SUFFIXES.getOrDefault(family.type(), List.of("")).contains("")) {
          throw error(
              "sample "
                  + sampleName
                  + " of a "
                  + family.type()
                  + " has none of the suffixes "
                  + SUFFIXES.get(family.type()));
        }
        return family;
      }
      for (Map.Entry<String, String> type : types.entrySet()) {
        for (String suffix : SUFFIXES.getOrDefault(type.getValue(), List.of())) {
          if (sampleName.equals(type.getKey() + suffix)) {
            return families.computeIfAbsent(type.getKey(), this::family);
          }
        }
      }
      return families.computeIfAbsent(sampleName, this::family);
    }

    private MetricsPage.Family family(String name) {
      return new MetricsPage.Family(
          name,
          types.getOrDefault(name, open ? "unknown" : "untyped"),
          helps.getOrDefault(name, ""));
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("line " + number + ": " + what);
    }
  }
}
