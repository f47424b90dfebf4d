package dev.lockstep.targets.process;

import java.util.ArrayList;
import java.util.List;

/** Runs a few blocking tasks at once, one thread each, and waits for all of them. */
final class Concurrently {
  private Concurrently() {}

  /**
   * Runs every task on its own thread and returns when all have ended. The failure of the first
   * failed task in list order is thrown, the others' added to it as suppressed: no failure is lost,
   * and none cuts another short.
   */
  static void run(String threadName, List<Runnable> tasks) {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    RuntimeException[] failures = new RuntimeException[tasks.size()];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Runnable task = tasks.get(i);
      int index = i;
      Thread thread =
          new Thread(
              () -> {
                try {
                  task.run();
                } catch (RuntimeException e) {
                  failures[index] = e;
                }
              },
              threadName);
      threads.add(thread);
      thread.start();
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // every task still ends: a half-stopped service is worse
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException first = null; // join() makes each thread's write visible here
    for (RuntimeException failure : failures) {
      if (failure == null) {
        continue;
      }
      if (first == null) {
        first = failure;
      } else {
        first.addSuppressed(failure);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
