package dev.lockstep.targets.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Finds the process a state file names, if it still runs. */
final class LiveProcess {
  /**
   * The JDK derives start instants from the boot time and the clock ticks since boot; two JVMs can
   * see them a little apart if the clock was adjusted between them. A pid reused within a second of
   * the original's start is far less likely than that drift.
   */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private static final Duration POLL = Duration.ofMillis(20);

  private LiveProcess() {}

  /**
   * The live process of {@code state}: its pid exists and was started when the state says. A pid
   * whose start time is unknown is not trusted, since stopping it could kill a stranger.
   */
  static Optional<ProcessHandle> of(ProcessState state) {
    if (state.pid() == null || state.processStartInstant() == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(state.pid())
        .filter(LiveProcess::isRunning)
        .filter(handle -> startedAt(handle, state.processStartInstant()));
  }

  /**
   * Alive and not a zombie: a killed process whose parent has not reaped it yet (or never will, in
   * a container without an init) still has a pid but runs nothing.
   */
  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  /** Waits until {@code handle} has exited; false if it still runs after {@code timeout}. */
  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(handle)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(handle);
      }
    }
    return true;
  }

  private static boolean startedAt(ProcessHandle handle, Instant expected) {
    return handle
        .info()
        .startInstant()
        .map(actual -> Duration.between(actual, expected).abs().compareTo(START_TOLERANCE) <= 0)
        .orElse(false);
  }

  private static boolean isZombie(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      // The command name in parentheses may hold spaces; the state follows the last ')'.
      int end = text.lastIndexOf(')');
      return end > 0 && end + 2 < text.length() && text.charAt(end + 2) == 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
