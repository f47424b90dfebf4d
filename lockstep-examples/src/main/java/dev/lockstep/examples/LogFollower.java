package dev.lockstep.examples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows a log a running command appends to (as {@code tail -f} would) and hands each new complete
 * line to a consumer: a long command's progress, shown while it runs. Not thread-safe: one caller
 * polls it.
 */
final class LogFollower implements Runnable {
  private final Path file;
  private final Consumer<String> lines;
  private long offset;
  private String partial = "";

  LogFollower(Path file, Consumer<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** Reads what was appended since the last call. */
  @Override
  public void run() {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
      if (log.length() <= offset) {
        return;
      }
      byte[] added = new byte[(int) (log.length() - offset)];
      log.seek(offset);
      log.readFully(added);
      offset += added.length;
      String text = partial + new String(added, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      partial = text.substring(end + 1);
      if (end >= 0) {
        text.substring(0, end).lines().forEach(lines);
      }
    } catch (IOException e) {
      // Progress is a courtesy; the command's result is what counts.
    }
  }
}
