package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.config.NoticeConfig.NoticeFormat;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notices}: the webhooks told when downtime starts and how a run ends. */
class NoticesConfigTest {
  private static final String SLACK_URL = "https://hooks.slack.com/services/T0/B0/s3cr3tT0ken";
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
      new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw", "CHAT_HOOK", SLACK_URL)));

  @Test
  void load_withoutNotices_hasNone() throws IOException {
    assertThat(loader.load(write(REST)).notices()).isEmpty();
  }

  @Test
  void load_minimalNotice_hearsEveryEventAsJsonWithDefaults() throws IOException {
    DeploymentConfig config =
        loader.load(write(REST + "notices:\n  - {name: ops, url: 'http://127.0.0.1:9/hook'}\n"));

    NoticeConfig notice = config.notices().get(0);
    assertThat(notice.name()).isEqualTo("ops");
    assertThat(notice.url().reveal()).isEqualTo("http://127.0.0.1:9/hook");
    assertThat(notice.format()).isEqualTo(NoticeFormat.JSON);
    assertThat(notice.events()).isEqualTo(EnumSet.allOf(NoticeEvent.class));
    assertThat(notice.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(notice.retries()).isEqualTo(2);
  }

  @Test
  void load_slackNoticeFromTheEnvironment_keepsItsUrlSecret() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                REST
                    + "notices:\n"
                    + "  - name: ops-chat\n"
                    + "    url: {env: CHAT_HOOK}\n"
                    + "    format: slack\n"
                    + "    events: [downtime-started, needs-operator]\n"
                    + "    timeout: 2s\n"
                    + "    retries: 0\n"));

    NoticeConfig notice = config.notices().get(0);
    assertThat(notice.url().reveal()).isEqualTo(SLACK_URL);
    assertThat(notice.format()).isEqualTo(NoticeFormat.SLACK);
    assertThat(notice.events())
        .containsExactly(NoticeEvent.DOWNTIME_STARTED, NoticeEvent.NEEDS_OPERATOR);
    assertThat(notice.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(notice.retries()).isZero();
    assertThat(notice.toString()).doesNotContain("s3cr3tT0ken");
    assertThat(notice.where()).isEqualTo("ops-chat (https://hooks.slack.com/…)");
    assertThat(SecretRegistry.of(config).redact("posting to " + SLACK_URL))
        .isEqualTo("posting to ******");
  }

  @Test
  void load_badUrlFormatAndEvent_areEachNamedWithoutQuotingTheUrl() throws IOException {
    Path config =
        write(
            REST
                + "notices:\n"
                + "  - name: ops\n"
                + "    url: 'ftp://files.example.com/t0ken'\n"
                + "    format: teams\n"
                + "    events: [upgrade-done, upgrade-started]\n"
                + "    retries: 99\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(config + ": notices[0].url: is not an http(s) URL.")
        .hasMessageContaining("notices[0].format: 'teams' is not a notice format.")
        .hasMessageContaining("Fix: use json (a flat JSON object) or slack")
        .hasMessageContaining(
            "notices[0].events: 'upgrade-started' is not an event Lockstep sends notices for.")
        .hasMessageContaining("downtime-started, upgrade-done, rolled-back, needs-operator")
        .hasMessageContaining("notices[0].retries: 99 is not between 0 and 10.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t0ken"))
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_missingUrlAndTwiceTheSameName_areRefused() throws IOException {
    Path config =
        write(REST + "notices:\n" + "  - {name: ops, url: 'https://h/a'}\n" + "  - {name: ops}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("notices[1].name: 'ops' names two notices.")
        .hasMessageContaining("notices[1].url: is required but missing.");
  }

  @Test
  void load_urlFromAnUnsetVariable_saysWhichToExport() throws IOException {
    Path config = write(REST + "notices:\n  - {name: ops, url: {env: NOT_SET_HOOK}}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("notices[0].url.env: the environment variable NOT_SET_HOOK")
        .hasMessageContaining("export NOT_SET_HOOK");
  }

  @Test
  void loadWithoutSecrets_urlFromAnUnsetVariable_loadsAndIsListed() throws IOException {
    Path config = write(REST + "notices:\n  - {name: ops, url: {env: NOT_SET_HOOK}}\n");

    SecretlessConfig loaded = loader.loadWithoutSecrets(config);

    assertThat(loaded.config().notices().get(0).url().isEmpty()).isTrue();
    assertThat(loaded.unset()).extracting(UnsetSecret::variable).contains("NOT_SET_HOOK");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
