package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Reads a set's files several at a time. Hashing a dump serially after pg_dump wrote it with {@code
 * -j N} took one core for as long as the dump's own I/O; with as many readers as the dump had jobs,
 * the checksums follow at the dump's pace. Results keep the order of the inputs.
 */
final class ParallelFiles {
  /** One file's work; {@code bytesRead} counts what it read so far, for the shared progress. */
  interface FileWork<T, R> {
    R apply(T item, LongConsumer bytesRead) throws IOException;
  }

  private ParallelFiles() {}

  static <T, R> List<R> map(List<T> items, int threads, Progress bar, FileWork<T, R> work)
      throws IOException {
    AtomicLong done = new AtomicLong();
    if (threads <= 1 || items.size() <= 1) {
      List<R> results = new ArrayList<>();
      for (T item : items) {
        results.add(work.apply(item, counter(done, bar)));
      }
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, items.size()),
            task -> {
              Thread thread = new Thread(task, "lockstep-hash");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item, counter(done, bar))));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the backup's files", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Turns one file's running count into the shared total's. */
  private static LongConsumer counter(AtomicLong done, Progress bar) {
    long[] seen = {0};
    return read -> {
      long total = done.addAndGet(read - seen[0]);
      seen[0] = read;
      synchronized (bar) {
        bar.update(total);
      }
    };
  }
}
