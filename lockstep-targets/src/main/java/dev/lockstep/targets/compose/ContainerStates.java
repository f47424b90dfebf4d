package dev.lockstep.targets.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ps --format} prints. Compose 2.21 and later print one JSON object per line;
 * older versions one JSON array. Both are read. Lockstep asks for a small template of the fields it
 * uses ({@link #FORMAT}) rather than {@code --format json}, whose {@code Labels} field grows with
 * the operator's labels and would be cut at the runner's line limit.
 */
public final class ContainerStates {
  /** One JSON object per container: service, name, state, exit code, image and its id. */
  public static final String FORMAT =
      "{\"Service\":{{json .Service}},\"Name\":{{json .Name}},\"State\":{{json .State}},"
          + "\"ExitCode\":{{json .ExitCode}},\"Image\":{{json .Image}},"
          + "\"ImageId\":{{json (.Label \"com.docker.compose.image\")}}}";

  /**
   * The same fields from the engine's own {@code docker ps}, which has no exit code field: it is
   * read from {@code Status} ({@code Exited (3) 2 seconds ago}).
   */
  public static final String DOCKER_PS_FORMAT =
      "{\"Service\":{{json (.Label \"com.docker.compose.service\")}},\"Name\":{{json .Names}},"
          + "\"State\":{{json .State}},\"Status\":{{json .Status}},\"Image\":{{json .Image}},"
          + "\"ImageId\":{{json (.Label \"com.docker.compose.image\")}}}";

  private static final Pattern EXITED = Pattern.compile("Exited \\((-?\\d+)\\)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContainerStates() {}

  /**
   * The containers in {@code lines} (stdout of {@code ps}).
   *
   * @throws IllegalArgumentException naming the line that is not JSON
   */
  public static List<ContainerState> parse(List<String> lines) {
    List<ContainerState> states = new ArrayList<>();
    for (String line : lines) {
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      JsonNode node = read(text);
      if (node.isArray()) {
        node.forEach(item -> states.add(state(item)));
      } else {
        states.add(state(node));
      }
    }
    return List.copyOf(states);
  }

  private static int exitCodeIn(JsonNode status) {
    Matcher exited = EXITED.matcher(status.asText(""));
    return exited.find() ? Integer.parseInt(exited.group(1)) : 0;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
      throw new IllegalArgumentException("not JSON: " + shown, e);
    }
  }

  private static ContainerState state(JsonNode node) {
    return new ContainerState(
        node.path("Service").asText(""),
        node.path("Name").asText(""),
        node.path("State").asText("").toLowerCase(java.util.Locale.ROOT),
        node.has("ExitCode") ? node.path("ExitCode").asInt(0) : exitCodeIn(node.path("Status")),
        node.path("Image").asText(""),
        node.path("ImageId").asText(""));
  }
}
