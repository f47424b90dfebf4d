package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a service of the compose target must and must not have: the env variable that pins its
 * image, and none of the other targets' commands (Compose stops, installs and starts it).
 */
final class ComposeServiceRule {
  /** An env file variable name, as Compose interpolates it. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String prefix;
  private final ConfigDocument.Service doc;
  private final ProblemCollector problems;

  ComposeServiceRule(String prefix, ConfigDocument.Service doc, ProblemCollector problems) {
    this.prefix = prefix;
    this.doc = doc;
    this.problems = problems;
  }

  void check() {
    if (doc.image() == null || doc.image().isBlank()) {
      problems.add(
          prefix + ".image",
          "is required for the compose target.",
          "name the variable of target.compose.pins that pins this service's image, e.g."
              + " image: NOTES_API_IMAGE, and write image: ${NOTES_API_IMAGE} in the compose"
              + " file.");
    } else if (!VARIABLE.matcher(doc.image()).matches()) {
      problems.add(
          prefix + ".image",
          "'"
              + doc.image()
              + "' is not an env variable name; the image itself comes from the"
              + " release.",
          "name the variable that pins the image, e.g. image: NOTES_API_IMAGE.");
    }
    List<String> foreign = new ArrayList<>();
    addIf(foreign, "run", doc.run());
    addIf(foreign, "workingDir", doc.workingDir());
    addIf(foreign, "env", doc.env());
    addIf(foreign, "ports", doc.ports());
    addIf(foreign, "stop", doc.stop());
    addIf(foreign, "install", doc.install());
    addIf(foreign, "start", doc.start());
    addIf(foreign, "version", doc.version());
    addIf(foreign, "nodes", doc.nodes());
    for (String field : foreign) {
      problems.add(
          prefix + "." + field,
          "does not apply to the compose target: Compose stops, installs and starts the service,"
              + " and the engine says what runs.",
          "remove it (describe the container in the compose file), or use target.type "
              + (List.of("stop", "install", "start", "version").contains(field)
                  ? "command"
                  : "process")
              + ".");
    }
  }

  /** Whether {@code name} is an env file variable name, as Compose interpolates it. */
  static boolean isVariable(String name) {
    return name != null && VARIABLE.matcher(name).matches();
  }

  private static void addIf(List<String> fields, String field, Object value) {
    if (value != null) {
      fields.add(field);
    }
  }
}
