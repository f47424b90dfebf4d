package dev.lockstep.core.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON path that names one value, {@code $.work.inFlight}, {@code $.nodes[0].count} or {@code
 * $['in-flight']}, as the JSON pointer Jackson reads it by. Wildcards, filters and slices name
 * several values, so they are not such paths.
 */
public final class JsonPathPointer {
  private static final Pattern SEGMENT =
      Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\[([0-9]+)]|\\['([^']*)']|\\[\"([^\"]*)\"]");

  private JsonPathPointer() {}

  /** The pointer of {@code path}, or empty when it is not a path to one value. */
  public static Optional<JsonPointer> of(String path) {
    if (path == null || !path.startsWith("$")) {
      return Optional.empty();
    }
    JsonPointer pointer = JsonPointer.empty();
    Matcher segment = SEGMENT.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!segment.find(at) || segment.start() != at) {
        return Optional.empty();
      }
      if (segment.group(2) != null) {
        pointer = pointer.appendIndex(Integer.parseInt(segment.group(2)));
      } else {
        String name = segment.group(1) != null ? segment.group(1) : segment.group(3);
        pointer = pointer.appendProperty(name != null ? name : segment.group(4));
      }
      at = segment.end();
    }
    return Optional.of(pointer);
  }
}
