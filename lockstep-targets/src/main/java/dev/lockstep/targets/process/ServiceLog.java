package dev.lockstep.targets.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The log of one service node, {@code <logsDir>/<service>@<node>.log}: the service's own output,
 * with a line from Lockstep wherever it started or killed the service, so that an operator reading
 * the log sees why it stopped.
 */
record ServiceLog(Path file) {

  static ServiceLog of(Path logsDir, String service, String node) {
    return new ServiceLog(
        logsDir.resolve(StateStore.fileSafe(service) + "@" + StateStore.fileSafe(node) + ".log"));
  }

  /** Appends a line from Lockstep; a log that cannot be written never fails the operation. */
  void note(Instant at, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "--- lockstep " + at + ": " + text + " ---\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The log is for humans; the state file is what Lockstep relies on.
    }
  }

  long size() {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
