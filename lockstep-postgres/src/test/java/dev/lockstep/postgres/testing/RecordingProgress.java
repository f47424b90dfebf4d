package dev.lockstep.postgres.testing;

import dev.lockstep.core.api.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Progress.Factory} that remembers every task and how far each got, for assertions. */
public final class RecordingProgress implements Progress.Factory {
  private final List<Task> tasks = new CopyOnWriteArrayList<>();

  /** One started task: its name, unit, latest total and latest position. */
  public static final class Task implements Progress {
    private final String name;
    private final Unit unit;
    private volatile long total;
    private volatile long done;
    private volatile boolean closed;

    Task(String name, long total, Unit unit) {
      this.name = name;
      this.total = total;
      this.unit = unit;
    }

    @Override
    public void update(long done) {
      this.done = done;
    }

    @Override
    public void total(long total) {
      this.total = total;
    }

    @Override
    public void close() {
      closed = true;
    }

    public String name() {
      return name;
    }

    public Unit unit() {
      return unit;
    }

    public long total() {
      return total;
    }

    public long done() {
      return done;
    }

    public boolean closed() {
      return closed;
    }
  }

  @Override
  public Progress start(String task, long total, Progress.Unit unit) {
    Task started = new Task(task, total, unit);
    tasks.add(started);
    return started;
  }

  public List<Task> tasks() {
    return List.copyOf(tasks);
  }

  public Task task(String name) {
    return tasks.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no progress task '" + name + "' in " + names()));
  }

  private List<String> names() {
    return tasks.stream().map(Task::name).toList();
  }
}
