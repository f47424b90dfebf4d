package dev.lockstep.core.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A child and everything it started, stopped together: a shell's children must not outlive it. */
final class ProcessTree {
  private ProcessTree() {}

  /** SIGTERM to every member, then SIGKILL to whatever is left after {@code grace}. */
  static void stop(Process process, Duration grace) {
    List<ProcessHandle> family = family(process);
    family.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle member : family) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        member.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        member.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        member.destroyForcibly();
      }
    }
  }

  /** SIGKILL to every member at once, when Lockstep itself is giving up. */
  static void kill(Process process) {
    family(process).forEach(ProcessHandle::destroyForcibly);
  }

  private static List<ProcessHandle> family(Process process) {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
  }
}
