package dev.lockstep.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a secret the config points at, {@code {env: NAME}} or {@code {file: path}}, and refuses a
 * secret written in the config itself, where it would be copied and logged.
 */
final class SecretReader {
  private final Variables variables;
  private final ProblemCollector problems;
  private final Function<String, Path> resolver;

  SecretReader(Variables variables, ProblemCollector problems, Function<String, Path> resolver) {
    this.variables = variables;
    this.problems = problems;
    this.resolver = resolver;
  }

  /** The secret at {@code field}, or an empty secret after recording the problem. */
  Secret read(JsonNode node, String field) {
    String fix =
        "write " + leaf(field) + ": {env: NAME} or " + leaf(field) + ": {file: /path/to/secret}.";
    if (node == null || node.isNull()) {
      problems.add(field, "is required but missing.", fix);
      return Secret.of("");
    }
    if (!node.isObject()) {
      problems.add(
          field,
          "must not be written in the config file, where it would be copied and logged.",
          fix);
      return Secret.of("");
    }
    JsonNode env = node.get("env");
    JsonNode path = node.get("file");
    if (node.size() != 1 || (env == null && path == null)) {
      problems.add(field, "needs exactly one of env or file.", fix);
      return Secret.of("");
    }
    if (env != null) {
      String value = variables.get(env.asText());
      if (value == null) {
        problems.add(
            field + ".env",
            "the environment variable " + env.asText() + " is not set.",
            "export " + env.asText() + " before running Lockstep.");
        return Secret.of("");
      }
      return Secret.fromVariable(env.asText(), value);
    }
    Path secretFile = resolver.apply(path.asText());
    try {
      return Secret.of(Files.readString(secretFile).strip());
    } catch (IOException e) {
      problems.add(
          field + ".file",
          "cannot read " + secretFile + " (" + e.getClass().getSimpleName() + ").",
          "create the file, readable by the user that runs Lockstep.");
      return Secret.of("");
    }
  }

  private static String leaf(String field) {
    return field.substring(field.lastIndexOf('.') + 1);
  }
}
