package dev.lockstep.targets.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file format: what is written today, and what earlier releases wrote, both read. */
class StateStoreTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/process-state-v1.json");
  private static final Path UNVERSIONED = Path.of("src/test/resources/state/unversioned.json");

  @TempDir Path dir;

  @Test
  void write_isTheGoldenFormat() throws IOException {
    StateStore store = new StateStore(dir);

    store.write(running());

    String written = Files.readString(dir.resolve("api@local.json"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, written);
    }
    assertThat(GOLDEN).as("golden file (-Dgolden.update=true writes it)").exists();
    assertThat(written).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void read_theGoldenFile_givesWhatWasWritten() throws IOException {
    Files.copy(GOLDEN, dir.resolve("api@local.json"));

    assertThat(new StateStore(dir).read("api", "local")).contains(running());
  }

  @Test
  void read_aFileWithoutFormatVersion_asEarlierReleasesWroteIt() throws IOException {
    Files.copy(UNVERSIONED, dir.resolve("api@local.json"));

    ProcessState state = new StateStore(dir).read("api", "local").orElseThrow();

    assertThat(state.version()).isEqualTo("1.0.0");
    assertThat(state.pid()).isEqualTo(4242L);
    assertThat(state.processStartInstant()).isEqualTo(Instant.parse("2026-11-23T10:15:00.120Z"));
    assertThat(state.runningVersion()).isEqualTo("1.0.0");
    assertThat(state.launchToken()).isNull();
  }

  @Test
  void read_aNewerFormat_isRefusedNamingTheFileAndTheFormat() throws IOException {
    Files.writeString(
        dir.resolve("api@local.json"),
        Files.readString(GOLDEN).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));

    assertThatThrownBy(() -> new StateStore(dir).read("api", "local"))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining(dir.resolve("api@local.json").toString())
        .hasMessageContaining("state format 7, written by a newer Lockstep")
        .hasMessageContaining("formats up to 1");
  }

  private static ProcessState running() {
    return new ProcessState(
        "api",
        "local",
        "1.1.0",
        "/srv/app/.lockstep/artifacts/1.1.0/api/api.jar",
        "5eed5eed5eed5eed",
        4242L,
        Instant.parse("2026-11-23T10:15:00.120Z"),
        Instant.parse("2026-11-23T10:15:00.350Z"),
        "1.1.0");
  }
}
