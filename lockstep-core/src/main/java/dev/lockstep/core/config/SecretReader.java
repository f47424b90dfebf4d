package dev.lockstep.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a secret the config points at, {@code {env: NAME}} or {@code {file: path}}, and refuses a
 * secret written in the config itself, where it would be copied and logged.
 */
final class SecretReader {
  private static final long MAX_FILE_BYTES = 64 * 1024;

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
      if (!Variables.isDecodable(value)) {
        Problem problem = Variables.notUtf8(null, field + ".env", env.asText());
        problems.add(problem.field(), problem.message(), problem.fix());
        return Secret.of("");
      }
      return Secret.fromVariable(env.asText(), value);
    }
    Path secretFile = resolver.apply(path.asText());
    try {
      // A secret is a line; a device or a huge file named by mistake is never read whole.
      if (Files.exists(secretFile)
          && (!Files.isRegularFile(secretFile) || Files.size(secretFile) > MAX_FILE_BYTES)) {
        problems.add(
            field + ".file",
            secretFile
                + " is not a small regular file (a secret file holds at most "
                + MAX_FILE_BYTES
                + " bytes).",
            "point it at the file that holds only the secret.");
        return Secret.of("");
      }
      return Secret.of(Files.readString(secretFile).strip());
    } catch (IOException e) {
      problems.add(
          field + ".file",
          "cannot read " + secretFile + ": " + reason(e) + ".",
          "create the file, readable by the user that runs Lockstep.");
      return Secret.of("");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    return e.getMessage();
  }

  private static String leaf(String field) {
    return field.substring(field.lastIndexOf('.') + 1);
  }
}
