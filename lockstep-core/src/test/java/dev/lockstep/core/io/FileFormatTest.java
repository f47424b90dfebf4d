package dev.lockstep.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatTest {
  private static final FileFormat FORMAT =
      new FileFormat("sample file", 2, ErrorCode.BACKUP_UNKNOWN);

  record Sample(int formatVersion, String name) {}

  @TempDir Path dir;

  @Test
  void readTree_noFormatVersion_isVersionOne() throws Exception {
    Path file = write("{\"name\": \"old\"}");

    FileFormat.Versioned read = FORMAT.readTree(file);

    assertThat(read.version()).isEqualTo(FileFormat.UNVERSIONED).isEqualTo(1);
    assertThat(read.document().get("name").asText()).isEqualTo("old");
    assertThat(FORMAT.read(file, Sample.class)).isEqualTo(new Sample(1, "old"));
  }

  @Test
  void read_everyVersionUpToTheCurrent_isRead() throws Exception {
    assertThat(FORMAT.read(write("{\"formatVersion\": 1, \"name\": \"a\"}"), Sample.class))
        .isEqualTo(new Sample(1, "a"));
    assertThat(FORMAT.read(write("{\"formatVersion\": 2, \"name\": \"b\"}"), Sample.class))
        .isEqualTo(new Sample(2, "b"));
  }

  @Test
  void read_unknownFieldInAKnownVersion_isIgnored() throws Exception {
    assertThat(
            FORMAT.read(
                write("{\"formatVersion\": 2, \"name\": \"b\", \"addedLater\": [1]}"),
                Sample.class))
        .isEqualTo(new Sample(2, "b"));
  }

  @Test
  void readTree_newerVersion_isRefusedNamingTheFileBothVersionsAndTheFix() throws Exception {
    Path file = write("{\"formatVersion\": 3, \"name\": \"new\"}");

    assertThatThrownBy(() -> FORMAT.readTree(file))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage())
                  .isEqualTo(
                      file
                          + ": formatVersion: this sample file has format version 3, written by a"
                          + " newer Lockstep; this Lockstep reads versions 1 to 2. Fix: use a"
                          + " Lockstep that reads format version 3 (the release that wrote the"
                          + " file, or a later one).");
            });
  }

  @Test
  void readTree_versionThatIsNoWholeNumberFromOne_isRefused() throws Exception {
    for (String version : new String[] {"0", "-1", "1.5", "\"1\"", "99999999999", "[1]"}) {
      Path file = write("{\"formatVersion\": " + version + "}");

      assertThatThrownBy(() -> FORMAT.readTree(file))
          .as(version)
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith(file + ": formatVersion: ")
          .hasMessageContaining("is not a format version");
    }
  }

  @Test
  void readTree_notAJsonObject_isAnIoError() throws Exception {
    for (String text : new String[] {"", "[1, 2]", "{\"name\": "}) {
      Path file = write(text);

      assertThatThrownBy(() -> FORMAT.readTree(file)).as(text).isInstanceOf(IOException.class);
    }
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "sample", ".json");
    Files.writeString(file, text);
    return file;
  }
}
