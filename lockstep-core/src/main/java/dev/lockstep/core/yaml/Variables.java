package dev.lockstep.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lockstep.core.api.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in text values from the environment, so one
 * file serves several machines. Single-brace placeholders such as {@code {version}} are left for
 * the target to fill in.
 */
public final class Variables {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> values;

  private Variables(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Variables fromEnvironment() {
    return new Variables(System.getenv());
  }

  public static Variables of(Map<String, String> values) {
    return new Variables(values);
  }

  /** These variables, with {@code overrides} taking precedence. */
  public Variables with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Variables(merged);
  }

  public String get(String name) {
    return values.get(name);
  }

  /**
   * Whether a variable's value came through intact. The JVM decodes the environment with the
   * locale's encoding and puts U+FFFD where a byte does not fit, so a value holding one is not what
   * the operator exported.
   */
  public static boolean isDecodable(String value) {
    return value.indexOf('\uFFFD') < 0;
  }

  /**
   * The problem of {@code field}, whose value takes the variable {@code name} that is not UTF-8.
   */
  public static Problem notUtf8(Path file, String field, String name) {
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    boolean utf8Locale = encoding.replace("-", "").equalsIgnoreCase("UTF8");
    return new Problem(
        file,
        field,
        "takes the environment variable "
            + name
            + ", whose value holds bytes that are not "
            + (utf8Locale ? "UTF-8" : encoding + " (the encoding of Lockstep's locale)")
            + "; Lockstep would use a different value than the one exported.",
        utf8Locale
            ? "export " + name + " in UTF-8 (e.g. convert it with iconv -f latin1 -t utf-8)."
            : "run Lockstep under a UTF-8 locale (LANG=C.UTF-8) and export " + name + " in UTF-8.");
  }

  /**
   * Expands references in every text value of {@code tree}; returns one problem per unknown name.
   */
  List<Problem> expand(Path file, JsonNode tree) {
    List<Problem> problems = new ArrayList<>();
    expand(file, tree, "", problems);
    return problems;
  }

  private void expand(Path file, JsonNode node, String path, List<Problem> problems) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          field.setValue(
              new TextNode(expandText(file, field.getValue().asText(), fieldPath, problems)));
        } else {
          expand(file, field.getValue(), fieldPath, problems);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String itemPath = path + "[" + i + "]";
        if (array.get(i).isTextual()) {
          array.set(i, new TextNode(expandText(file, array.get(i).asText(), itemPath, problems)));
        } else {
          expand(file, array.get(i), itemPath, problems);
        }
      }
    }
  }

  private String expandText(Path file, String text, String path, List<Problem> problems) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null) {
        value = matcher.group(2);
      }
      if (value == null) {
        problems.add(
            new Problem(
                file,
                path,
                "refers to the environment variable " + name + ", which is not set.",
                "export " + name + " before running Lockstep, or write ${" + name + ":-default}."));
        value = "";
      } else if (!isDecodable(value)) {
        problems.add(notUtf8(file, path, name));
        value = "";
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
