package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.Sha256;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedFilesTest {
  private static final Progress NONE = Progress.NONE.start("t", 0, Progress.Unit.BYTES);
  private static final Duration EVERY = Duration.ofMillis(5);

  @TempDir Path set;

  @Test
  void finish_filesAppendedToWhileFollowed_areHashedAsTheyEndUp() throws Exception {
    Path part = Files.createDirectories(set.resolve("postgres/main"));
    Random random = new Random(7);
    List<BackupFile> files;
    try (FollowedFiles followed = FollowedFiles.start(set, "postgres/main", EVERY)) {
      try (OutputStream toc = Files.newOutputStream(part.resolve("toc.dat"));
          OutputStream data = Files.newOutputStream(part.resolve("3412.dat.gz"))) {
        for (int i = 0; i < 40; i++) {
          byte[] chunk = new byte[1 + random.nextInt(70_000)];
          random.nextBytes(chunk);
          (i % 3 == 0 ? toc : data).write(chunk);
          (i % 3 == 0 ? toc : data).flush();
          Thread.sleep(2); // several passes of the follower read a part of each file
        }
      }
      Files.write(part.resolve("3414.dat.gz"), new byte[0]);
      files = followed.finish(NONE);
    }

    assertThat(files)
        .containsExactly(
            onDisk("postgres/main/3412.dat.gz"),
            onDisk("postgres/main/3414.dat.gz"),
            onDisk("postgres/main/toc.dat"));
  }

  @Test
  void finish_fileThatShrankAfterItWasRead_isHashedAgainFromItsStart() throws Exception {
    Path part = Files.createDirectories(set.resolve("postgres/main"));
    Path file = part.resolve("toc.dat");
    List<BackupFile> files;
    try (FollowedFiles followed = FollowedFiles.start(set, "postgres/main", EVERY)) {
      Files.write(file, new byte[100_000]);
      Thread.sleep(200); // read whole by now
      Files.write(file, "rewritten".getBytes(), StandardOpenOption.TRUNCATE_EXISTING); // shorter
      files = followed.finish(NONE);
    }

    assertThat(files).containsExactly(onDisk("postgres/main/toc.dat"));
    assertThat(files.get(0).size()).isEqualTo(9);
  }

  @Test
  void finish_nothingWritten_isEmpty() throws Exception {
    Files.createDirectories(set.resolve("postgres/main"));
    try (FollowedFiles followed = FollowedFiles.start(set, "postgres/main", EVERY)) {
      assertThat(followed.finish(NONE)).isEmpty();
    }
  }

  private BackupFile onDisk(String path) throws Exception {
    Path file = set.resolve(path);
    return new BackupFile(path, Files.size(file), Sha256.of(file));
  }
}
