package dev.lockstep.postgres.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One thread per connection, each taking the next slice until none is left. The first failure stops
 * the others (their queries are cancelled) and is the one thrown.
 */
final class Workers {
  private final TableFingerprints owner;
  private final List<Connection> connections;

  Workers(TableFingerprints owner, List<Connection> connections) {
    this.owner = owner;
    this.connections = connections;
  }

  void run(Queue<TableSlice> queue, SliceSums sums) throws SQLException {
    AtomicReference<SQLException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i < connections.size(); i++) {
      Connection connection = connections.get(i);
      Thread thread =
          new Thread(() -> work(connection, queue, sums, failure), "lockstep-hash-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    work(connections.get(0), queue, sums, failure);
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        owner.cancel();
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while the tables were hashed", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void work(
      Connection connection,
      Queue<TableSlice> queue,
      SliceSums sums,
      AtomicReference<SQLException> failure) {
    for (TableSlice slice = queue.poll(); slice != null; slice = queue.poll()) {
      try {
        owner.hash(connection, slice, sums);
      } catch (SQLException | RuntimeException e) {
        SQLException error =
            e instanceof SQLException sql ? sql : new SQLException("hashing failed: " + e, e);
        if (failure.compareAndSet(null, error)) {
          owner.cancel();
        }
        return;
      }
    }
  }
}
