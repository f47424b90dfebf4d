package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch}: the signals judged after an upgrade, and how long, how often, what it may do. */
class WatchConfigTest {
  private static final String REST =
      """
      environment: production
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void load_withoutWatch_hasNone() throws IOException {
    assertThat(loader.load(write(REST)).watch()).isNull();
  }

  @Test
  void load_everyKindAndSource_withDefaults() throws IOException {
    WatchConfig watch =
        loader
            .load(
                write(
                    REST
                        + """
                        watch:
                          autoRevert: 20m
                          signals:
                            - name: errors
                              kind: rate
                              prometheus: {url: 'http://127.0.0.1:9090', query: 'sum(rate(e[1m]))'}
                            - name: sign-ins
                              kind: ratio
                              minEffect: 0.02
                              json: {url: 'http://127.0.0.1:8081/stats', path: $.signIns.ratio}
                            - name: lag
                              kind: level
                              max: 60
                              metrics: {url: 'http://127.0.0.1:8081/metrics', metric: lag, labels: {queue: main}}
                            - name: memory
                              kind: trend
                              metrics: {url: 'http://127.0.0.1:8081/metrics', metric: rss_bytes}
                        """))
            .watch();

    assertThat(watch.duration()).isEqualTo(Duration.ofHours(48));
    assertThat(watch.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(watch.baseline()).isEqualTo(Duration.ofMinutes(30));
    assertThat(watch.autoRevertWindow()).contains(Duration.ofMinutes(20));
    assertThat(watch.signals())
        .extracting(SignalConfig::name, SignalConfig::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("errors", SignalKind.RATE),
            org.assertj.core.groups.Tuple.tuple("sign-ins", SignalKind.RATIO),
            org.assertj.core.groups.Tuple.tuple("lag", SignalKind.LEVEL),
            org.assertj.core.groups.Tuple.tuple("memory", SignalKind.TREND));
    assertThat(watch.signal("errors").orElseThrow().source())
        .isEqualTo(new SignalSource.Prometheus("http://127.0.0.1:9090", "sum(rate(e[1m]))"));
    assertThat(watch.signal("lag").orElseThrow().source())
        .isEqualTo(
            new SignalSource.Metrics(
                "http://127.0.0.1:8081/metrics", "lag", Map.of("queue", "main")));
    assertThat(watch.signal("lag").orElseThrow().max()).isEqualTo(60.0);
    assertThat(watch.signal("sign-ins").orElseThrow().minEffect()).isEqualTo(0.02);
  }

  @Test
  void load_badSignals_areEachNamedWithTheirFix() throws IOException {
    Path file =
        write(
            REST
                + """
                watch:
                  interval: 1h
                  duration: 30m
                  signals:
                    - name: errors
                      kind: rising
                      json: {url: 'http://127.0.0.1:1/x', path: $.errors}
                    - name: errors
                      kind: rate
                    - name: lag
                      kind: level
                      json: {url: 'http://127.0.0.1:1/x', path: $.lag}
                      prometheus: {url: 'http://127.0.0.1:9090', query: lag}
                    - name: memory
                      kind: trend
                      max: 3
                      minEffect: -1
                      metrics: {url: 'ftp://host/metrics', metric: rss}
                """);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("watch.interval")
        .hasMessageContaining("is not shorter than the watch's duration")
        .hasMessageContaining("watch.signals[0].kind")
        .hasMessageContaining("'rising' is not a kind of signal")
        .hasMessageContaining("watch.signals[1].name")
        .hasMessageContaining("'errors' is used twice")
        .hasMessageContaining("watch.signals[1]: declares no source")
        .hasMessageContaining("watch.signals[2]: declares 2 sources")
        .hasMessageContaining("watch.signals[2].max")
        .hasMessageContaining("is required for a level")
        .hasMessageContaining("watch.signals[3].max")
        .hasMessageContaining("only applies to a level")
        .hasMessageContaining("watch.signals[3].minEffect")
        .hasMessageContaining("watch.signals[3].metrics.url");
  }

  @Test
  void load_aWatchWithoutSignals_isRefused() throws IOException {
    Path file = write(REST + "watch: {duration: 24h}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("watch.signals")
        .hasMessageContaining("a watch with nothing to watch would always pass");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
