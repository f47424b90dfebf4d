package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with a file under {@code src/test/resources/golden}. Run with {@code
 * -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
final class GoldenFiles {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private GoldenFiles() {}

  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual);
      }
      assertThat(actual).isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
