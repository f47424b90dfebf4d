package dev.lockstep.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
  @TempDir Path dir;

  @Test
  void assertMatches_missingGoldenFile_failsAndWritesNothing() {
    GoldenFiles golden = new GoldenFiles(dir.resolve("golden"), false);

    assertThatThrownBy(() -> golden.assertMatches("plan.txt", "output\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("golden file " + dir.resolve("golden/plan.txt"))
        .hasMessageContaining("does not exist")
        .hasMessageContaining("-Dgolden.update=true");
    assertThat(dir.resolve("golden")).doesNotExist();
  }

  @Test
  void assertMatches_outputDiffers_fails() throws Exception {
    Files.writeString(dir.resolve("plan.txt"), "expected\n");
    GoldenFiles golden = new GoldenFiles(dir, false);

    assertThatThrownBy(() -> golden.assertMatches("plan.txt", "actual\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("plan.txt")
        .hasMessageContaining("expected")
        .hasMessageContaining("actual");
    assertThat(dir.resolve("plan.txt")).hasContent("expected\n");
  }

  @Test
  void assertMatches_sameOutput_passes() throws Exception {
    Files.writeString(dir.resolve("plan.txt"), "same\n");

    new GoldenFiles(dir, false).assertMatches("plan.txt", "same\n");
  }

  @Test
  void assertMatches_updating_writesMissingAndChangedFiles() throws Exception {
    Files.writeString(dir.resolve("old.txt"), "old\n");
    GoldenFiles golden = new GoldenFiles(dir.resolve("."), true);

    golden.assertMatches("old.txt", "new\n");
    golden.assertMatches("more/added.txt", "added\n");

    assertThat(dir.resolve("old.txt")).hasContent("new\n");
    assertThat(dir.resolve("more/added.txt")).hasContent("added\n");
  }

  @Test
  void in_withoutTheUpdateProperty_compares() {
    // Under -Dgolden.update=true this is what is meant to change.
    assumeFalse(Boolean.getBoolean(GoldenFiles.UPDATE));
    GoldenFiles golden = GoldenFiles.in(dir.resolve("absent").toString());

    assertThatThrownBy(() -> golden.assertMatches("x.txt", "x")).isInstanceOf(AssertionError.class);
  }
}
