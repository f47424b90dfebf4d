package dev.lockstep.postgres.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes a dump takes so far: the file, or every file of the folder for the directory format. */
final class DumpSize {
  private DumpSize() {}

  static long of(Path target) {
    try (Stream<Path> files = Files.walk(target)) {
      return files.filter(Files::isRegularFile).mapToLong(DumpSize::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      // pg_dump has not created it yet, or is replacing a file while we look.
      return 0;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
