package dev.lockstep.core.process;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A log a command is appended to while it runs: its header, its output as it comes, and how it
 * ended. A log that cannot be written never fails the command; the command's result is what counts.
 * Callers mask secrets before they write.
 */
final class ProcessLog implements AutoCloseable {
  private BufferedWriter writer;

  /**
   * @param file the log to append to; null for none
   */
  ProcessLog(Path file) {
    if (file == null) {
      writer = null;
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
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
