package dev.lockstep.targets.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code <logsDir>/target.log}, opened for one command: its header, its output as it comes, and how
 * it ended. A log that cannot be written never fails a deployment; the command's result is what
 * counts.
 */
final class TargetLog implements AutoCloseable {
  private BufferedWriter writer;

  /**
   * @param file the log to append to; null for none
   */
  TargetLog(Path file) {
    if (file == null) {
      writer = null;
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      writer = null;
    }
  }

  synchronized void line(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(text);
      writer.newLine();
      // Flushed line by line so that an operator can follow a long install with tail -f.
      writer.flush();
    } catch (IOException e) {
      writer = null;
    }
  }

  @Override
  public synchronized void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // Nothing more will be written.
      }
      writer = null;
    }
  }
}
