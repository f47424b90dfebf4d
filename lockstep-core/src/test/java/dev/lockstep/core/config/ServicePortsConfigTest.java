package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services.<name>.ports}: the ports a process-target service listens on. */
class ServicePortsConfigTest {
  private static final String BASE =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api:
          run: [java, -jar, "{artifact}"]
      """;

  @TempDir Path dir;

  private final ConfigLoader loader =
      new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw", "API_PORT", "9091")));

  @Test
  void load_portsGiven_includingFromTheEnvironment() throws IOException {
    DeploymentConfig config = loader.load(write(BASE + "    ports: [\"${API_PORT}\", 9092]\n"));

    assertThat(config.services().get("api").ports()).containsExactly(9091, 9092);
  }

  @Test
  void load_noPorts_isAnEmptyList() throws IOException {
    assertThat(loader.load(write(BASE)).services().get("api").ports()).isEmpty();
  }

  @Test
  void load_portOutOfRange_namesTheItem() throws IOException {
    assertThatThrownBy(() -> loader.load(write(BASE + "    ports: [8081, 70000]\n")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api.ports[1]")
        .hasMessageContaining("not a TCP port")
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_portTwice_namesTheItem() throws IOException {
    assertThatThrownBy(() -> loader.load(write(BASE + "    ports: [8081, 8081]\n")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api.ports[1]")
        .hasMessageContaining("lists port 8081 twice");
  }

  @Test
  void load_notANumber_namesTheField() throws IOException {
    assertThatThrownBy(() -> loader.load(write(BASE + "    ports: [http]\n")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api.ports");
  }

  @Test
  void load_portsOnACommandTargetService_areRefused() throws IOException {
    String command =
        """
        environment: staging
        database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
        target: {type: command}
        services:
          api:
            stop: systemctl stop api
            install: npm install -g api@{version}
            start: systemctl start api
            ports: [8081]
        """;

    assertThatThrownBy(() -> loader.load(write(command)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("services.api")
        .hasMessageContaining("ports belong to the process target");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("lockstep.yaml"), yaml);
  }
}
