package dev.lockstep.cli.output;

/**
 * The frame every report page shares: one self-contained HTML file whose style is inline, that
 * loads nothing else and runs no script. Everything a page writes goes through {@link #escape}.
 */
final class HtmlPage {
  private HtmlPage() {}

  /** The page up to its body, with the common style followed by each page's own. */
  static StringBuilder open(String title, String... styles) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(STYLE);
    for (String style : styles) {
      html.append(style);
    }
    return html.append("</style>\n</head>\n<body>\n");
  }

  /** The common style sheet. */
  static String style() {
    return STYLE;
  }

  /** Ends the page with a footer saying where it came from. */
  static String close(StringBuilder html, String footer) {
    return html.append("<footer>")
        .append(escape(footer))
        .append(" This file needs nothing else to be read.</footer>\n</body>\n</html>\n")
        .toString();
  }

  static void fact(StringBuilder html, String name, String value) {
    html.append("<dt>")
        .append(escape(name))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>\n");
  }

  static void row(StringBuilder html, String kind, String... cells) {
    html.append("<tr class=\"").append(escape(kind)).append("\">");
    for (String cell : cells) {
      html.append("<td>").append(escape(cell)).append("</td>");
    }
    html.append("</tr>\n");
  }

  /** Text for HTML content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #1f2937; }
      h1 { font-size: 22px; margin-bottom: 4px; }
      h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #e5e7eb; }
      h3 { font-size: 15px; margin: 20px 0 4px; }
      .status { font-size: 13px; padding: 2px 8px; border-radius: 10px; background: #e5e7eb; vertical-align: middle; }
      .summary { font-size: 15px; }
      dl.facts { display: grid; grid-template-columns: 160px 1fr; gap: 2px 12px; }
      dt { color: #6b7280; } dd { margin: 0; }
      table { border-collapse: collapse; width: 100%; margin-top: 8px; }
      th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
      .legend .key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
      .warning { background: #fef3c7; padding: 8px; border-radius: 4px; }
      footer { margin-top: 32px; color: #9ca3af; font-size: 12px; }
      """;
}
