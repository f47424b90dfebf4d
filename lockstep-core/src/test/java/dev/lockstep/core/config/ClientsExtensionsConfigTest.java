package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code clients} and {@code extensions}: where to learn which client protocols are connected and
 * which extensions are installed, and whether a gate blocks or warns.
 */
class ClientsExtensionsConfigTest {
  private static final String REST =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader =
      new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "s3cr3t-pw")));

  @Test
  void load_withoutEither_hasNoSources() throws IOException {
    DeploymentConfig config = loader.load(write(REST));

    assertThat(config.clients()).isNull();
    assertThat(config.extensions()).isNull();
  }

  @Test
  void load_clientsHttp_blocksByDefault() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                REST
                    + "clients: {http: {url: 'http://127.0.0.1:8081/clients', path: $.byProtocol}}\n"));

    assertThat(config.clients())
        .isEqualTo(
            ClientsConfig.http("http://127.0.0.1:8081/clients", "$.byProtocol", GatePolicy.BLOCK));
  }

  @Test
  void load_clientsPrometheus_keepsQueryLabelAndPolicy() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                REST
                    + "clients:\n"
                    + "  prometheus:\n"
                    + "    url: http://prometheus:9090\n"
                    + "    query: sum by (proto) (app_connected_clients)\n"
                    + "    label: proto\n"
                    + "  policy: warn\n"));

    assertThat(config.clients())
        .isEqualTo(
            ClientsConfig.prometheus(
                "http://prometheus:9090",
                "sum by (proto) (app_connected_clients)",
                "proto",
                GatePolicy.WARN));
  }

  @Test
  void load_prometheusWithoutLabel_readsTheProtocolLabel() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(REST + "clients: {prometheus: {url: 'http://p:9090', query: app_clients}}\n"));

    assertThat(config.clients().label()).isEqualTo("protocol");
  }

  @Test
  void load_extensions_httpOrCommand() throws IOException {
    DeploymentConfig http =
        loader.load(
            write(
                REST
                    + "extensions:\n"
                    + "  http: {url: 'https://app.example/admin/ext', path: $.installed}\n"
                    + "  policy: block\n"));
    DeploymentConfig command =
        loader.load(write(REST + "extensions: {command: ./list-extensions.sh, policy: warn}\n"));

    assertThat(http.extensions())
        .isEqualTo(
            ExtensionsConfig.http(
                "https://app.example/admin/ext", "$.installed", GatePolicy.BLOCK));
    assertThat(command.extensions())
        .isEqualTo(ExtensionsConfig.command("./list-extensions.sh", GatePolicy.WARN));
  }

  @ParameterizedTest
  @MethodSource("badSections")
  void load_badSection_namesTheFieldAndTheFix(String section, String field, String message)
      throws IOException {
    Path config = write(REST + section);

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(config + ": " + field + ": " + message)
        .hasMessageContaining("Fix:")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  static Stream<Arguments> badSections() {
    return Stream.of(
        Arguments.of(
            "clients: {http: {url: 'http://h/c', path: $.c}, prometheus: {url: 'http://p',"
                + " query: q}}\n",
            "clients",
            "has both http and prometheus"),
        Arguments.of("clients: {policy: warn}\n", "clients", "declares no source"),
        Arguments.of(
            "clients: {http: {url: 'http://h/c', path: $.c}, policy: maybe}\n",
            "clients.policy",
            "'maybe' is not a policy"),
        Arguments.of(
            "clients: {http: {url: 'ftp://h/c', path: $.c}}\n",
            "clients.http.url",
            "is not an http(s) URL"),
        Arguments.of(
            "clients: {http: {url: 'http://h/c', path: '$.clients[*]'}}\n",
            "clients.http.path",
            "'$.clients[*]' is not a JSON path to one value"),
        Arguments.of(
            "clients: {prometheus: {url: 'http://p:9090'}}\n",
            "clients.prometheus.query",
            "is required but missing"),
        Arguments.of(
            "clients: {http: {path: $.c}}\n", "clients.http.url", "is required but missing"),
        Arguments.of(
            "extensions: {command: ./e.sh, http: {url: 'http://h/e', path: $.e}}\n",
            "extensions",
            "has both http and command"),
        Arguments.of("extensions: {command: ' '}\n", "extensions.command", "is empty"),
        Arguments.of(
            "extensions: {http: {url: 'http://h/e'}}\n",
            "extensions.http.path",
            "is required but missing"),
        Arguments.of(
            "extensions: {command: 'list --password s3cr3t-pw'}\n",
            "extensions.command",
            "puts the database password on a command line"));
  }

  @Test
  void load_badUrl_doesNotQuoteIt() throws IOException {
    Path config = write(REST + "clients: {http: {url: 'gopher://h/c?token=tok3n', path: $.c}}\n");

    assertThatThrownBy(() -> loader.load(config))
        .hasMessageContaining("clients.http.url: is not an http(s) URL (it starts 'gopher:')")
        .hasMessageNotContaining("tok3n");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
