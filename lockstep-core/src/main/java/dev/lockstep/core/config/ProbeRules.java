package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks shared by the sections that ask the product something before an upgrade (clients,
 * extensions): an http(s) URL, a JSON path to one value, a policy. A URL is quoted by its host
 * only: its path or query may hold a token.
 */
final class ProbeRules {
  private final ProblemCollector problems;

  ProbeRules(ProblemCollector problems) {
    this.problems = problems;
  }

  String url(String url, String field, String what) {
    if (url == null) {
      problems.add(field, "is required but missing.", "give the full URL of " + what + ".");
      return null;
    }
    try {
      URI uri = new URI(url);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null) {
        problems.add(
            field,
            "is not an http(s) URL (it starts '" + prefix(url) + "').",
            "write http://host:port/path.");
      }
    } catch (URISyntaxException e) {
      problems.add(field, "is not a URL: " + e.getReason() + ".", "fix the URL.");
    }
    return url;
  }

  String path(String path, String field, String example) {
    if (path == null) {
      problems.add(field, "is required but missing.", "give the JSON path, e.g. " + example + ".");
    } else if (JsonPathPointer.of(path).isEmpty()) {
      problems.add(
          field,
          "'" + path + "' is not a JSON path to one value.",
          "start it at the document's root and name each step, e.g. " + example + ".");
    }
    return path;
  }

  GatePolicy policy(String text, String field) {
    if (text == null) {
      return GatePolicy.BLOCK;
    }
    try {
      return GatePolicy.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          field,
          "'" + text + "' is not a policy.",
          "write policy: block (refuse the upgrade, the default) or policy: warn (say so and go"
              + " on).");
      return GatePolicy.BLOCK;
    }
  }

  /** The scheme, or the first few characters: enough to see the mistake, too few for a token. */
  private static String prefix(String url) {
    int colon = url.indexOf(':');
    return colon > 0 && colon < 12
        ? url.substring(0, colon + 1)
        : url.substring(0, Math.min(4, url.length())) + "…";
  }
}
