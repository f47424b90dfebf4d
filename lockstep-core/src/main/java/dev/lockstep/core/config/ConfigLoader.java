package dev.lockstep.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.core.yaml.YamlBinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates a deployment config. Every problem is found before anything is touched, and
 * reported together with the file, field and fix.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final YamlBinder BINDER =
      new YamlBinder(ErrorCode.CONFIG_INVALID, "deployment config");

  private final Variables variables;

  public ConfigLoader(Variables variables) {
    this.variables = variables;
  }

  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(Variables.fromEnvironment());
  }

  public DeploymentConfig load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    ConfigDocument document = BINDER.read(absolute, ConfigDocument.class, variables);
    return new ConfigValidator(absolute, variables).validate(document);
  }

  /**
   * As {@link #load}, for a command that only reads: a secret {@code {env: NAME}} whose variable is
   * not set loads as an empty secret (and {@code ${NAME}} elsewhere as empty text) instead of
   * failing, and is listed so that the command says what it could not check. Everything else is
   * validated as strictly as by {@link #load}.
   */
  public SecretlessConfig loadWithoutSecrets(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    List<UnsetSecret> unset = new ArrayList<>();
    try {
      findUnset(YAML.readTree(absolute.toFile()), "", unset);
    } catch (IOException | RuntimeException e) {
      // Unreadable as YAML: load() says what is wrong with it, in its own words.
      return new SecretlessConfig(load(file), List.of());
    }
    Map<String, String> empty = new HashMap<>();
    unset.forEach(secret -> empty.put(secret.variable(), ""));
    DeploymentConfig config = new ConfigLoader(variables.with(empty)).load(file);
    return new SecretlessConfig(config, unset);
  }

  /** Every {@code {env: NAME}} under {@code node} whose variable is not set. */
  private void findUnset(JsonNode node, String path, List<UnsetSecret> unset) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode env = node.get("env");
      if (node.size() == 1 && env != null && env.isTextual()) {
        if (variables.get(env.asText()) == null
            && unset.stream().noneMatch(u -> u.variable().equals(env.asText()))) {
          unset.add(new UnsetSecret(path, env.asText()));
        }
        return;
      }
      node.fields()
          .forEachRemaining(
              field ->
                  findUnset(
                      field.getValue(),
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                      unset));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findUnset(node.get(i), path + "[" + i + "]", unset);
      }
    }
  }
}
