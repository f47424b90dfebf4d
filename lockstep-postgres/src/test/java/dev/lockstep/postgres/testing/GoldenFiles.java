package dev.lockstep.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a committed file: rendered plans and reports, and the files Lockstep writes
 * in each of its formats. A missing golden file fails the test, since a test that writes its own
 * expectation cannot fail. After an intended change, run the tests with {@code
 * -Dgolden.update=true}: every compared file is then written from the output, and the diff is
 * reviewed before it is committed.
 */
public final class GoldenFiles {
  public static final String UPDATE = "golden.update";

  private final Path dir;
  private final boolean update;

  /**
   * @param update write the files instead of comparing with them
   */
  public GoldenFiles(Path dir, boolean update) {
    this.dir = dir;
    this.update = update;
  }

  /**
   * The golden files in {@code dir}, relative to the module (where Maven runs its tests); rewritten
   * when {@code -Dgolden.update=true}.
   */
  public static GoldenFiles in(String dir) {
    return new GoldenFiles(Path.of(dir), Boolean.getBoolean(UPDATE));
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public void assertMatches(String name, String actual) {
    Path file = file(name);
    try {
      if (update) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, actual);
        return;
      }
      if (!Files.isRegularFile(file)) {
        throw new AssertionError(
            "The golden file "
                + file.toAbsolutePath()
                + " does not exist. If this output is new, run the test with -D"
                + UPDATE
                + "=true to write it, review it and commit it.");
      }
      assertThat(actual)
          .as(
              "the output compared with the golden file %s (after an intended change, -D%s=true"
                  + " rewrites it; review the diff)",
              file, UPDATE)
          .isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
