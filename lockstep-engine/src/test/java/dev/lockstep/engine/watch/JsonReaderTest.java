package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.testing.JsonEndpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  private final JsonEndpoint endpoint = new JsonEndpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void read_numberAtThePath_isTheValue() {
    endpoint.answer("{\"queue\": {\"lagSeconds\": 12.5}}");

    assertThat(reader(endpoint.root() + "/admin?token=s3cret").read()).hasValue(12.5);
  }

  @Test
  void history_isEmpty() {
    assertThat(reader(endpoint.root()).history(Instant.EPOCH, Instant.now(), Duration.ofMinutes(1)))
        .isEmpty();
  }

  @Test
  void read_pathMissing_namesThePathAndTheHostOnly() {
    endpoint.answer("{\"queue\": {}}");

    assertThatThrownBy(() -> reader(endpoint.root() + "/admin?token=s3cret").read())
        .isInstanceOf(SignalReadException.class)
        .hasMessage(
            "cannot read signal 'lag': GET "
                + endpoint.root()
                + " answered no $.queue.lagSeconds; write the path of the number in what the"
                + " endpoint answers");
  }

  @Test
  void read_notANumber_saysWhatItIs() {
    endpoint.answer("{\"queue\": {\"lagSeconds\": \"12\"}}");

    assertThatThrownBy(() -> reader(endpoint.root()).read())
        .hasMessage(
            "cannot read signal 'lag': GET "
                + endpoint.root()
                + " answered $.queue.lagSeconds = \"12\", not a number; write the path of a number"
                + " (not of a string, an object or a list)");
  }

  @Test
  void read_http500_namesTheStatus() {
    endpoint.answer(500, "{\"error\": \"boom\"}");

    assertThatThrownBy(() -> reader(endpoint.root() + "/admin?token=s3cret").read())
        .hasMessage(
            "cannot read signal 'lag': GET "
                + endpoint.root()
                + " answered HTTP 500; check that the endpoint is up and that its url is right (it"
                + " must answer GET with JSON)")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void read_unreachable_saysSo() {
    String root = Unreachable.root();

    assertThatThrownBy(() -> reader(root + "/admin?token=s3cret").read())
        .hasMessageStartingWith(
            "cannot read signal 'lag': GET " + root + " failed: connection refused or unreachable;")
        .message()
        .doesNotContain("s3cret");
  }

  private static SignalReader reader(String url) {
    return SignalReaders.of(
        new SignalConfig(
            "lag", SignalKind.LEVEL, new SignalSource.Json(url, "$.queue.lagSeconds"), 60.0, null));
  }
}
