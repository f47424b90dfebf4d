package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.postgres.testing.RecordingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelFilesTest {
  @TempDir Path dir;

  @Test
  void map_manyFilesOnThreeThreads_keepsTheirOrderAndCountsEveryByte() throws IOException {
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < 20; i++) {
      Path file = Files.writeString(dir.resolve("f" + i), "x".repeat(1000 * (20 - i)));
      files.add(file);
      bytes += Files.size(file);
    }
    RecordingProgress progress = new RecordingProgress();
    Progress bar = progress.start("hash", bytes, Progress.Unit.BYTES);

    List<String> sums = ParallelFiles.map(files, 3, bar, Sha256::of);

    assertThat(sums).containsExactlyElementsOf(files.stream().map(Sha256::of).toList());
    assertThat(progress.tasks().get(0).done()).isEqualTo(bytes);
  }

  @Test
  void map_aFileThatCannotBeRead_throwsItsError() {
    List<Path> files = List.of(dir.resolve("missing-a"), dir.resolve("missing-b"));
    Progress bar = new RecordingProgress().start("hash", 0, Progress.Unit.BYTES);

    assertThatThrownBy(
            () -> ParallelFiles.map(files, 2, bar, (file, read) -> Files.readAllBytes(file)))
        .isInstanceOf(NoSuchFileException.class);
  }
}
