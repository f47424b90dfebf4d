package dev.lockstep.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Long details in text output: a table row gets an excerpt that fits its line, a paragraph is
 * wrapped under its label. The whole text stays in {@code --output json} and the run's report.
 */
final class Fold {
  private static final String MORE = " …";

  private Fold() {}

  /**
   * The first line of {@code text}, cut to {@code width} characters, marked when anything is cut.
   */
  static String excerpt(String text, int width) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    boolean cut = newline >= 0;
    if (line.length() > width) {
      line = line.substring(0, Math.max(0, width - MORE.length())).stripTrailing();
      cut = true;
    }
    return cut ? line + MORE : line;
  }

  /**
   * {@code text} wrapped at spaces into lines of at most {@code width}, each after {@code indent}.
   */
  static String wrap(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return String.join("\n" + indent, lines);
  }
}
