package dev.lockstep.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Runs blocking tasks at once, one thread each (or a bounded number at a time), and waits for all.
 */
public final class Concurrently {
  private Concurrently() {}

  /**
   * Runs every task on its own thread and returns when all have ended. The failure of the first
   * failed task in list order is thrown, the others' added to it as suppressed: no failure is lost,
   * and none cuts another short.
   */
  public static void run(String threadName, List<Runnable> tasks) {
    run(threadName, tasks, Integer.MAX_VALUE);
  }

  /**
   * As {@link #run(String, List)}, with at most {@code atOnce} tasks running at any moment: many
   * hosts are worked on in parallel, but not all of a thousand at once. With {@code atOnce} 1 the
   * tasks run in order on this thread, and the first failure stops the rest.
   */
  public static void run(String threadName, List<Runnable> tasks, int atOnce) {
    if (tasks.size() == 1 || atOnce <= 1) {
      // One at a time, in order, as an operator would: the first failure stops the rest.
      tasks.forEach(Runnable::run);
      return;
    }
    Semaphore slots = new Semaphore(atOnce);
    RuntimeException[] failures = new RuntimeException[tasks.size()];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Runnable task = tasks.get(i);
      int index = i;
      Thread thread =
          new Thread(
              () -> {
                slots.acquireUninterruptibly();
                try {
                  task.run();
                } catch (RuntimeException e) {
                  failures[index] = e;
                } finally {
                  slots.release();
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
