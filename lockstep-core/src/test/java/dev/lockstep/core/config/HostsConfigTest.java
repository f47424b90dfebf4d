package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target.hosts}: machines reached over SSH, with a key and a known-hosts file. */
class HostsConfigTest {
  private static final String REST =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      services:
        api: {stop: "true", install: "true", start: "true"}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @BeforeEach
  void keys() throws IOException {
    Files.writeString(dir.resolve("deploy_key"), "a key");
    Files.writeString(dir.resolve("known_hosts"), "[10.0.0.5]:2222 ssh-ed25519 AAAA\n");
  }

  @Test
  void load_hosts_resolvesFilesAndDefaultsThePort() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                """
                target:
                  type: command
                  hosts:
                    web-1: {address: 10.0.0.5, port: 2222, user: deploy, keyFile: deploy_key,
                            knownHosts: known_hosts}
                    web-2: {address: web-2.internal, user: deploy, keyFile: deploy_key,
                            knownHosts: known_hosts}
                """));

    assertThat(config.target().hosts())
        .containsExactly(
            Map.entry(
                "web-1",
                new HostConfig(
                    "web-1",
                    "10.0.0.5",
                    2222,
                    "deploy",
                    dir.resolve("deploy_key"),
                    dir.resolve("known_hosts"))),
            Map.entry(
                "web-2",
                new HostConfig(
                    "web-2",
                    "web-2.internal",
                    22,
                    "deploy",
                    dir.resolve("deploy_key"),
                    dir.resolve("known_hosts"))));
    assertThat(config.target().hosts().get("web-1").describe())
        .isEqualTo("web-1 (deploy@10.0.0.5:2222)");
  }

  @Test
  void load_hostWithAPassword_isRefusedNamingTheFieldAndTheKeyWay() throws IOException {
    Path file =
        write(
            """
            target:
              type: process
              hosts:
                web-1: {address: 10.0.0.5, user: deploy, keyFile: deploy_key,
                        knownHosts: known_hosts, password: {env: SSH_PASSWORD}}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("target.hosts.web-1.password")
        .hasMessageContaining("a key only")
        .hasMessageContaining("authorized_keys");
  }

  @Test
  void load_missingKeyFileAndKnownHosts_areRefusedEachWithItsFix() throws IOException {
    Path file =
        write(
            """
            target:
              type: process
              hosts:
                web-1: {address: 10.0.0.5, port: 70000, user: deploy, keyFile: nowhere_key,
                        knownHosts: nowhere_hosts}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("target.hosts.web-1.keyFile")
        .hasMessageContaining(dir.resolve("nowhere_key") + " does not exist")
        .hasMessageContaining("ssh-keygen -t ed25519")
        .hasMessageContaining("target.hosts.web-1.knownHosts")
        .hasMessageContaining("ssh-keyscan -p 70000 10.0.0.5")
        .hasMessageContaining("target.hosts.web-1.port")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_hostWithoutAddressOrUser_isRefused() throws IOException {
    Path file =
        write(
            """
            target:
              type: process
              hosts:
                web-1: {keyFile: deploy_key, knownHosts: known_hosts}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .hasMessageContaining("target.hosts.web-1.address")
        .hasMessageContaining("target.hosts.web-1.user");
  }

  private Path write(String target) throws IOException {
    return Files.writeString(dir.resolve("lockstep.yaml"), REST + target);
  }
}
