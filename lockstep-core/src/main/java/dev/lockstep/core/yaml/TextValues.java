package dev.lockstep.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/** Finds a text value (or a field name) in a YAML tree, and says where it is as a field path. */
final class TextValues {
  private TextValues() {}

  /** The path of the first field name or text value that {@code test} accepts, or null. */
  static String find(JsonNode tree, Predicate<String> test) {
    return find(tree, "", test);
  }

  private static String find(JsonNode node, String path, Predicate<String> test) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return test.test(node.asText()) ? path : null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        String found =
            test.test(field.getKey()) ? fieldPath : find(field.getValue(), fieldPath, test);
        if (found != null) {
          return found;
        }
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      String found = find(node.get(i), path + "[" + i + "]", test);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
