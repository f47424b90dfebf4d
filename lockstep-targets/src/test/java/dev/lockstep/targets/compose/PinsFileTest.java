package dev.lockstep.targets.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinsFileTest {
  @TempDir Path dir;

  @Test
  void write_replacesAndAppendsVariables_keepsOtherLines() throws IOException {
    Path file = dir.resolve(".env.images");
    Files.writeString(file, "# images\nexport API_IMAGE=\"old:1\"\nTZ=UTC\n");
    PinsFile pins = new PinsFile(file);

    assertThat(pins.get("API_IMAGE")).hasValue("old:1");
    assertThat(pins.write(Map.of("API_IMAGE", "acme/api:2", "WORKER_IMAGE", "acme/worker:2")))
        .isTrue();

    assertThat(file)
        .hasContent("# images\nAPI_IMAGE=acme/api:2\nTZ=UTC\nWORKER_IMAGE=acme/worker:2");
    assertThat(pins.previous()).hasContent("# images\nexport API_IMAGE=\"old:1\"\nTZ=UTC");
  }

  @Test
  void write_sameValues_changesNothing() throws IOException {
    Path file = dir.resolve(".env.images");
    Files.writeString(file, "API_IMAGE=acme/api:2\n");

    assertThat(new PinsFile(file).write(Map.of("API_IMAGE", "acme/api:2"))).isFalse();
    assertThat(dir.resolve(".env.images.previous")).doesNotExist();
  }

  @Test
  void write_previousKeptFromTheFirstChangeOnly() throws IOException {
    Path file = dir.resolve(".env.images");
    Files.writeString(file, "API_IMAGE=acme/api:1\n");
    PinsFile pins = new PinsFile(file);

    pins.write(Map.of("API_IMAGE", "acme/api:2"));
    pins.write(Map.of("API_IMAGE", "acme/api:1"));

    assertThat(pins.previous()).hasContent("API_IMAGE=acme/api:1");
    assertThat(file).hasContent("API_IMAGE=acme/api:1");
  }

  @Test
  void write_noFileBefore_createsIt_andLeavesNoStalePrevious() throws IOException {
    Path file = dir.resolve(".env.images");
    Files.writeString(dir.resolve(".env.images.previous"), "API_IMAGE=from-another-run\n");

    new PinsFile(file).write(Map.of("API_IMAGE", "acme/api:1"));

    assertThat(file).hasContent("API_IMAGE=acme/api:1");
    assertThat(dir.resolve(".env.images.previous")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }
}
