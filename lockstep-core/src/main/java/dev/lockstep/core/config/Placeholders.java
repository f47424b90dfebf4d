package dev.lockstep.core.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-brace placeholders a target fills in when it runs a service's command: {@code
 * {version}}, {@code {artifact}}, {@code {node}}, {@code {service}} and {@code {component}}; and
 * those of a load balancer's templates, {@link BalancerConfig#PLACEHOLDERS}.
 */
public final class Placeholders {
  public static final Set<String> NAMES =
      Set.of("version", "artifact", "node", "service", "component");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private Placeholders() {}

  /** The placeholder names in {@code template} that a target does not know. */
  public static Set<String> unknownIn(String template) {
    return unknownIn(template, NAMES);
  }

  /** The placeholder names in {@code template} that are not among {@code known}. */
  public static Set<String> unknownIn(String template, Set<String> known) {
    Set<String> unknown = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      if (!known.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    return unknown;
  }

  /** Replaces every known placeholder in {@code template} with its value. */
  public static String render(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(
          result, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
