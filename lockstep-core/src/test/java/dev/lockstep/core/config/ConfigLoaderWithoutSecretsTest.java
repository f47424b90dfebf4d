package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderWithoutSecretsTest {
  /** The password both as the database's secret and, as the sample does, in a service's env. */
  private static final String CONFIG =
      ConfigLoaderTest.VALID.replace(
          "      stopTimeout: 5s\n",
          "      stopTimeout: 5s\n      env:\n        APP_DB_PASSWORD: ${DB_PASSWORD}\n");

  @TempDir Path dir;

  @Test
  void loadWithoutSecrets_passwordVariableUnset_loadsAndNamesIt() throws IOException {
    SecretlessConfig loaded =
        new ConfigLoader(Variables.of(Map.of())).loadWithoutSecrets(write(CONFIG));

    assertThat(loaded.unset()).containsExactly(new UnsetSecret("database.password", "DB_PASSWORD"));
    assertThat(loaded.unset().get(0).describe())
        .isEqualTo("password variable DB_PASSWORD is not set (database.password)");
    assertThat(loaded.config().database().password().isEmpty()).isTrue();
    assertThat(loaded.config().environment()).isEqualTo("staging");
  }

  @Test
  void loadWithoutSecrets_passwordVariableSet_loadsItAsLoadDoes() throws IOException {
    SecretlessConfig loaded =
        new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "s3cret-pw")))
            .loadWithoutSecrets(write(CONFIG));

    assertThat(loaded.unset()).isEmpty();
    assertThat(loaded.config().database().password().reveal()).isEqualTo("s3cret-pw");
  }

  @Test
  void loadWithoutSecrets_otherVariableUnset_failsAsLoadDoes() throws IOException {
    Path file = write(CONFIG.replace("${API_PORT:-8081}", "${API_PORT}"));

    assertThatThrownBy(() -> new ConfigLoader(Variables.of(Map.of())).loadWithoutSecrets(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("API_PORT");
  }

  @Test
  void load_passwordVariableUnset_stillFails() throws IOException {
    Path file = write(CONFIG);

    assertThatThrownBy(() -> new ConfigLoader(Variables.of(Map.of())).load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("DB_PASSWORD");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("lockstep.yaml"), text);
  }
}
